import { createHmac } from 'node:crypto';
import { ManagementPlatformFixture } from './fixtures/management-platform.fixture';
import {
  ADMIN_TOKEN,
  appRow,
  createAppViaAdmin,
  seedAppSource,
  seedFlow,
  licensesOf,
} from './helpers/app-fixtures';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

const KEY = 'plat-key';
const SECRET = 'plat-secret';
const EMPTY_DIGEST = 'SHA256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

// App resolution from the management platform (docs/api.md#app-resolution, docs/api.md#outbound-signing), driven through
// POST /v1/auth (whose `app_id` is resolved like any consumer) against a loopback platform.
describe('app resolution from the management platform', () => {
  let platform: ManagementPlatformFixture;
  let t: TestApp;
  let tenantAlias: string;

  beforeAll(async () => {
    platform = await new ManagementPlatformFixture().start();
    t = await createTestApp({
      ADMIN_TOKEN,
      APP_MANAGE_PLAT_APP_LIST: platform.listUrl,
      APP_MANAGE_PLAT_APP_DETAILS: platform.detailsUrl,
      APP_MANAGE_PLAT_KEY: KEY,
      APP_MANAGE_PLAT_SECRET: SECRET,
      APP_MANAGE_PLAT_TIMEOUT_MS: '300',
    });
    const tenant = await createAppViaAdmin(t, { is_tenant: 1, source: 1, plat_release_auth: 7 });
    tenantAlias = tenant.alias_id;
  });

  afterAll(async () => {
    await t.close();
    await platform.stop();
  });

  /** Binds `alias` to a published flow through /v1/auth; returns the envelope. */
  async function bind(app: TestApp, alias: string, tenant = tenantAlias) {
    const flow = await seedFlow(app, { releaseStatus: 1 });
    const res = await app
      .http()
      .post('/v1/auth')
      .set('X-Consumer-Username', tenant)
      .send({ flow_id: flow.id, app_id: alias })
      .expect(200);
    return { body: res.body, flow };
  }

  function remoteApp(alias: string, sourceId: string, details: Record<string, unknown> = {}) {
    platform.setList(alias, { body: { code: 0, message: 'ok', data: [{ source: sourceId }] } });
    platform.setDetails(alias, {
      body: {
        code: 0,
        data: [
          {
            name: 'Remote app',
            desc: 'from the platform',
            auth_list: [{ api_key: 'remote-key', api_secret: 'remote-secret' }],
            ...details,
          },
        ],
      },
    });
  }

  it('creates the app from list + details, signs both calls, and caches the result', async () => {
    const alias = uniqueAlias('remote');
    const sourceId = uniqueAlias('src').slice(0, 20);
    await seedAppSource(t, sourceId, 2);
    remoteApp(alias, sourceId);
    const { body, flow } = await bind(t, alias);
    expect(body).toEqual({ code: 0, message: 'success', sid: expect.any(String) });

    const row = await appRow(t, alias);
    expect(row).toMatchObject({
      name: 'Remote app',
      description: 'from the platform',
      apiKey: 'remote-key',
      apiSecret: 'remote-secret',
      source: 2,
      actualSource: 2,
      isTenant: 0,
      platReleaseAuth: 0,
      status: 1,
      auditPolicy: 0,
    });
    expect(await licensesOf(t, row!.id)).toEqual([
      expect.objectContaining({ groupId: flow.groupId, status: 1 }),
    ]);

    const calls = platform.requestsFor(alias);
    expect(calls.map((c) => c.path)).toEqual(['/list', '/details']);
    for (const call of calls) {
      const h = call.headers;
      expect(h.method).toBe('GET');
      expect(h.host).toBe(new URL(platform.listUrl).host);
      expect(h.digest).toBe(EMPTY_DIGEST);
      expect(Math.abs(Date.parse(String(h.date)) - Date.now())).toBeLessThan(60_000);
      expect(String(h.date)).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      const signed = `host: ${h.host}\ndate: ${h.date}\nGET ${call.path} HTTP/1.1\ndigest: ${EMPTY_DIGEST}`;
      const signature = createHmac('sha256', SECRET).update(signed).digest('base64');
      expect(h.authorization).toBe(
        `api_key="${KEY}", algorithm="hmac-sha256", headers="host date request-line digest", signature="${signature}"`,
      );
    }

    // the second resolution is served without the platform
    expect((await bind(t, alias)).body.code).toBe(0);
    expect(platform.requestsFor(alias)).toHaveLength(2);
  });

  it('creates a non-tenant: publishing as that app answers 20002', async () => {
    const alias = uniqueAlias('remote');
    const sourceId = uniqueAlias('src').slice(0, 20);
    await seedAppSource(t, sourceId, 1);
    remoteApp(alias, sourceId);
    const flow = await seedFlow(t);
    const res = await t
      .http()
      .post('/v1/publish')
      .set('X-Consumer-Username', alias)
      .send({ flow_id: flow.id, release_status: 1 })
      .expect(200);
    expect(res.body.message).toBe('Application tenant not found');
    expect(await appRow(t, alias)).toMatchObject({ isTenant: 0, source: 1 });
  });

  describe('failures create no app', () => {
    const cases: [string, (alias: string, sourceId: string) => void, number, string][] = [
      [
        'app list answering HTTP 500',
        (a) => platform.setList(a, { status: 500, body: { code: 0, data: [] } }),
        20001,
        'app list request failed: HTTP 500',
      ],
      [
        'app list answering code != 0',
        (a) => platform.setList(a, { body: { code: 11200, message: 'no' } }),
        20001,
        'app list answered code 11200',
      ],
      [
        'app list answering text',
        (a) => platform.setList(a, { body: 'not json' }),
        20001,
        'app list answer is not JSON',
      ],
      [
        'app list timing out',
        (a) => platform.setList(a, { hang: true }),
        20001,
        'app list request failed: no answer within 300 ms',
      ],
      [
        'app list without entries',
        (a) => platform.setList(a, { body: { code: 0, data: [] } }),
        20002,
        'source_id not found',
      ],
      [
        'an empty source id',
        (a) => platform.setList(a, { body: { code: 0, data: [{ source: '' }] } }),
        20002,
        'source_id not found',
      ],
      [
        'a source id without app_source row',
        (a) => platform.setList(a, { body: { code: 0, data: [{ source: 'nowhere-src' }] } }),
        20002,
        'app_source not found',
      ],
      [
        'app details answering HTTP 404',
        (a, s) => platform.setList(a, { body: { code: 0, data: [{ source: s }] } }),
        20001,
        'app details request failed: HTTP 404',
      ],
      [
        'app details answering code != 0',
        (a, s) => {
          remoteApp(a, s);
          platform.setDetails(a, { body: { code: 1 } });
        },
        20001,
        'app details answered code 1',
      ],
      [
        'app details without entries',
        (a, s) => {
          remoteApp(a, s);
          platform.setDetails(a, { body: { code: 0, data: [] } });
        },
        20001,
        'app details are empty',
      ],
      [
        'app details without credentials',
        (a, s) => remoteApp(a, s, { auth_list: [] }),
        20001,
        'app details carry no api_key/api_secret',
      ],
      [
        'app details with an api_secret missing',
        (a, s) => remoteApp(a, s, { auth_list: [{ api_key: 'k' }] }),
        20001,
        'app details carry no api_key/api_secret',
      ],
      [
        'app details with an over-long key',
        (a, s) => remoteApp(a, s, { auth_list: [{ api_key: 'k'.repeat(51), api_secret: 's' }] }),
        20001,
        'app details api_key/api_secret longer than 50 characters',
      ],
    ];

    it.each(cases)('%s', async (_name, arrange, code, detail) => {
      const alias = uniqueAlias('remote');
      const sourceId = uniqueAlias('src').slice(0, 20);
      await seedAppSource(t, sourceId, 1);
      arrange(alias, sourceId);
      const { body } = await bind(t, alias);
      const table =
        code === 20001
          ? 'Failed to get application from management platform'
          : 'Application tenant not found';
      expect(body).toEqual({ code, message: `${table}(${detail})`, sid: expect.any(String) });
      expect(await appRow(t, alias)).toBeNull();
    });
  });

  it('sends no signature without key and secret, and needs the details URL', async () => {
    const other = await createTestApp({
      ADMIN_TOKEN,
      APP_MANAGE_PLAT_APP_LIST: platform.listUrl,
    });
    try {
      const tenant = await createAppViaAdmin(other, { is_tenant: 1, source: 1 });
      const alias = uniqueAlias('remote');
      const sourceId = uniqueAlias('src').slice(0, 20);
      await seedAppSource(other, sourceId, 1);
      remoteApp(alias, sourceId);
      const { body } = await bind(other, alias, tenant.alias_id);
      expect(body.message).toBe(
        'Failed to get application from management platform(APP_MANAGE_PLAT_APP_DETAILS not configured)',
      );
      const [call] = platform.requestsFor(alias);
      expect(call.headers.authorization).toBeUndefined();
      expect(call.headers.digest).toBeUndefined();
      expect(await appRow(other, alias)).toBeNull();
    } finally {
      await other.close();
    }
  });

  it('answers 20001 when the platform cannot be reached', async () => {
    const gone = await new ManagementPlatformFixture().start();
    const url = gone.listUrl;
    await gone.stop();
    const other = await createTestApp({ ADMIN_TOKEN, APP_MANAGE_PLAT_APP_LIST: url });
    try {
      const tenant = await createAppViaAdmin(other, { is_tenant: 1, source: 1 });
      const alias = uniqueAlias('remote');
      const { body } = await bind(other, alias, tenant.alias_id);
      expect(body.code).toBe(20001);
      expect(body.message).toMatch(
        /^Failed to get application from management platform\(app list request failed: .*ECONNREFUSED.*\)$/,
      );
    } finally {
      await other.close();
    }
  });
});
