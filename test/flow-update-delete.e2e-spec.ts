import { ADMIN_TOKEN, licensesOf, seedFlow } from './helpers/app-fixtures';
import {
  addFlow,
  expectError,
  flowRow,
  newApp,
  PREFIXES,
  UNKNOWN_ID,
  validProtocol,
} from './helpers/flow-layout';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// POST /protocol/update and /protocol/delete (docs/api.md#flow-storage) through HTTP.

describe('flow storage: /protocol/update and /protocol/delete', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_TOKEN });
  });

  afterAll(async () => {
    await t.close();
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

    it('binds the owner app once when publishing updates run concurrently', async () => {
      const { app, id } = await draft();
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          t
            .http()
            .post(`/workflow/v1/protocol/update/${id}`)
            .send({ name: `n${i}`, status: 1 }),
        ),
      );
      expect(answers.map((r) => r.body.code)).toEqual([0, 0, 0, 0, 0, 0]);
      expect(await licensesOf(t, app.id)).toHaveLength(1);
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
