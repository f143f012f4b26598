import { ADMIN_AUTH, ADMIN_TOKEN, createAppViaAdmin } from './helpers/app-fixtures';
import { addFlow, UNKNOWN_ID, validProtocol } from './helpers/flow-layout';
import { createTestApp, TestApp } from './helpers/test-app';

// GET /workflow/v1/admin/flows, …/flows/{flow_id}/versions and …/flows/{flow_id}/bindings: an
// operator's view of a tenant's flows, driven by the public layout, publish and bind routes.

const FLOWS = '/workflow/v1/admin/flows';

describe('admin API: flows, versions and bindings', () => {
  let t: TestApp;
  let tenant: Record<string, any>;
  let caller: Record<string, any>;
  let other: Record<string, any>;
  /** the tenant's three flows, oldest first */
  let flowIds: string[];

  const get = (path: string, query: Record<string, unknown> = {}) =>
    t.http().get(path).query(query).set(ADMIN_AUTH).expect(200);

  async function publish(flowId: string, body: Record<string, unknown>): Promise<void> {
    const res = await t
      .http()
      .post('/v1/publish')
      .set('X-Consumer-Username', tenant.alias_id)
      .send({ flow_id: flowId, ...body });
    expect(res.body).toMatchObject({ code: 0 });
  }

  async function bind(flowId: string, alias: string): Promise<void> {
    const res = await t
      .http()
      .post('/v1/auth')
      .set('X-Consumer-Username', tenant.alias_id)
      .send({ flow_id: flowId, app_id: alias });
    expect(res.body).toMatchObject({ code: 0 });
  }

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_TOKEN });
    const platforms = { source: 1, actual_source: 1, plat_release_auth: 7 };
    tenant = await createAppViaAdmin(t, { is_tenant: 1, ...platforms });
    caller = await createAppViaAdmin(t, platforms);
    other = await createAppViaAdmin(t, platforms);
    flowIds = [];
    for (const name of ['first', 'second', 'third']) {
      flowIds.push(await addFlow(t, { name, app_id: tenant.alias_id, data: validProtocol(name) }));
    }
    await addFlow(t, { name: 'not ours', app_id: other.alias_id, data: validProtocol() });
  });

  afterAll(() => t.close());

  describe('GET /admin/flows', () => {
    it('pages the working rows of the owner app oldest first, with a stable total', async () => {
      const first = await get(FLOWS, { app_id: tenant.alias_id, page_size: 2 });
      expect(first.body).toMatchObject({
        code: 0,
        message: 'success',
        data: { total: 3, page: 1, page_size: 2 },
      });
      const second = await get(FLOWS, { app_id: tenant.alias_id, page: 2, page_size: 2 });
      expect(second.body.data).toMatchObject({ total: 3, page: 2, page_size: 2 });
      const ids = [...first.body.data.items, ...second.body.data.items].map(
        (f: { id: string }) => f.id,
      );
      expect(ids).toEqual(flowIds);
      const beyond = await get(FLOWS, { app_id: tenant.alias_id, page: 3, page_size: 2 });
      expect(beyond.body.data).toEqual({ items: [], total: 3, page: 3, page_size: 2 });
    });

    it('answers ids as strings and the flow columns, with the defaults page 1 of 20', async () => {
      const res = await get(FLOWS, { app_id: tenant.alias_id });
      expect(res.text).toContain(`"id":"${flowIds[0]}"`);
      expect(res.body.data).toMatchObject({ page: 1, page_size: 20, total: 3 });
      expect(res.body.data.items[0]).toEqual({
        id: flowIds[0],
        group_id: expect.stringMatching(/^\d{15,19}$/),
        name: 'first',
        description: '',
        app_id: tenant.alias_id,
        status: 0,
        source: 1,
        release_status: 0,
        platforms: [
          { platform: 1, platform_name: 'Xingchen Platform', status: 'Unpublished' },
          { platform: 2, platform_name: 'Open Platform', status: 'Unpublished' },
          { platform: 4, platform_name: 'AIUI', status: 'Unpublished' },
        ],
        published_as_api: false,
        create_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        update_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
    });

    it('filters by owner: another app sees only its own, an unknown alias an empty page', async () => {
      const theirs = await get(FLOWS, { app_id: other.alias_id });
      expect(theirs.body.data.total).toBe(1);
      expect(theirs.body.data.items[0].name).toBe('not ours');
      const nobody = await get(FLOWS, { app_id: 'no-such-app' });
      expect(nobody.body).toEqual({
        code: 0,
        message: 'success',
        data: { items: [], total: 0, page: 1, page_size: 20 },
        sid: expect.any(String),
      });
    });

    it('shows the publish status per platform in words and leaves snapshots out', async () => {
      const [flowId] = flowIds;
      await publish(flowId, { release_status: 1, plat: 1, version: 'v1.0' });
      await publish(flowId, { release_status: 1, plat: 4 });
      await publish(flowId, { release_status: 3, plat: 4 });
      await publish(flowId, { release_status: 2, plat: 2 });
      const res = await get(FLOWS, { app_id: tenant.alias_id });
      expect(res.body.data.total).toBe(3);
      const flow = res.body.data.items.find((f: { id: string }) => f.id === flowId);
      expect(flow).toMatchObject({
        release_status: 1 | 8 | 64,
        platforms: [
          { platform: 1, status: 'Published' },
          { platform: 2, status: 'Unpublished' },
          { platform: 4, status: 'Taken Down' },
        ],
        published_as_api: true,
      });
    });

    it.each([
      ['app_id missing', { app_id: undefined }, 'app_id'],
      ['an empty app_id', { app_id: '' }, 'app_id'],
      ['page 0', { page: 0 }, 'page'],
      ['page_size 201', { page_size: 201 }, 'page_size'],
      ['page_size not a number', { page_size: 'ten' }, 'page_size'],
    ])('answers 460 for %s', async (_name, query, field) => {
      const res = await get(FLOWS, { app_id: tenant.alias_id, ...query });
      expect(res.body.code).toBe(460);
      // the location prefix of query fields is the validation layer's business; the field is ours
      expect(res.body.message).toContain(`->${field}, `);
      expect(res.body.data).toBeUndefined();
    });
  });

  describe('GET /admin/flows/{flow_id}/versions', () => {
    it('lists the published versions newest first, without comparison rows', async () => {
      const flowId = flowIds[1];
      await publish(flowId, { release_status: 1, plat: 1, version: 'v1.0' });
      await publish(flowId, { release_status: 1, plat: 1, version: 'v2.0' });
      const compare = await t
        .http()
        .post('/workflow/v1/protocolcompare/save')
        .send({ flow_id: flowId, data: validProtocol(), version: 'v9.0' });
      expect(compare.body).toMatchObject({ code: 0 });
      const res = await get(`${FLOWS}/${flowId}/versions`);
      expect(res.body.code).toBe(0);
      expect(res.body.data.flow_id).toBe(flowId);
      expect(res.body.data.items.map((v: { version: string }) => v.version)).toEqual([
        'v2.0',
        'v1.0',
      ]);
      const [newest, oldest] = res.body.data.items;
      expect(newest).toEqual({
        version: 'v2.0',
        flow_id: expect.stringMatching(/^\d{15,19}$/),
        create_at: expect.any(String),
        update_at: expect.any(String),
        platform: 1,
        platform_name: 'Xingchen Platform',
        platforms: [
          { platform: 1, platform_name: 'Xingchen Platform', status: 'Published' },
          { platform: 2, platform_name: 'Open Platform', status: 'Unpublished' },
          { platform: 4, platform_name: 'AIUI', status: 'Unpublished' },
        ],
        published_as_api: false,
      });
      expect(newest.flow_id).not.toBe(flowId);
      expect(Date.parse(newest.create_at)).toBeGreaterThanOrEqual(Date.parse(oldest.create_at));
      // a snapshot's own id names the same flow
      const bySnapshot = await get(`${FLOWS}/${oldest.flow_id}/versions`);
      expect(bySnapshot.body.data.items).toEqual(res.body.data.items);
    });

    it('answers an empty list for a flow never published with a version', async () => {
      const res = await get(`${FLOWS}/${flowIds[2]}/versions`);
      expect(res.body).toEqual({
        code: 0,
        message: 'success',
        data: { flow_id: flowIds[2], items: [] },
        sid: expect.any(String),
      });
    });
  });

  describe('GET /admin/flows/{flow_id}/bindings', () => {
    it('lists the apps bound to the flow with ids as strings', async () => {
      const flowId = flowIds[2];
      await publish(flowId, { release_status: 1, plat: 1 });
      await bind(flowId, caller.alias_id);
      await bind(flowId, other.alias_id);
      const res = await get(`${FLOWS}/${flowId}/bindings`);
      expect(res.body.code).toBe(0);
      expect(res.body.data.total).toBe(2);
      expect(res.text).toContain(`"app_id":"${caller.id}"`);
      expect(res.body.data.items[0]).toEqual({
        license_id: expect.stringMatching(/^\d{15,19}$/),
        app_id: caller.id,
        alias_id: caller.alias_id,
        app_name: caller.name,
        group_id: expect.stringMatching(/^\d{15,19}$/),
        flow_id: flowId,
        flow_name: 'third',
        status: 1,
        create_at: expect.any(String),
      });
      expect(res.body.data.items[1]).toMatchObject({ alias_id: other.alias_id, app_id: other.id });
    });

    it('answers an empty list for a flow nobody is bound to', async () => {
      const res = await get(`${FLOWS}/${flowIds[0]}/bindings`);
      expect(res.body.data).toEqual({ items: [], total: 0 });
    });
  });

  it.each([
    ['an unknown id', UNKNOWN_ID],
    ['a non-numeric id', 'abc'],
    ['an id beyond 64 bits', '99999999999999999999'],
  ])('answers 20201 for %s on versions and bindings', async (_name, id) => {
    for (const route of ['versions', 'bindings']) {
      const res = await get(`${FLOWS}/${id}/${route}`);
      expect(res.body).toEqual({
        code: 20201,
        message: `Flow ID not found(flow_id ${id})`,
        sid: expect.any(String),
      });
    }
  });

  describe('authentication', () => {
    const routes = () => [
      `${FLOWS}?app_id=${tenant.alias_id}`,
      `${FLOWS}/${flowIds[0]}/versions`,
      `${FLOWS}/${flowIds[0]}/bindings`,
    ];

    it.each([
      ['no Authorization header', undefined],
      ['a wrong token', `Bearer ${ADMIN_TOKEN}x`],
    ])('answers HTTP 401 for %s', async (_name, header) => {
      for (const path of routes()) {
        const req = t.http().get(path);
        if (header) req.set('Authorization', header);
        const res = await req.expect(401);
        expect(res.body).toEqual({
          code: 401,
          message: 'Unauthorized(a valid Bearer token is required)',
          sid: expect.any(String),
        });
      }
    });

    it('answers HTTP 403 when ADMIN_TOKEN is not configured', async () => {
      const off = await createTestApp();
      try {
        for (const path of routes()) {
          const res = await off.http().get(path).set(ADMIN_AUTH).expect(403);
          expect(res.body.code).toBe(403);
        }
      } finally {
        await off.close();
      }
    });
  });

  it('documents the routes with examples and error codes under the admin tag', async () => {
    const doc = await t.http().get('/openapi.json').expect(200);
    const ops = [
      doc.body.paths[FLOWS].get,
      doc.body.paths[`${FLOWS}/{flow_id}/versions`].get,
      doc.body.paths[`${FLOWS}/{flow_id}/bindings`].get,
    ];
    for (const op of ops) {
      expect(op.tags).toEqual(['admin']);
      expect(op.security).toEqual([{ admin: [] }]);
      expect(op['x-error-codes'].map((e: { code: number }) => e.code)).toEqual(
        expect.arrayContaining([401, 403, 20805]),
      );
      expect(op.responses['200'].content['application/json'].examples.success.value.code).toBe(0);
    }
    expect(ops[1]['x-error-codes'].map((e: { code: number }) => e.code)).toContain(20201);
    expect(ops[0].parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['app_id', 'page', 'page_size']),
    );
  });
});
