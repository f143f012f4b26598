import { ADMIN_TOKEN, licensesOf, seedFlow } from './helpers/app-fixtures';
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

// Layout routes add / get / update / delete (spec/api.md §4.9.1–4.9.4) through HTTP.

describe('flow storage: /protocol/add, /get, /update, /delete', () => {
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
    ])('answers 20102 when %s and leaves no row (§11 Q9)', async (_case, protocol) => {
      const app = await newApp(t);
      const res = await t
        .http()
        .post('/workflow/v1/protocol/add')
        .send({ name: 'x', app_id: app.alias, data: protocol })
        .expect(200);
      expectError(res.body, 20102, 'Protocol creation error');
      expect(await rowsOfApp(t, app.alias)).toHaveLength(0);
    });

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

  describe('POST /protocol/update/{flow_id}', () => {
    async function draft(columns: Record<string, unknown> = {}) {
      const app = await newApp(t, columns);
      const id = await addFlow(t, {
        name: 'before',
        description: 'before',
        data: validProtocol('before'),
        app_id: app.alias,
      });
      return { app, id, before: (await flowRow(t, id))! };
    }

    it.each(PREFIXES)('applies the non-empty fields under %s', async (prefix) => {
      const { id, before } = await draft();
      const protocol = validProtocol('after');
      const res = await t
        .http()
        .post(`${prefix}/protocol/update/${id}`)
        .send({ name: 'after', description: '', data: protocol, status: 0, unknown: true })
        .expect(200);
      expect(res.body).toEqual({ code: 0, message: 'success', sid: expect.any(String) });
      const row = (await flowRow(t, id))!;
      expect(row).toMatchObject({
        name: 'after',
        description: 'before',
        data: protocol,
        status: 0,
        releaseData: {},
        appId: before.appId,
      });
      expect(row.updateAt.getTime()).toBeGreaterThanOrEqual(before.updateAt.getTime());
    });

    it('accepts a trailing slash and an empty body', async () => {
      const { id, before } = await draft();
      const res = await t.http().post(`/workflow/v1/protocol/update/${id}/`).expect(200);
      expect(res.body.code).toBe(0);
      expect((await flowRow(t, id))!.name).toBe(before.name);
    });

    it('publishes with status 1: copies data to release_data and binds the owner app', async () => {
      const { app, id } = await draft();
      const protocol = validProtocol('published');
      const res = await t
        .http()
        .post(`/workflow/v1/protocol/update/${id}`)
        .send({ data: protocol, status: 1 })
        .expect(200);
      expect(res.body.code).toBe(0);
      const row = (await flowRow(t, id))!;
      expect(row).toMatchObject({ status: 1, data: protocol, releaseData: protocol });
      const licenses = await licensesOf(t, app.id);
      expect(licenses).toEqual([expect.objectContaining({ groupId: row.groupId, status: 1 })]);
      // a second update of a published row keeps the single licence
      await t.http().post(`/workflow/v1/protocol/update/${id}`).send({ name: 'again' }).expect(200);
      expect(await licensesOf(t, app.id)).toHaveLength(1);
      expect((await flowRow(t, id))!.status).toBe(1); // status 0 is not applied
    });

    it('answers 20205 when publishing a row without owner app', async () => {
      const seeded = await seedFlow(t, { appId: '', name: 'orphan' });
      const res = await t
        .http()
        .post(`/workflow/v1/protocol/update/${seeded.id}`)
        .send({ name: 'renamed', status: 1 })
        .expect(200);
      expectError(res.body, 20205, 'Workflow has no appid');
      expect((await flowRow(t, seeded.id))!).toMatchObject({ name: 'orphan', status: 0 });
    });

    it('answers 20001 when the owner app cannot be resolved and changes nothing', async () => {
      const alias = uniqueAlias();
      const seeded = await seedFlow(t, { appId: alias, name: 'foreign' });
      const res = await t
        .http()
        .post(`/workflow/v1/protocol/update/${seeded.id}`)
        .send({ name: 'renamed', status: 1 })
        .expect(200);
      expectError(res.body, 20001);
      expect((await flowRow(t, seeded.id))!).toMatchObject({ name: 'foreign', status: 0 });
    });

    it('answers 20201 for an unknown id and 20104 for a non-numeric one', async () => {
      const unknown = await t.http().post(`/workflow/v1/protocol/update/${UNKNOWN_ID}`).send({});
      expectError(unknown.body, 20201, 'Flow ID not found');
      const text = await t.http().post('/workflow/v1/protocol/update/abc').send({ name: 'x' });
      expectError(text.body, 20104, 'Protocol update failed');
    });

    it('validates the protocol before loading the row (invalid data → 20104 even if unknown)', async () => {
      const res = await t
        .http()
        .post(`/workflow/v1/protocol/update/${UNKNOWN_ID}`)
        .send({ data: { name: 'no inner data' } });
      expectError(res.body, 20104, 'Protocol update failed');
    });

    it('leaves the row untouched when the protocol is invalid', async () => {
      const { id, before } = await draft();
      const res = await t
        .http()
        .post(`/workflow/v1/protocol/update/${id}`)
        .send({ name: 'renamed', data: { data: 'broken' }, status: 1 });
      expectError(res.body, 20104);
      const row = (await flowRow(t, id))!;
      expect(row).toMatchObject({ name: 'before', status: 0, data: before.data, releaseData: {} });
    });

    it.each([
      ['name', 'n'.repeat(129), 'string_too_long'],
      ['name', 5, 'string_type'],
      ['description', ['x'], 'string_type'],
      ['data', 'x', 'dict_type'],
      ['app_id', false, 'string_type'],
      ['status', 'published', 'int_type'],
      ['status', 2 ** 40, 'less_than_equal'],
    ])(
      'answers 460 for %s of the wrong type or length and changes nothing (case %#)',
      async (field, value, type) => {
        const { id, before } = await draft();
        const res = await t
          .http()
          .post(`/workflow/v1/protocol/update/${id}`)
          .send({ description: 'changed', [field]: value });
        expectError(res.body, 460);
        expect(res.body.message).toContain(`Parameter: body->${field}`);
        expect(res.body.message).toContain(`(${type})`);
        expect((await flowRow(t, id))!).toMatchObject({
          name: before.name,
          description: 'before',
        });
      },
    );
  });

  describe('POST /protocol/delete', () => {
    it.each(PREFIXES)('deletes the row of the given owner under %s', async (prefix) => {
      const app = await newApp(t);
      const id = await addFlow(t, { name: 'doomed', app_id: app.alias });
      const res = await t
        .http()
        .post(`${prefix}/protocol/delete`)
        .send({ flow_id: id, app_id: app.alias })
        .expect(200);
      expect(res.body).toEqual({ code: 0, message: 'success', sid: expect.any(String) });
      expect(await flowRow(t, id)).toBeNull();
      const again = await t
        .http()
        .post(`${prefix}/protocol/delete`)
        .send({ flow_id: id, app_id: app.alias });
      expectError(again.body, 20103, 'Protocol deletion error');
    });

    it('refuses another owner, a missing owner and non-numeric ids with 20103', async () => {
      const app = await newApp(t);
      const id = await addFlow(t, { name: 'kept', app_id: app.alias });
      for (const body of [
        { flow_id: id, app_id: uniqueAlias() },
        { flow_id: id },
        { flow_id: id, app_id: null },
        { flow_id: 'abc', app_id: app.alias },
        { flow_id: UNKNOWN_ID, app_id: app.alias },
      ]) {
        const res = await t.http().post('/workflow/v1/protocol/delete').send(body);
        expectError(res.body, 20103, 'Protocol deletion error');
      }
      expect(await flowRow(t, id)).not.toBeNull();
    });

    it('matches rows without owner when app_id is absent or null', async () => {
      for (const body of [{}, { app_id: null }]) {
        const seeded = await seedFlow(t, { appId: null });
        const res = await t
          .http()
          .post('/workflow/v1/protocol/delete')
          .send({ flow_id: seeded.id, ...body });
        expect(res.body.code).toBe(0);
        expect(await flowRow(t, seeded.id)).toBeNull();
      }
    });

    it.each([
      [{ app_id: 'x' }, 'missing'],
      [{ flow_id: 12 }, 'string_type'],
      [{ flow_id: '1', app_id: 'a'.repeat(256) }, 'string_too_long'],
    ])('answers 460 for a bad delete body (case %#)', async (body, type) => {
      const res = await t.http().post('/workflow/v1/protocol/delete').send(body);
      expectError(res.body, 460);
      expect(res.body.message).toContain(`(${type})`);
    });
  });
});
