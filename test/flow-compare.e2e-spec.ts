import { ADMIN_TOKEN, groupRows, seedFlow } from './helpers/app-fixtures';
import {
  addFlow,
  expectError,
  flowRow,
  newApp,
  PREFIXES,
  UNKNOWN_ID,
  validProtocol,
} from './helpers/flow-layout';
import { createTestApp, TestApp } from './helpers/test-app';

// Comparison rows: POST /protocolcompare/save (and /protocol/compare/save, docs/decisions.md#q13) and
// DELETE /protocol/compare/delete restricted to comparison rows (docs/decisions.md#q12).

describe('comparison rows', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_TOKEN });
  });

  afterAll(async () => {
    await t.close();
  });

  async function flow() {
    const app = await newApp(t, { actual_source: 2 });
    const id = await addFlow(t, {
      name: 'compared',
      description: 'base',
      status: 1,
      data: validProtocol(),
      app_id: app.alias,
    });
    return { app, id, row: (await flowRow(t, id))! };
  }

  const SAVE_PATHS = PREFIXES.flatMap((p) => [
    `${p}/protocolcompare/save`,
    `${p}/protocol/compare/save`,
    `${p}/protocol/compare/save/`,
  ]);

  describe('save', () => {
    it.each(SAVE_PATHS)(
      'stores a tag-1 copy with the given data and label via %s',
      async (path) => {
        const { id, row } = await flow();
        const data = validProtocol('variant');
        const res = await t
          .http()
          .post(path)
          .send({ flow_id: id, data, version: 'v1.0', extra: 'ignored' })
          .expect(200);
        expect(res.body).toEqual({ code: 0, message: 'success', sid: expect.any(String) });
        const rows = await groupRows(t, row.groupId);
        expect(rows).toHaveLength(2);
        const copy = rows.find((r) => r.id !== id)!;
        expect(copy).toMatchObject({
          groupId: row.groupId,
          name: 'compared',
          description: 'base',
          status: 1,
          appId: row.appId,
          source: 2,
          data,
          releaseData: {},
          version: 'v1.0',
          tag: 1,
          releaseStatus: 0,
        });
      },
    );

    it('answers 20102 for a label the group already has, storing nothing', async () => {
      const { id, row } = await flow();
      const body = { flow_id: id, data: { a: 1 }, version: 'v2' };
      expect((await t.http().post('/workflow/v1/protocolcompare/save').send(body)).body.code).toBe(
        0,
      );
      const again = await t.http().post('/workflow/v1/protocolcompare/save').send(body);
      expectError(again.body, 20102, /^Protocol creation error/);
      const working = await t
        .http()
        .post('/workflow/v1/protocolcompare/save')
        .send({ ...body, version: '-1' });
      expectError(working.body, 20102, /^Protocol creation error/);
      expect(await groupRows(t, row.groupId)).toHaveLength(2);
    });

    it('stores one row when the same label is saved concurrently', async () => {
      const { id, row } = await flow();
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          t
            .http()
            .post('/workflow/v1/protocolcompare/save')
            .send({ flow_id: id, data: { i }, version: 'race' }),
        ),
      );
      const codes = answers.map((r) => r.body.code).sort();
      expect(codes).toEqual([0, 20102, 20102, 20102, 20102, 20102]);
      expect(await groupRows(t, row.groupId)).toHaveLength(2);
    });

    it('answers 20201 for an unknown flow and 20102 for a non-numeric id', async () => {
      const unknown = await t
        .http()
        .post('/workflow/v1/protocolcompare/save')
        .send({ flow_id: UNKNOWN_ID, data: {}, version: 'v1' });
      expectError(unknown.body, 20201, 'Flow ID not found');
      const text = await t
        .http()
        .post('/workflow/v1/protocol/compare/save')
        .send({ flow_id: 'x1', data: {}, version: 'v1' });
      expectError(text.body, 20102, 'Protocol creation error');
    });

    it.each([
      [
        'flow_id missing',
        { flow_id: undefined, data: {}, version: 'v1' },
        'body->flow_id',
        'missing',
      ],
      ['data missing', { version: 'v1' }, 'body->data', 'missing'],
      ['version missing', { data: {} }, 'body->version', 'missing'],
      ['data a list', { data: [], version: 'v1' }, 'body->data', 'dict_type'],
      ['version a number', { data: {}, version: 1 }, 'body->version', 'string_type'],
      [
        'version too long',
        { data: {}, version: 'v'.repeat(129) },
        'body->version',
        'string_too_long',
      ],
    ])('answers 460 when %s, storing nothing', async (_case, body, loc, type) => {
      const { id, row } = await flow();
      const res = await t
        .http()
        .post('/workflow/v1/protocolcompare/save')
        .send({ flow_id: id, ...body });
      expectError(res.body, 460);
      expect(res.body.message).toContain(`Parameter: ${loc}`);
      expect(res.body.message).toContain(`(${type})`);
      expect(await groupRows(t, row.groupId)).toHaveLength(1);
    });
  });

  describe('delete', () => {
    it.each(PREFIXES)('removes only the comparison rows of the label under %s', async (prefix) => {
      const { id, row } = await flow();
      await t
        .http()
        .post(`${prefix}/protocolcompare/save`)
        .send({ flow_id: id, data: { c: 1 }, version: 'v1.0' })
        .expect(200);
      await t
        .http()
        .post(`${prefix}/protocolcompare/save`)
        .send({ flow_id: id, data: { c: 2 }, version: 'v2.0' })
        .expect(200);
      // a published snapshot (tag 0) with a label must survive a comparison delete of that label
      const snapshot = await seedFlow(t, { groupId: row.groupId, version: 'v3.0', tag: 0 });
      for (const version of ['v1.0', 'v3.0', '-1', 'never-saved']) {
        const res = await t
          .http()
          .delete(`${prefix}/protocol/compare/delete`)
          .send({ flow_id: id, version })
          .expect(200);
        expect(res.body).toEqual({ code: 0, message: 'success', sid: expect.any(String) });
      }
      const left = (await groupRows(t, row.groupId)).map((r) => r.version).sort();
      expect(left).toEqual(['-1', 'v2.0', 'v3.0']);
      expect(await flowRow(t, snapshot.id)).not.toBeNull();
    });

    it('accepts a trailing slash', async () => {
      const { id } = await flow();
      const res = await t
        .http()
        .delete('/sparkflow/v1/protocol/compare/delete/')
        .send({ flow_id: id, version: 'v1' });
      expect(res.body.code).toBe(0);
    });

    it('answers 20201 for an unknown flow and 20103 for a non-numeric id', async () => {
      const unknown = await t
        .http()
        .delete('/workflow/v1/protocol/compare/delete')
        .send({ flow_id: UNKNOWN_ID, version: 'v1' });
      expectError(unknown.body, 20201, 'Flow ID not found');
      const text = await t
        .http()
        .delete('/workflow/v1/protocol/compare/delete')
        .send({ flow_id: 'abc', version: 'v1' });
      expectError(text.body, 20103, 'Protocol deletion error');
    });

    it.each([
      [{ version: 'v1' }, 'body->flow_id', 'missing'],
      [{ flow_id: '1' }, 'body->version', 'missing'],
      [{ flow_id: 1, version: 'v1' }, 'body->flow_id', 'string_type'],
      [{ flow_id: '1', version: ['v1'] }, 'body->version', 'string_type'],
    ])('answers 460 for %j', async (body, loc, type) => {
      const res = await t.http().delete('/workflow/v1/protocol/compare/delete').send(body);
      expectError(res.body, 460);
      expect(res.body.message).toContain(`Parameter: ${loc}`);
      expect(res.body.message).toContain(`(${type})`);
    });

    it('answers 405 for the wrong method', async () => {
      const res = await t.http().post('/workflow/v1/protocol/compare/delete').send({}).expect(405);
      expect(res.body).toEqual({ detail: 'Method Not Allowed' });
    });
  });
});
