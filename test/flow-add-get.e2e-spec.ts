import { ADMIN_TOKEN } from './helpers/app-fixtures';
import {
  addFlow,
  expectError,
  flowRow,
  newApp,
  PREFIXES,
  rowsOfApp,
  UNKNOWN_ID,
  validProtocol,
} from './helpers/flow-layout';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// POST /protocol/add and /protocol/get (docs/api.md#flow-storage) through HTTP.

describe('flow storage: /protocol/add and /protocol/get', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_TOKEN });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('POST /protocol/add', () => {
    it.each([...PREFIXES, `${PREFIXES[0]}/protocol/add/`])(
      'creates a working row under %s',
      async (prefix) => {
        const app = await newApp(t, { actual_source: 4, source: 1 });
        const path = prefix.endsWith('/') ? prefix : `${prefix}/protocol/add`;
        const protocol = validProtocol('流程 demo');
        const res = await t
          .http()
          .post(path)
          .send({
            name: '流程 demo',
            description: 'd',
            data: protocol,
            app_id: app.alias,
            status: 1,
          })
          .expect(200);
        expect(res.body).toEqual({
          code: 0,
          message: 'success',
          data: { flow_id: expect.stringMatching(/^\d{18,19}$/) },
          sid: expect.any(String),
        });
        const row = await flowRow(t, res.body.data.flow_id);
        expect(row).toMatchObject({
          name: '流程 demo',
          description: 'd',
          data: protocol,
          releaseData: {},
          version: '-1',
          status: 1,
          releaseStatus: 0,
          appId: app.alias,
          source: 4,
          tag: 0,
        });
        expect(row!.groupId).toMatch(/^\d{18,19}$/);
        expect(row!.groupId).not.toBe(row!.id);
      },
    );

    it('ignores unknown fields and the fields the service assigns', async () => {
      const app = await newApp(t);
      const id = await addFlow(t, {
        id: '42',
        group_id: 42,
        version: 'v9',
        release_status: 5,
        release_data: { x: 1 },
        tag: 1,
        source: 2,
        create_at: '2020-01-01T00:00:00',
        model: 'gpt',
        extra: { nested: true },
        app_id: app.alias,
      });
      const row = await flowRow(t, id);
      expect(id).not.toBe('42');
      expect(row).toMatchObject({
        name: '',
        description: '',
        data: {},
        releaseData: {},
        version: '-1',
        status: 0,
        releaseStatus: 0,
        tag: 0,
        source: 1,
      });
      expect(row!.groupId).not.toBe('42');
      expect(Math.abs(row!.createAt.getTime() - Date.now())).toBeLessThan(60_000);
    });

    it.each([2, -1, 100])(
      'refuses status %p with 20102 before resolving the app',
      async (status) => {
        const alias = uniqueAlias();
        const res = await t
          .http()
          .post('/workflow/v1/protocol/add')
          .send({ name: 'x', status, app_id: alias, data: validProtocol() })
          .expect(200);
        expectError(
          res.body,
          20102,
          `Protocol creation error(status value can only be 0 or 1, current value is ${status})`,
        );
        expect(await rowsOfApp(t, alias)).toHaveLength(0);
      },
    );

    it('answers 20001 for an app that is neither stored nor resolvable, storing nothing', async () => {
      const alias = uniqueAlias();
      const res = await t
        .http()
        .post('/workflow/v1/protocol/add')
        .send({ name: 'x', app_id: alias, data: validProtocol() })
        .expect(200);
      expectError(res.body, 20001, /^Failed to get application from management platform/);
      expect(await rowsOfApp(t, alias)).toHaveLength(0);
    });

    it('answers 20001 without app_id', async () => {
      const res = await t.http().post('/workflow/v1/protocol/add').send({ name: 'x' }).expect(200);
      expectError(res.body, 20001);
    });

    it.each([
      ['data.data missing', { name: 'p' }],
      ['data.data a string', { name: 'p', data: 'nodes' }],
      ['data.data a list', { name: 'p', data: [] }],
    ])(
      'answers 20102 when %s and leaves no row (docs/decisions.md#q9)',
      async (_case, protocol) => {
        const app = await newApp(t);
        const res = await t
          .http()
          .post('/workflow/v1/protocol/add')
          .send({ name: 'x', app_id: app.alias, data: protocol })
          .expect(200);
        expectError(res.body, 20102, 'Protocol creation error');
        expect(await rowsOfApp(t, app.alias)).toHaveLength(0);
      },
    );

    it('stores an empty protocol without validating it', async () => {
      const app = await newApp(t);
      const id = await addFlow(t, { name: 'empty', app_id: app.alias, data: {} });
      expect((await flowRow(t, id))!.data).toEqual({});
    });

    it.each([
      ['name', 123, 'body->name', 'string_type'],
      ['name', 'n'.repeat(129), 'body->name', 'string_too_long'],
      ['description', 'd'.repeat(1025), 'body->description', 'string_too_long'],
      ['data', [], 'body->data', 'dict_type'],
      ['data', 'text', 'body->data', 'dict_type'],
      ['status', '1', 'body->status', 'int_type'],
      ['status', 1.5, 'body->status', 'int_type'],
      ['app_id', 7, 'body->app_id', 'string_type'],
      ['app_id', 'a'.repeat(256), 'body->app_id', 'string_too_long'],
    ])(
      'answers 460 for %s of the wrong type or length and stores nothing (case %#)',
      async (field, value, loc, type) => {
        const app = await newApp(t);
        const res = await t
          .http()
          .post('/workflow/v1/protocol/add')
          .send({ name: 'x', app_id: app.alias, data: validProtocol(), [field]: value })
          .expect(200);
        expectError(res.body, 460);
        expect(res.body.message).toContain(`Parameter: ${loc}, Input: `);
        expect(res.body.message).toContain(`(${type})`);
        expect(await rowsOfApp(t, app.alias)).toHaveLength(0);
      },
    );
  });

  describe('POST /protocol/get', () => {
    it.each(PREFIXES)('answers the row as pretty JSON text under %s', async (prefix) => {
      const app = await newApp(t, { actual_source: 2 });
      const protocol = validProtocol('ünïcødé 名前');
      const id = await addFlow(t, { name: 'ünïcødé 名前', data: protocol, app_id: app.alias });
      const row = (await flowRow(t, id))!;
      const res = await t
        .http()
        .post(`${prefix}/protocol/get`)
        .send({ flow_id: id, app_id: null, unknown: 1 })
        .expect(200);
      expect(res.body).toEqual({
        code: 0,
        message: 'success',
        data: expect.any(String),
        sid: expect.any(String),
      });
      const text: string = res.body.data;
      // ids are bare integers with every digit; JSON.parse would round them, so read the text
      expect(text.startsWith(`{\n  "id": ${id},\n  "group_id": ${row.groupId},\n  "name": `)).toBe(
        true,
      );
      expect(res.text).toContain('ünïcødé 名前'); // raw, not \u-escaped
      const parsed = JSON.parse(text);
      expect(Object.keys(parsed)).toEqual([
        'id',
        'group_id',
        'name',
        'data',
        'release_data',
        'description',
        'version',
        'status',
        'release_status',
        'app_id',
        'source',
        'create_at',
        'tag',
        'update_at',
      ]);
      expect(parsed).toMatchObject({
        name: 'ünïcødé 名前',
        data: protocol,
        release_data: {},
        description: '',
        version: '-1',
        status: 0,
        release_status: 0,
        app_id: app.alias,
        source: 2,
        tag: 0,
      });
      expect(parsed.create_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/);
      expect(parsed.update_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/);
      expect(text).toContain('\n    "data": {\n      "nodes": [\n'); // 2-space indentation
    });

    it('answers 20201 for an unknown id and 20209 for a non-numeric one', async () => {
      const unknown = await t
        .http()
        .post('/workflow/v1/protocol/get')
        .send({ flow_id: UNKNOWN_ID });
      expectError(unknown.body, 20201, 'Flow ID not found');
      for (const flowId of ['abc', '', '12x', '1.5']) {
        const res = await t.http().post('/workflow/v1/protocol/get').send({ flow_id: flowId });
        expectError(res.body, 20209, 'Workflow retrieval failed');
      }
      const huge = await t
        .http()
        .post('/workflow/v1/protocol/get')
        .send({ flow_id: '9'.repeat(40) });
      expectError(huge.body, 20201);
    });

    it.each([
      [{}, 'body->flow_id', 'missing'],
      [{ flow_id: 738123456789 }, 'body->flow_id', 'string_type'],
      [{ flow_id: null }, 'body->flow_id', 'missing'],
      [{ flow_id: '1', app_id: 5 }, 'body->app_id', 'string_type'],
    ])('answers 460 for %j', async (body, loc, type) => {
      const res = await t.http().post('/workflow/v1/protocol/get').send(body).expect(200);
      expectError(res.body, 460);
      expect(res.body.message).toContain(`Parameter: ${loc}`);
      expect(res.body.message).toContain(`(${type})`);
    });
  });
});
