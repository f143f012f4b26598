import { createApps, type Json, type World } from './chat.helpers';
import { kitchenSinkProtocol } from './helpers/kitchen-sink-dsl';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

describe('integration nodes together (console-shaped DSL)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({ RUNTIME_ENV: 'test' });
    w = await createApps(t, uniqueAlias(''));
  });
  afterAll(async () => {
    await t.close();
  });

  it('kitchen sink: /protocol/add and /protocol/build accept every node type', async () => {
    const proto: Json = kitchenSinkProtocol();
    const add = await t
      .http()
      .post('/workflow/v1/protocol/add')
      .send({ name: proto.name, app_id: w.tenant, data: proto });
    expect(add.body).toMatchObject({ code: 0 });
    const flowId = (add.body.data as { flow_id: string }).flow_id;
    const build = await t.http().post(`/workflow/v1/protocol/build/${flowId}`).expect(200);
    expect(build.text).toMatch(/^data: \{"end_of_stream":true,"sid":"[^"]+"\}\n\n$/);
  });
});
