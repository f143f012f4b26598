import {
  ADMIN_AUTH,
  ADMIN_TOKEN,
  createAppViaAdmin,
  dataSource,
  groupRows,
  licensesOf,
  seedFlow,
} from './helpers/app-fixtures';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';
import { LicenseEntity } from '../src/database/entities';

const PROTOCOL = {
  id: 'proto-1',
  name: 'demo',
  description: 'a demo',
  version: 'v3.0.0',
  data: {
    nodes: [
      { id: 'node-start::1', data: { outputs: [{ name: 'AGENT_USER_INPUT' }] } },
      { id: 'node-end::2', data: { nodeParam: { template: '{{x}}' } }, position: { x: 1 } },
    ],
    edges: [{ sourceNodeId: 'node-start::1', targetNodeId: 'node-end::2', sourceHandle: 'h' }],
  },
  extra: { kept: [1, 2, 3] },
};

describe('publish and auth', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_TOKEN });
  });

  afterAll(async () => {
    await t.close();
  });

  const tenant = (body: Record<string, unknown> = {}) =>
    createAppViaAdmin(t, {
      is_tenant: 1,
      source: 1,
      actual_source: 1,
      plat_release_auth: 7,
      ...body,
    });

  const publish = (alias: string | undefined, body: unknown, path = '/v1/publish') => {
    const req = t.http().post(path);
    if (alias !== undefined) req.set('X-Consumer-Username', alias);
    return req.send(body as object).expect(200);
  };

  const auth = (alias: string | undefined, body: unknown, path = '/v1/auth') => {
    const req = t.http().post(path);
    if (alias !== undefined) req.set('X-Consumer-Username', alias);
    return req.send(body as object).expect(200);
  };

  /** Asserts the answer and that no flow row of the group changed. */
  async function expectRefused(
    groupId: string,
    call: () => Promise<{ body: Record<string, unknown> }>,
    code: number,
    message?: string | RegExp,
  ) {
    const before = await groupRows(t, groupId);
    const res = await call();
    expect(res.body.code).toBe(code);
    if (typeof message === 'string') expect(res.body.message).toBe(message);
    if (message instanceof RegExp) expect(res.body.message).toMatch(message);
    expect(res.body).not.toHaveProperty('data');
    expect(await groupRows(t, groupId)).toEqual(before);
    return res;
  }

  describe('POST /v1/publish', () => {
    it('publishes on Xingchen: release bits on every row, release data from the draft', async () => {
      const ten = await tenant();
      const flow = await seedFlow(t);
      const other = await seedFlow(t, { groupId: flow.groupId, version: 'v0.1' });
      const res = await publish(ten.alias_id, { flow_id: flow.id, release_status: 1, plat: 1 });
      expect(res.body).toEqual({ code: 0, message: 'success', sid: expect.any(String) });
      const rows = await groupRows(t, flow.groupId);
      expect(rows.map((r) => r.releaseStatus)).toEqual([1, 1]);
      const row = rows.find((r) => r.id === flow.id)!;
      expect(row.releaseData).toEqual(flow.data);
      expect(row.data).toEqual(flow.data);
      expect(rows.find((r) => r.id === other.id)!.releaseData).toEqual({});
    });

    it.each([
      '/v1/publish',
      '/workflow/v1/v1/publish',
      '/workflow/v1/publish',
      '/v1/publish/',
      '/workflow/v1/publish/',
    ])('is served at %s', async (path) => {
      const ten = await tenant();
      const flow = await seedFlow(t);
      const res = await publish(ten.alias_id, { flow_id: flow.id, release_status: 1 }, path);
      expect(res.body.code).toBe(0);
      expect((await groupRows(t, flow.groupId))[0].releaseStatus).toBe(1);
    });

    it('reads the tenant from x_consumer_username too, and ignores unknown fields', async () => {
      const ten = await tenant();
      const flow = await seedFlow(t);
      const res = await t
        .http()
        .post('/v1/publish')
        .set('x_consumer_username', ten.alias_id)
        .send({ flow_id: flow.id, release_status: 1, plat: null, version: null, what: 'ever' })
        .expect(200);
      expect(res.body.code).toBe(0);
    });

    it('uses the tenant source when plat is 0 or absent', async () => {
      const ten = await tenant({ source: 2 });
      const flow = await seedFlow(t, { source: 2 });
      await publish(ten.alias_id, { flow_id: flow.id, release_status: 1, plat: 0 });
      expect((await groupRows(t, flow.groupId))[0].releaseStatus).toBe(4);
    });

    it('stores a supplied protocol verbatim (docs/decisions.md#q5) in data and release_data', async () => {
      const ten = await tenant();
      const flow = await seedFlow(t);
      await publish(ten.alias_id, { flow_id: flow.id, release_status: 1, data: PROTOCOL });
      const [row] = await groupRows(t, flow.groupId);
      expect(row.data).toEqual(PROTOCOL);
      expect(row.releaseData).toEqual(PROTOCOL);
    });

    it('take-down ignores a supplied protocol but still syncs release data (docs/decisions.md#q6)', async () => {
      const ten = await tenant();
      const flow = await seedFlow(t, { releaseStatus: 1 | 8, releaseData: { old: true } });
      await publish(ten.alias_id, { flow_id: flow.id, release_status: 3, plat: 1, data: PROTOCOL });
      const [row] = await groupRows(t, flow.groupId);
      expect(row.releaseStatus).toBe(2);
      expect(row.data).toEqual(flow.data);
      expect(row.releaseData).toEqual(flow.data);
    });

    it('op 0 syncs release data and keeps the bits', async () => {
      const ten = await tenant();
      const flow = await seedFlow(t, { releaseStatus: 1 | 16, releaseData: { old: true } });
      await publish(ten.alias_id, { flow_id: flow.id, release_status: 0, plat: 1 });
      const [row] = await groupRows(t, flow.groupId);
      expect(row.releaseStatus).toBe(1 | 16);
      expect(row.releaseData).toEqual(flow.data);
    });

    it('re-publishing clears the taken-down bit; publish to API adds bit 8', async () => {
      const ten = await tenant();
      const flow = await seedFlow(t, { releaseStatus: 2 | 4 });
      await publish(ten.alias_id, { flow_id: flow.id, release_status: 1, plat: 1 });
      expect((await groupRows(t, flow.groupId))[0].releaseStatus).toBe(1 | 4);
      await publish(ten.alias_id, { flow_id: flow.id, release_status: 2, plat: 2 });
      expect((await groupRows(t, flow.groupId))[0].releaseStatus).toBe(1 | 4 | 8);
    });

    it('takes a version snapshot, refreshes it on re-publish, keeps bits equal in the group', async () => {
      const ten = await tenant();
      const flow = await seedFlow(t);
      await publish(ten.alias_id, { flow_id: flow.id, release_status: 1, version: 'v1.0' });
      let rows = await groupRows(t, flow.groupId);
      expect(rows).toHaveLength(2);
      const snap = rows.find((r) => r.version === 'v1.0')!;
      expect(snap.id).not.toBe(flow.id);
      expect(snap).toMatchObject({
        name: flow.name,
        data: flow.data,
        releaseData: flow.data,
        releaseStatus: 1,
        source: flow.source,
        status: flow.status,
        tag: 0,
      });
      expect(rows.find((r) => r.id === flow.id)!.version).toBe('-1');

      await publish(ten.alias_id, {
        flow_id: flow.id,
        release_status: 1,
        plat: 2,
        version: 'v1.0',
        data: PROTOCOL,
      });
      rows = await groupRows(t, flow.groupId);
      expect(rows).toHaveLength(2);
      expect(rows.find((r) => r.version === 'v1.0')).toMatchObject({
        id: snap.id,
        data: PROTOCOL,
        releaseData: PROTOCOL,
        releaseStatus: 5,
      });

      await publish(ten.alias_id, { flow_id: flow.id, release_status: 3, plat: 2, version: 'v9' });
      rows = await groupRows(t, flow.groupId);
      expect(rows).toHaveLength(2); // take-down takes no snapshot
      expect(rows.map((r) => r.releaseStatus)).toEqual([1 | 16, 1 | 16]);

      await publish(ten.alias_id, { flow_id: flow.id, release_status: 2, version: 'v2.0' });
      rows = await groupRows(t, flow.groupId);
      expect(rows.map((r) => r.version).sort()).toEqual(['-1', 'v1.0', 'v2.0']);
      expect(new Set(rows.map((r) => r.releaseStatus))).toEqual(new Set([1 | 16 | 8]));
    });

    describe('refusals change nothing', () => {
      it('460 without the consumer header', async () => {
        const flow = await seedFlow(t);
        const res = await expectRefused(
          flow.groupId,
          () => publish(undefined, { flow_id: flow.id, release_status: 1 }),
          460,
        );
        expect(res.body.message).toBe(
          'Parameter: header->x-consumer-username, Input: None, Error: Field required (missing)',
        );
      });

      it('460 for malformed JSON', async () => {
        const ten = await tenant();
        const res = await t
          .http()
          .post('/v1/publish')
          .set('X-Consumer-Username', ten.alias_id)
          .set('Content-Type', 'application/json')
          .send('{"flow_id": ')
          .expect(200);
        expect(res.body.code).toBe(460);
        expect(res.body.message).toContain('JSON decode error (json_invalid)');
      });

      it.each([
        [
          'flow_id missing',
          { flow_id: undefined },
          'body->flow_id, Input: None, Error: Field required (missing)',
        ],
        [
          'flow_id as number',
          { flow_id: 5 },
          'body->flow_id, Input: 5, Error: Input should be a valid string (string_type)',
        ],
        ['flow_id too long', { flow_id: '1'.repeat(65) }, '(string_too_long)'],
        [
          'release_status missing',
          { release_status: undefined },
          'body->release_status, Input: None, Error: Field required (missing)',
        ],
        [
          'release_status as string',
          { release_status: '1' },
          'body->release_status, Input: 1, Error: Input should be a valid integer (int_type)',
        ],
        ['plat as string', { plat: 'x' }, 'body->plat'],
        ['version as number', { version: 5 }, 'body->version'],
        ['version too long', { version: 'v'.repeat(129) }, 'body->version'],
        ['data as list', { data: [1] }, 'body->data'],
        [
          'data without graph',
          { data: { ...PROTOCOL, data: undefined } },
          'body->data->data, Input: None, Error: Field required (missing)',
        ],
        [
          'data with one node',
          { data: { ...PROTOCOL, data: { nodes: [{ id: 'a' }], edges: [] } } },
          'body->data->data->nodes',
        ],
        ['data version not v3', { data: { ...PROTOCOL, version: '1.0' } }, 'body->data->version'],
      ])('460 for %s', async (_name, patch, line) => {
        const ten = await tenant();
        const flow = await seedFlow(t);
        const res = await expectRefused(
          flow.groupId,
          () => publish(ten.alias_id, { flow_id: flow.id, release_status: 1, ...patch }),
          460,
        );
        expect(res.body.message).toContain(line);
      });

      it.each([
        [
          'release_status 4',
          { release_status: 4 },
          'release_status must be one of 0, 1, 2, 3; got 4',
        ],
        [
          'release_status -1',
          { release_status: -1 },
          'release_status must be one of 0, 1, 2, 3; got -1',
        ],
        ['plat 3', { plat: 3 }, 'plat must be one of 0, 1, 2, 4; got 3'],
        ['plat 8', { plat: 8 }, 'plat must be one of 0, 1, 2, 4; got 8'],
      ])(
        '20206 with a clear detail for %s (docs/decisions.md#q7)',
        async (_name, patch, detail) => {
          const ten = await tenant();
          const flow = await seedFlow(t);
          await expectRefused(
            flow.groupId,
            () => publish(ten.alias_id, { flow_id: flow.id, release_status: 1, ...patch }),
            20206,
            `Workflow publish failed(${detail})`,
          );
        },
      );

      it('20001 for a tenant unknown here with no management platform configured', async () => {
        const flow = await seedFlow(t);
        await expectRefused(
          flow.groupId,
          () => publish(uniqueAlias(), { flow_id: flow.id, release_status: 1 }),
          20001,
          'Failed to get application from management platform(APP_MANAGE_PLAT_APP_LIST not configured)',
        );
      });

      it('20002 for an app that is not a tenant', async () => {
        const app = await createAppViaAdmin(t, { source: 1, plat_release_auth: 7 });
        const flow = await seedFlow(t);
        await expectRefused(
          flow.groupId,
          () => publish(app.alias_id, { flow_id: flow.id, release_status: 1 }),
          20002,
          'Application tenant not found',
        );
      });

      it('20206 when neither plat nor the tenant names a platform', async () => {
        const ten = await tenant({ source: 0 });
        const flow = await seedFlow(t);
        await expectRefused(
          flow.groupId,
          () => publish(ten.alias_id, { flow_id: flow.id, release_status: 1 }),
          20206,
          `Workflow publish failed(app ${ten.alias_id} has no platform of its own (source 0); give plat 1, 2 or 4)`,
        );
      });

      it('20201 for an unknown or non-numeric flow id', async () => {
        const ten = await tenant();
        for (const flowId of ['7381234567890123456', 'abc', '', '99999999999999999999']) {
          const res = await publish(ten.alias_id, { flow_id: flowId, release_status: 1 });
          expect(res.body).toEqual({
            code: 20201,
            message: 'Flow ID not found',
            sid: expect.any(String),
          });
        }
      });

      it('20003 when the tenant may not publish to the platform', async () => {
        const ten = await tenant({ plat_release_auth: 2 });
        const flow = await seedFlow(t, { source: 2 });
        await expectRefused(
          flow.groupId,
          () => publish(ten.alias_id, { flow_id: flow.id, release_status: 1, plat: 1 }),
          20003,
          'Application tenant has no platform permission(Current app_id does not have permission to publish to Xingchen Platform)',
        );
      });

      it("20003 when the tenant has no permission for the flow's own platform", async () => {
        const ten = await tenant({ plat_release_auth: 1 });
        const flow = await seedFlow(t, { source: 2 });
        await expectRefused(
          flow.groupId,
          () => publish(ten.alias_id, { flow_id: flow.id, release_status: 1, plat: 1 }),
          20003,
          'Application tenant has no platform permission(Current flow is on platform Open Platform, but current app_id does not have permission for Open Platform)',
        );
      });

      it('20206 for a flow whose source is no platform (docs/decisions.md#q7)', async () => {
        const ten = await tenant({ plat_release_auth: 1 });
        const flow = await seedFlow(t, { source: 0 });
        await expectRefused(
          flow.groupId,
          () => publish(ten.alias_id, { flow_id: flow.id, release_status: 1, plat: 1 }),
          20206,
          'Workflow publish failed(flow source 0 is not a platform (1, 2 or 4))',
        );
      });

      it('20006 for an operation the platform does not offer', async () => {
        const ten = await tenant({ plat_release_auth: 5 });
        const flow = await seedFlow(t, { source: 1 });
        await expectRefused(
          flow.groupId,
          () => publish(ten.alias_id, { flow_id: flow.id, release_status: 2, plat: 4 }),
          20006,
          'Platform has no corresponding operation(Error: AIUI does not support Publish to API operation)',
        );
      });

      it('20206 when a version row would be published under a new label', async () => {
        const ten = await tenant();
        const flow = await seedFlow(t);
        const snap = await seedFlow(t, { groupId: flow.groupId, version: 'v1.0' });
        await expectRefused(
          flow.groupId,
          () => publish(ten.alias_id, { flow_id: snap.id, release_status: 1, version: 'v2.0' }),
          20206,
          `Workflow publish failed(flow ${snap.id} is the row of version "v1.0"; publish new versions from the working row ${flow.id})`,
        );
      });
    });
  });

  describe('POST /v1/auth', () => {
    it('creates an enabled licence once, for the app and the flow group', async () => {
      const ten = await tenant();
      const app = await createAppViaAdmin(t);
      const flow = await seedFlow(t, { releaseStatus: 1 });
      const res = await auth(ten.alias_id, { flow_id: flow.id, app_id: app.alias_id, x: 1 });
      expect(res.body).toEqual({ code: 0, message: 'success', sid: expect.any(String) });
      await auth(ten.alias_id, { flow_id: flow.id, app_id: app.alias_id });
      const licences = await licensesOf(t, app.id);
      expect(licences).toHaveLength(1);
      expect(licences[0]).toMatchObject({ appId: app.id, groupId: flow.groupId, status: 1 });
    });

    it.each(['/v1/auth', '/workflow/v1/v1/auth', '/workflow/v1/auth', '/workflow/v1/auth/'])(
      'is served at %s',
      async (path) => {
        const ten = await tenant();
        const app = await createAppViaAdmin(t);
        const flow = await seedFlow(t, { releaseStatus: 4 });
        const res = await auth(ten.alias_id, { flow_id: flow.id, app_id: app.alias_id }, path);
        expect(res.body.code).toBe(0);
        expect(await licensesOf(t, app.id)).toHaveLength(1);
      },
    );

    it('leaves a disabled licence disabled', async () => {
      const ten = await tenant();
      const app = await createAppViaAdmin(t);
      const flow = await seedFlow(t, { releaseStatus: 1 });
      await auth(ten.alias_id, { flow_id: flow.id, app_id: app.alias_id });
      await dataSource(t).getRepository(LicenseEntity).update({ appId: app.id }, { status: 0 });
      const res = await auth(ten.alias_id, { flow_id: flow.id, app_id: app.alias_id });
      expect(res.body.code).toBe(0);
      expect((await licensesOf(t, app.id))[0].status).toBe(0);
    });

    it('sees an app turned into a tenant by the admin API at once', async () => {
      const app = await createAppViaAdmin(t, { source: 1 });
      const bound = await createAppViaAdmin(t);
      const flow = await seedFlow(t, { releaseStatus: 1 });
      const body = { flow_id: flow.id, app_id: bound.alias_id };
      expect((await auth(app.alias_id, body)).body.code).toBe(20002);
      await t
        .http()
        .patch(`/workflow/v1/admin/apps/${app.alias_id}`)
        .set(ADMIN_AUTH)
        .send({ is_tenant: 1 })
        .expect(200);
      expect((await auth(app.alias_id, body)).body.code).toBe(0);
    });

    describe('refusals create no licence', () => {
      async function expectNoLicence(
        appId: string,
        call: () => Promise<{ body: Record<string, unknown> }>,
        code: number,
        message?: string | RegExp,
      ) {
        const res = await call();
        expect(res.body.code).toBe(code);
        if (typeof message === 'string') expect(res.body.message).toBe(message);
        if (message instanceof RegExp) expect(res.body.message).toMatch(message);
        expect(await licensesOf(t, appId)).toEqual([]);
      }

      it.each([
        ['header missing', undefined, {}, 'Parameter: header->x-consumer-username, Input: None'],
        [
          'app_id missing',
          'T',
          { app_id: undefined },
          'body->app_id, Input: None, Error: Field required (missing)',
        ],
        [
          'flow_id as number',
          'T',
          { flow_id: 1 },
          'body->flow_id, Input: 1, Error: Input should be a valid string (string_type)',
        ],
        ['app_id as list', 'T', { app_id: ['a'] }, 'body->app_id'],
        ['app_id too long', 'T', { app_id: 'a'.repeat(65) }, '(string_too_long)'],
      ])('460 for %s', async (_name, header, patch, line) => {
        const ten = await tenant();
        const app = await createAppViaAdmin(t);
        const flow = await seedFlow(t, { releaseStatus: 1 });
        const body = { flow_id: flow.id, app_id: app.alias_id, ...patch };
        const res = await auth(header === undefined ? undefined : ten.alias_id, body);
        expect(res.body.code).toBe(460);
        expect(res.body.message).toContain(line);
        expect(await licensesOf(t, app.id)).toEqual([]);
      });

      it('460 for malformed JSON', async () => {
        const ten = await tenant();
        const res = await t
          .http()
          .post('/v1/auth')
          .set('X-Consumer-Username', ten.alias_id)
          .set('Content-Type', 'application/json')
          .send('{"flow_id": "1", "app_id": }')
          .expect(200);
        expect(res.body.code).toBe(460);
        expect(res.body.message).toContain('(json_invalid)');
      });

      it('20001 for an unknown tenant, 20002 for a non-tenant', async () => {
        const app = await createAppViaAdmin(t);
        const flow = await seedFlow(t, { releaseStatus: 1 });
        const body = { flow_id: flow.id, app_id: app.alias_id };
        await expectNoLicence(app.id, () => auth(uniqueAlias(), body), 20001);
        const plain = await createAppViaAdmin(t);
        await expectNoLicence(
          app.id,
          () => auth(plain.alias_id, body),
          20002,
          `Application tenant not found(${plain.alias_id} is not a tenant)`,
        );
      });

      it('20001 for an app unknown here with no management platform configured', async () => {
        const ten = await tenant();
        const flow = await seedFlow(t, { releaseStatus: 1 });
        const res = await auth(ten.alias_id, { flow_id: flow.id, app_id: uniqueAlias() });
        expect(res.body.message).toBe(
          'Failed to get application from management platform(APP_MANAGE_PLAT_APP_LIST not configured)',
        );
      });

      it('20201 for an unknown or non-numeric flow id', async () => {
        const ten = await tenant();
        const app = await createAppViaAdmin(t);
        for (const flowId of ['7381234567890123456', 'not-a-number']) {
          await expectNoLicence(
            app.id,
            () => auth(ten.alias_id, { flow_id: flowId, app_id: app.alias_id }),
            20201,
            'Flow ID not found',
          );
        }
      });

      it.each([
        ['never published', 0],
        ['taken down everywhere', 2 | 16 | 64],
        ['taken down everywhere despite API bit', 2 | 8 | 16 | 64],
      ])('20204 for a flow %s', async (_name, releaseStatus) => {
        const ten = await tenant();
        const app = await createAppViaAdmin(t);
        const flow = await seedFlow(t, { releaseStatus });
        await expectNoLicence(
          app.id,
          () => auth(ten.alias_id, { flow_id: flow.id, app_id: app.alias_id }),
          20204,
          'Workflow not published',
        );
      });
    });
  });

  it('answers unexpected failures with the route fallbacks 20206 and 20007', async () => {
    const broken = await createTestApp({ ADMIN_TOKEN });
    try {
      const ten = await createAppViaAdmin(broken, {
        is_tenant: 1,
        source: 1,
        plat_release_auth: 7,
      });
      const app = await createAppViaAdmin(broken);
      const flow = await seedFlow(broken, { releaseStatus: 1 });
      const req = (path: string, body: object) =>
        broken.http().post(path).set('X-Consumer-Username', ten.alias_id).send(body).expect(200);
      // warm the app cache, then lose the database
      expect((await req('/v1/auth', { flow_id: flow.id, app_id: app.alias_id })).body.code).toBe(0);
      await dataSource(broken).destroy();
      const published = await req('/v1/publish', { flow_id: flow.id, release_status: 1 });
      expect(published.body.code).toBe(20206);
      expect(published.body.message).toMatch(/^Workflow publish failed, Error details: .+/);
      const bound = await req('/v1/auth', { flow_id: flow.id, app_id: app.alias_id });
      expect(bound.body.code).toBe(20007);
      expect(bound.body.message).toMatch(/^Application binding failed, Error details: .+/);
    } finally {
      await broken.close().catch(() => undefined);
    }
  });

  it('documents both routes once with header, body and error codes', async () => {
    const doc = await t.http().get('/openapi.json').expect(200);
    // the aliases are served but documented only on the canonical route
    expect(doc.body.paths['/workflow/v1/v1/publish']).toBeUndefined();
    expect(doc.body.paths['/workflow/v1/publish']).toBeUndefined();
    for (const path of ['/v1/publish']) {
      const op = doc.body.paths[path].post;
      expect(op.parameters).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'X-Consumer-Username', in: 'header' }),
        ]),
      );
      expect(op['x-error-codes'].map((e: { code: number }) => e.code)).toEqual([
        460, 20206, 20001, 20002, 20201, 20003, 20006,
      ]);
    }
    const authOp = doc.body.paths['/v1/auth'].post;
    expect(authOp['x-error-codes'].map((e: { code: number }) => e.code)).toEqual([
      460, 20001, 20002, 20201, 20204, 20007,
    ]);
    expect(doc.body.components.schemas.PublishDto.required).toEqual(['flow_id', 'release_status']);
  });
});
