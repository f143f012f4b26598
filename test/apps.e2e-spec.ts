import {
  ADMIN_AUTH,
  ADMIN_TOKEN,
  appRow,
  createAppViaAdmin,
  dataSource,
} from './helpers/app-fixtures';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

const BASE = '/workflow/v1/admin/apps';

describe('admin API /workflow/v1/admin/apps', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_TOKEN });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('authentication', () => {
    it('refuses every route with HTTP 403 when ADMIN_TOKEN is not configured', async () => {
      const off = await createTestApp();
      try {
        const alias = uniqueAlias();
        const calls = [
          off.http().post(BASE).set(ADMIN_AUTH).send({ alias_id: alias, name: 'x' }),
          off.http().get(BASE).set(ADMIN_AUTH),
          off.http().get(`${BASE}/${alias}`).set(ADMIN_AUTH),
          off.http().patch(`${BASE}/${alias}`).set(ADMIN_AUTH).send({ name: 'y' }),
        ];
        for (const call of calls) {
          const res = await call.expect(403);
          expect(res.body).toEqual({
            code: 403,
            message: 'Admin API disabled(ADMIN_TOKEN is not configured)',
            sid: expect.any(String),
          });
        }
        expect(await appRow(off, alias)).toBeNull();
      } finally {
        await off.close();
      }
    });

    it.each([
      ['no Authorization header', undefined],
      ['a wrong token', `Bearer ${ADMIN_TOKEN}x`],
      ['the token without the Bearer scheme', ADMIN_TOKEN],
      ['an empty bearer', 'Bearer '],
    ])('answers HTTP 401 for %s and creates nothing', async (_name, header) => {
      const alias = uniqueAlias();
      const req = t.http().post(BASE);
      if (header !== undefined) req.set('Authorization', header);
      const res = await req.send({ alias_id: alias, name: 'x' }).expect(401);
      expect(res.body).toEqual({
        code: 401,
        message: 'Unauthorized(a valid Bearer token is required)',
        sid: expect.any(String),
      });
      expect(await appRow(t, alias)).toBeNull();
    });

    it('accepts the scheme in any case', async () => {
      const res = await t
        .http()
        .get(BASE)
        .set('Authorization', `bearer ${ADMIN_TOKEN}`)
        .expect(200);
      expect(res.body.code).toBe(0);
    });
  });

  describe('create', () => {
    it('registers a tenant with the given columns and answers it without the secret', async () => {
      const alias = uniqueAlias('tenant');
      const res = await t
        .http()
        .post(BASE)
        .set(ADMIN_AUTH)
        .send({
          alias_id: alias,
          name: 'Tenant one',
          description: 'publishes',
          is_tenant: 1,
          source: 2,
          actual_source: 4,
          plat_release_auth: 7,
          api_key: 'k1',
          api_secret: 's1',
          audit_policy: 1,
          unknown_field: 'ignored',
          status: 0,
        })
        .expect(200);
      expect(res.body).toEqual({
        code: 0,
        message: 'success',
        sid: expect.any(String),
        data: {
          id: expect.stringMatching(/^\d{15,19}$/),
          alias_id: alias,
          name: 'Tenant one',
          description: 'publishes',
          is_tenant: 1,
          source: 2,
          actual_source: 4,
          plat_release_auth: 7,
          status: 1,
          audit_policy: 1,
          api_key: 'k1',
          create_at: expect.any(String),
          update_at: expect.any(String),
        },
      });
      const row = await appRow(t, alias);
      expect(row).toMatchObject({ id: res.body.data.id, apiSecret: 's1', isTenant: 1, status: 1 });
    });

    it('defaults the optional columns (actual_source follows source)', async () => {
      const data = await createAppViaAdmin(t, { source: 1 });
      expect(data).toMatchObject({
        description: null,
        is_tenant: 0,
        source: 1,
        actual_source: 1,
        plat_release_auth: 0,
        audit_policy: 0,
        api_key: '',
      });
      const plain = await createAppViaAdmin(t, { description: null, is_tenant: null });
      expect(plain).toMatchObject({ source: 0, actual_source: 0, is_tenant: 0 });
    });

    it('refuses a duplicate alias with HTTP 409 and leaves the first app unchanged', async () => {
      const first = await createAppViaAdmin(t, { name: 'first', api_secret: 'one' });
      const res = await t
        .http()
        .post(BASE)
        .set(ADMIN_AUTH)
        .send({ alias_id: first.alias_id, name: 'second', api_secret: 'two' })
        .expect(409);
      expect(res.body).toEqual({
        code: 409,
        message: `Application already exists(alias_id ${first.alias_id})`,
        sid: expect.any(String),
      });
      expect(await appRow(t, first.alias_id)).toMatchObject({ name: 'first', apiSecret: 'one' });
    });

    it.each([
      [
        'alias_id missing',
        { alias_id: undefined },
        'body->alias_id, Input: None, Error: Field required (missing)',
      ],
      [
        'name missing',
        { alias_id: '@', name: undefined },
        'body->name, Input: None, Error: Field required (missing)',
      ],
      ['alias_id too long', { alias_id: 'a'.repeat(65), name: 'x' }, '(string_too_long)'],
      ['alias_id with a space', { alias_id: 'a b', name: 'x' }, 'body->alias_id, Input: a b'],
      ['empty alias_id', { alias_id: '', name: 'x' }, '(string_too_short)'],
      ['name too long', { name: 'n'.repeat(31) }, 'body->name'],
      ['description too long', { description: 'd'.repeat(256) }, 'body->description'],
      ['api_key too long', { api_key: 'k'.repeat(51) }, 'body->api_key'],
      ['api_secret too long', { api_secret: 's'.repeat(51) }, 'body->api_secret'],
      [
        'is_tenant as string',
        { is_tenant: '1' },
        'body->is_tenant, Input: 1, Error: Input should be a valid integer (int_type)',
      ],
      ['is_tenant 2', { is_tenant: 2 }, 'body->is_tenant'],
      ['source 3', { source: 3 }, 'body->source'],
      ['actual_source 8', { actual_source: 8 }, 'body->actual_source'],
      ['plat_release_auth 8', { plat_release_auth: 8 }, 'body->plat_release_auth'],
      ['plat_release_auth 1.5', { plat_release_auth: 1.5 }, '(int_type)'],
      ['audit_policy true', { audit_policy: true }, 'body->audit_policy'],
      [
        'name as number',
        { name: 5 },
        'body->name, Input: 5, Error: Input should be a valid string (string_type)',
      ],
    ])('answers 460 for %s and creates nothing', async (_name, patch, line) => {
      const alias = uniqueAlias();
      const body = { alias_id: alias, name: 'x', ...patch };
      const res = await t.http().post(BASE).set(ADMIN_AUTH).send(body).expect(200);
      expect(res.body.code).toBe(460);
      expect(res.body.message).toContain(line);
      expect(res.body.message.split('\n').every((l: string) => l.startsWith('Parameter: '))).toBe(
        true,
      );
      expect(res.body.data).toBeUndefined();
      expect(await appRow(t, alias)).toBeNull();
      if (typeof body.alias_id === 'string' && body.alias_id !== alias) {
        expect(await appRow(t, body.alias_id)).toBeNull();
      }
    });

    it('answers 460 for malformed JSON', async () => {
      const res = await t
        .http()
        .post(BASE)
        .set(ADMIN_AUTH)
        .set('Content-Type', 'application/json')
        .send('{"alias_id": "x",')
        .expect(200);
      expect(res.body.code).toBe(460);
      expect(res.body.message).toMatch(
        /^Parameter: body->\d+, .*JSON decode error \(json_invalid\)$/,
      );
    });
  });

  describe('get and list', () => {
    it('gets an app by alias, and 20000 for an unknown alias', async () => {
      const app = await createAppViaAdmin(t, { name: 'getme' });
      const res = await t.http().get(`${BASE}/${app.alias_id}`).set(ADMIN_AUTH).expect(200);
      expect(res.body.data).toEqual(app);
      const missing = uniqueAlias();
      const gone = await t.http().get(`${BASE}/${missing}`).set(ADMIN_AUTH).expect(200);
      expect(gone.body).toEqual({
        code: 20000,
        message: `Application not found(alias_id ${missing})`,
        sid: expect.any(String),
      });
    });

    it('lists apps in pages', async () => {
      const a = await createAppViaAdmin(t);
      const all = await t.http().get(BASE).query({ limit: 200 }).set(ADMIN_AUTH).expect(200);
      expect(all.body.data.offset).toBe(0);
      expect(all.body.data.limit).toBe(200);
      expect(all.body.data.total).toBeGreaterThanOrEqual(1);
      const page = await t.http().get(BASE).query({ limit: 1, offset: 0 }).set(ADMIN_AUTH);
      expect(page.body.data.items).toHaveLength(1);
      expect(page.body.data.total).toBeGreaterThanOrEqual(all.body.data.total);
      // on a shared database other specs add apps too; ours is somewhere in the full list
      const everything = [];
      for (let offset = 0; offset < all.body.data.total; offset += 200) {
        const res = await t.http().get(BASE).query({ limit: 200, offset }).set(ADMIN_AUTH);
        everything.push(...res.body.data.items);
      }
      expect(everything.map((x: { alias_id: string }) => x.alias_id)).toContain(a.alias_id);
    });

    it.each([
      ['limit 0', { limit: 0 }],
      ['limit 201', { limit: 201 }],
      ['negative offset', { offset: -1 }],
      ['non-numeric limit', { limit: 'ten' }],
    ])('answers 460 for %s', async (_name, query) => {
      const res = await t.http().get(BASE).query(query).set(ADMIN_AUTH).expect(200);
      expect(res.body.code).toBe(460);
    });
  });

  describe('update', () => {
    it('changes the given columns only; null leaves a column, except description', async () => {
      const app = await createAppViaAdmin(t, { description: 'old', api_key: 'k', api_secret: 's' });
      const res = await t
        .http()
        .patch(`${BASE}/${app.alias_id}`)
        .set(ADMIN_AUTH)
        .send({
          name: 'renamed',
          is_tenant: 1,
          plat_release_auth: 5,
          api_key: null,
          description: null,
          alias_id: 'ignored',
        })
        .expect(200);
      expect(res.body.data).toMatchObject({
        alias_id: app.alias_id,
        name: 'renamed',
        is_tenant: 1,
        plat_release_auth: 5,
        api_key: 'k',
        description: null,
      });
      expect(await appRow(t, 'ignored')).toBeNull();
      const empty = await t.http().patch(`${BASE}/${app.alias_id}`).set(ADMIN_AUTH).send({});
      expect(empty.body.data.name).toBe('renamed');
    });

    it('answers 20000 for an unknown alias', async () => {
      const missing = uniqueAlias();
      for (const body of [{ name: 'x' }, {}]) {
        const res = await t.http().patch(`${BASE}/${missing}`).set(ADMIN_AUTH).send(body);
        expect(res.body.code).toBe(20000);
      }
      expect(await appRow(t, missing)).toBeNull();
    });

    it.each([
      ['name too long', { name: 'n'.repeat(31) }],
      ['source 5', { source: 5 }],
      ['is_tenant as string', { is_tenant: 'yes' }],
      ['api_secret too long', { api_secret: 's'.repeat(51) }],
    ])('answers 460 for %s and changes nothing', async (_name, body) => {
      const app = await createAppViaAdmin(t, { name: 'stable', api_secret: 'keep' });
      const before = await appRow(t, app.alias_id);
      const res = await t.http().patch(`${BASE}/${app.alias_id}`).set(ADMIN_AUTH).send(body);
      expect(res.body.code).toBe(460);
      expect(await appRow(t, app.alias_id)).toEqual(before);
    });
  });

  it('answers unexpected failures with the fallback 20805 and no internals', async () => {
    const broken = await createTestApp({ ADMIN_TOKEN });
    try {
      await dataSource(broken).destroy();
      const res = await broken.http().get(BASE).set(ADMIN_AUTH).expect(200);
      expect(res.body).toEqual({
        code: 20805,
        message: 'Admin operation failed',
        sid: expect.any(String),
      });
    } finally {
      await broken.close().catch(() => undefined);
    }
  });

  it('documents every admin route with its error codes', async () => {
    const doc = await t.http().get('/openapi.json').expect(200);
    const collection = doc.body.paths[BASE];
    const item = doc.body.paths[`${BASE}/{alias_id}`];
    for (const op of [collection.post, collection.get, item.get, item.patch]) {
      expect(op['x-error-codes'].map((e: { code: number }) => e.code)).toEqual(
        expect.arrayContaining([401, 403, 20805]),
      );
      expect(op.security).toEqual([{ admin: [] }]);
    }
    expect(collection.post['x-error-codes'].map((e: { code: number }) => e.code)).toContain(409);
    expect(doc.body.components.schemas.CreateAppDto.properties.alias_id.maxLength).toBe(64);
  });
});
