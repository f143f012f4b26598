import { ManagementPlatformFixture } from './fixtures/management-platform.fixture';
import { ADMIN_TOKEN, groupRows } from './helpers/app-fixtures';
import {
  addFlow,
  expectError,
  flowRow,
  newApp,
  rowsOfApp,
  validProtocol,
} from './helpers/flow-layout';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// Bodies that never reach a handler (malformed JSON, over the body limit, not an object) and the
// remote app resolution codes of /protocol/add: each answers its code and stores nothing.

const BODY_LIMIT = '2kb';

describe('layout routes: unreadable bodies, body limit, app resolution', () => {
  let t: TestApp;
  let platform: ManagementPlatformFixture;

  beforeAll(async () => {
    platform = await new ManagementPlatformFixture().start();
    t = await createTestApp({
      ADMIN_TOKEN,
      BODY_LIMIT,
      APP_MANAGE_PLAT_APP_LIST: platform.listUrl,
      APP_MANAGE_PLAT_APP_DETAILS: platform.detailsUrl,
    });
  });

  afterAll(async () => {
    await t.close();
    await platform.stop();
  });

  const ROUTES: [string, string][] = [
    ['post', '/workflow/v1/protocol/add'],
    ['post', '/sparkflow/v1/protocol/get'],
    ['post', '/workflow/v1/protocol/update/1'],
    ['post', '/workflow/v1/protocol/delete'],
    ['post', '/sparkflow/v1/protocolcompare/save'],
    ['post', '/workflow/v1/protocol/compare/save'],
    ['delete', '/workflow/v1/protocol/compare/delete'],
  ];

  function call(method: string, path: string) {
    return method === 'delete' ? t.http().delete(path) : t.http().post(path);
  }

  it.each(ROUTES)('%s %s answers 460 json_invalid for malformed JSON', async (method, path) => {
    const res = await call(method, path)
      .set('Content-Type', 'application/json')
      .send('{"flow_id": "1",')
      .expect(200);
    expectError(res.body, 460);
    expect(res.body.message).toMatch(
      /^Parameter: body->\d+, Input: .*JSON decode error \(json_invalid\)$/,
    );
  });

  it.each(ROUTES)('%s %s answers 460 over the body limit', async (method, path) => {
    const res = await call(method, path)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ flow_id: '1', name: 'x'.repeat(4096) }))
      .expect(200);
    expectError(res.body, 460);
    expect(res.body.message).toContain('(body_too_large)');
  });

  it.each([
    ['a list', '[]'],
    ['a string', '"text"'],
    ['a number', '12'],
  ])('answers 460 for a body that is %s', async (_case, text) => {
    const res = await t
      .http()
      .post('/workflow/v1/protocol/get')
      .set('Content-Type', 'application/json')
      .send(text);
    expectError(res.body, 460);
  });

  it('stores nothing for an add over the body limit', async () => {
    const app = await newApp(t);
    const protocol = validProtocol();
    (protocol as { description: string }).description = 'd'.repeat(4096);
    const res = await t
      .http()
      .post('/workflow/v1/protocol/add')
      .send({ name: 'big', app_id: app.alias, data: protocol });
    expectError(res.body, 460);
    expect(await rowsOfApp(t, app.alias)).toHaveLength(0);
  });

  it('changes nothing for an update over the body limit', async () => {
    const app = await newApp(t);
    const id = await addFlow(t, { name: 'small', app_id: app.alias, data: validProtocol() });
    const res = await t
      .http()
      .post(`/workflow/v1/protocol/update/${id}`)
      .send({ name: 'renamed', description: 'd'.repeat(4096) });
    expectError(res.body, 460);
    expect((await flowRow(t, id))!.name).toBe('small');
  });

  it('stores nothing for a comparison over the body limit', async () => {
    const app = await newApp(t);
    const id = await addFlow(t, { name: 'small', app_id: app.alias });
    const res = await t
      .http()
      .post('/workflow/v1/protocolcompare/save')
      .send({ flow_id: id, version: 'v1', data: { blob: 'b'.repeat(4096) } });
    expectError(res.body, 460);
    expect(await groupRows(t, (await flowRow(t, id))!.groupId)).toHaveLength(1);
  });

  it('answers 20002 when the platform names a source this service does not know', async () => {
    const alias = uniqueAlias();
    platform.setList(alias, { body: { code: 0, data: [{ source: 'unknown-source-id' }] } });
    const res = await t
      .http()
      .post('/workflow/v1/protocol/add')
      .send({ name: 'x', app_id: alias, data: validProtocol() });
    expectError(res.body, 20002, /^Application tenant not found/);
    expect(await rowsOfApp(t, alias)).toHaveLength(0);
  });

  it('answers 20001 when the platform refuses', async () => {
    const alias = uniqueAlias();
    platform.setList(alias, { status: 500, body: 'down' });
    const res = await t
      .http()
      .post('/workflow/v1/protocol/add')
      .send({ name: 'x', app_id: alias, data: validProtocol() });
    expectError(res.body, 20001, /^Failed to get application from management platform\(/);
    expect(await rowsOfApp(t, alias)).toHaveLength(0);
  });
});

describe('layout routes in the OpenAPI document', () => {
  it('documents every canonical path with its body and answers', async () => {
    const t = await createTestApp();
    try {
      const doc = (await t.http().get('/openapi.json').expect(200)).body;
      const routes: [string, string, string[]][] = [
        ['post', '/protocol/add', ['code_20102', 'code_20001', 'code_20002', 'code_22100']],
        ['post', '/protocol/get', ['code_20201', 'code_20209']],
        ['post', '/protocol/update/{flow_id}', ['code_20201', 'code_20205', 'code_20104']],
        ['post', '/protocol/delete', ['code_20103']],
        ['get', '/get_flow_info/{flow_id}', ['code_20004', 'code_20005', 'code_20204']],
        ['post', '/protocolcompare/save', ['code_20201', 'code_20102']],
        ['delete', '/protocol/compare/delete', ['code_20201', 'code_20103']],
      ];
      // the /sparkflow/v1 and /protocol/compare/save aliases are served but not documented
      expect(doc.paths['/sparkflow/v1/protocol/get']).toBeUndefined();
      expect(doc.paths['/workflow/v1/protocol/compare/save']).toBeUndefined();
      for (const prefix of ['/workflow/v1']) {
        for (const [method, path, codes] of routes) {
          const op = doc.paths[`${prefix}${path}`]?.[method];
          expect(op?.summary).toEqual(expect.any(String));
          const examples = op.responses['200'].content['application/json'].examples;
          expect(Object.keys(examples)).toEqual(
            expect.arrayContaining(['success', 'code_460', ...codes]),
          );
          if (method !== 'get') expect(op.requestBody).toBeDefined();
        }
        const build = doc.paths[`${prefix}/protocol/build/{flow_id}`].post;
        expect(build.responses['200'].content['text/event-stream']).toBeDefined();
      }
      const info = doc.paths['/workflow/v1/get_flow_info/{flow_id}'].get;
      expect(info.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'X-Consumer-Username' })]),
      );
    } finally {
      await t.close();
    }
  });
});
