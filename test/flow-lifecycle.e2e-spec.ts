import { ADMIN_TOKEN } from './helpers/app-fixtures';
import { addFlow, expectError, newApp, validProtocol } from './helpers/flow-layout';
import { createTestApp, TestApp } from './helpers/test-app';

// The whole life of a flow through HTTP only: add, read, update, publish a version on a
// platform, bind a caller app, look the published version up, compare, delete.

describe('flow lifecycle through the layout, publish and auth routes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_TOKEN });
  });

  afterAll(async () => {
    await t.close();
  });

  it('adds, updates, publishes, binds and serves a flow', async () => {
    const tenant = await newApp(t, {
      is_tenant: 1,
      source: 1,
      actual_source: 1,
      plat_release_auth: 1,
      api_key: 'k',
      api_secret: 's',
    });
    const caller = await newApp(t);
    const flowId = await addFlow(t, { name: 'life', app_id: tenant.alias, data: validProtocol() });

    const info = () =>
      t.http().get(`/workflow/v1/get_flow_info/${flowId}`).set('X-Consumer-Username', caller.alias);
    expectError((await info()).body, 20004);

    const updated = await t
      .http()
      .post(`/workflow/v1/protocol/update/${flowId}`)
      .send({ description: 'a lifecycle flow', data: validProtocol('life v1') });
    expect(updated.body.code).toBe(0);

    const publish = await t
      .http()
      .post('/v1/publish')
      .set('X-Consumer-Username', tenant.alias)
      .send({ flow_id: flowId, release_status: 1, plat: 1, version: 'v1.0' });
    expect(publish.body).toEqual({ code: 0, message: 'success', sid: expect.any(String) });

    const auth = await t
      .http()
      .post('/v1/auth')
      .set('X-Consumer-Username', tenant.alias)
      .send({ flow_id: flowId, app_id: caller.alias });
    expect(auth.body.code).toBe(0);

    const served = await info();
    expect(served.body.code).toBe(0);
    expect(served.body.data).toEqual({
      name: 'life',
      description: 'a lifecycle flow',
      inputSchema: {
        type: 'object',
        properties: { AGENT_USER_INPUT: { type: 'string', description: 'question' } },
        required: ['AGENT_USER_INPUT'],
      },
    });

    const read = await t.http().post('/workflow/v1/protocol/get').send({ flow_id: flowId });
    const row = JSON.parse(read.body.data);
    expect(row).toMatchObject({ version: '-1', description: 'a lifecycle flow' });
    expect(row.release_status & 1).toBe(1);

    const save = await t
      .http()
      .post('/sparkflow/v1/protocol/compare/save')
      .send({ flow_id: flowId, data: validProtocol('variant'), version: 'cmp-1' });
    expect(save.body.code).toBe(0);
    const dropCompare = await t
      .http()
      .delete('/sparkflow/v1/protocol/compare/delete')
      .send({ flow_id: flowId, version: 'cmp-1' });
    expect(dropCompare.body.code).toBe(0);

    const build = await t.http().post(`/workflow/v1/protocol/build/${flowId}`);
    expect(build.text).toMatch(/^data: \{"end_of_stream":true,"sid":"[^"]+"\}\n\n$/);

    const del = await t
      .http()
      .post('/workflow/v1/protocol/delete')
      .send({ flow_id: flowId, app_id: tenant.alias });
    expect(del.body.code).toBe(0);
    expectError(
      (await t.http().post('/workflow/v1/protocol/get').send({ flow_id: flowId })).body,
      20201,
    );
  });
});
