import { createHash, createHmac } from 'node:crypto';
import { AppRepository } from '../src/database/repositories/app.repository';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// AUTH_MODE=signature: every request is signed with the calling app's api_key/api_secret (the
// scheme of the management-platform calls) and the caller is the key's app, whatever
// X-Consumer-Username says. With TENANCY=strict that identity decides flow ownership.

const HOST = 'workflow.test';
const SIGNATURE_ERROR = 20011;

interface Key {
  alias: string;
  key: string;
  secret: string;
}

/** The client side, as documented in the README. */
function signedHeaders(
  method: string,
  path: string,
  body: string,
  key: Key,
  date = new Date(),
): Record<string, string> {
  const digest = `SHA256=${createHash('sha256').update(body).digest('base64')}`;
  const when = date.toUTCString();
  const toSign = `host: ${HOST}\ndate: ${when}\n${method} ${path} HTTP/1.1\ndigest: ${digest}`;
  const signature = createHmac('sha256', key.secret).update(toSign).digest('base64');
  return {
    Host: HOST,
    Date: when,
    Digest: digest,
    Authorization: `api_key="${key.key}", algorithm="hmac-sha256", headers="host date request-line digest", signature="${signature}"`,
  };
}

describe('AUTH_MODE=signature', () => {
  let t: TestApp;
  let a: Key;
  let b: Key;
  // no protocol: nothing to validate, only ownership matters here
  const flow = { name: 'signed' };

  beforeAll(async () => {
    t = await createTestApp({ AUTH_MODE: 'signature', TENANCY: 'strict' });
    const apps = t.app.get(AppRepository);
    const make = async (prefix: string): Promise<Key> => {
      const alias = uniqueAlias(prefix);
      const key = { alias, key: `${alias}-key`, secret: `${alias}-secret` };
      await apps.insert({
        aliasId: alias,
        name: prefix,
        isTenant: 1,
        platReleaseAuth: 7,
        source: 1,
        actualSource: 1,
        apiKey: key.key,
        apiSecret: key.secret,
      });
      return key;
    };
    a = await make('siga');
    b = await make('sigb');
  });
  afterAll(() => t.close());

  const send = (path: string, body: unknown, headers: Record<string, string>, raw?: string) =>
    t
      .http()
      .post(path)
      .set('Content-Type', 'application/json')
      .set(headers)
      .send(raw ?? JSON.stringify(body));
  const signedPost = (path: string, body: unknown, key: Key, extra: Record<string, string> = {}) =>
    send(path, body, { ...signedHeaders('POST', path, JSON.stringify(body), key), ...extra });

  async function addFlow(key: Key): Promise<string> {
    const res = await signedPost('/workflow/v1/protocol/add', { ...flow, app_id: key.alias }, key);
    expect(res.body).toMatchObject({ code: 0 });
    return (res.body as { data: { flow_id: string } }).data.flow_id;
  }

  it('accepts a good signature and takes the caller from the key, not the header', async () => {
    const flowId = await addFlow(a);
    const get = '/workflow/v1/protocol/get';
    expect((await signedPost(get, { flow_id: flowId }, a)).body.code).toBe(0);
    // B claiming to be A in the header is still B
    const claimed = await signedPost(get, { flow_id: flowId }, b, {
      'X-Consumer-Username': a.alias,
      x_consumer_username: a.alias,
    });
    expect(claimed.body.code).toBe(20010);
  });

  const refused = (res: { status: number; body: Record<string, unknown> }, reason: RegExp) => {
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      code: SIGNATURE_ERROR,
      message: expect.stringMatching(reason) as string,
      sid: expect.any(String) as string,
    });
  };
  const path = '/workflow/v1/protocol/get';
  const body = { flow_id: '7300000000000000009' };

  it('refuses a wrong secret', async () => {
    const wrong = { ...a, secret: 'not-the-secret' };
    refused(await signedPost(path, body, wrong), /unknown api_key or wrong signature/);
  });

  it('refuses an unknown key', async () => {
    refused(await signedPost(path, body, { ...a, key: 'nobody' }), /unknown api_key/);
  });

  it('refuses a date outside the skew window, either way', async () => {
    for (const offset of [-10 * 60_000, 10 * 60_000]) {
      const headers = signedHeaders(
        'POST',
        path,
        JSON.stringify(body),
        a,
        new Date(Date.now() + offset),
      );
      refused(await send(path, body, headers), /clock skew/);
    }
  });

  it('refuses a body that is not the signed one', async () => {
    const headers = signedHeaders('POST', path, JSON.stringify(body), a);
    refused(await send(path, { flow_id: '1' }, headers), /Digest does not match/);
  });

  it('refuses a signature made for another path or method', async () => {
    const headers = signedHeaders('POST', '/workflow/v1/protocol/delete', JSON.stringify(body), a);
    refused(await send(path, body, headers), /wrong signature/);
  });

  it('refuses unsigned requests and missing headers', async () => {
    refused(await send(path, body, { 'X-Consumer-Username': a.alias }), /Authorization/);
    const full = signedHeaders('POST', path, JSON.stringify(body), a);
    for (const name of ['Date', 'Digest']) {
      const headers = { ...full };
      delete headers[name];
      refused(await send(path, body, headers), /Host, Date and Digest/);
    }
    // chat routes are refused the same way, before any stream starts
    refused(
      await send('/workflow/v1/chat/completions', { flow_id: '1', parameters: {} }, {}),
      /Authorization/,
    );
  });

  it('leaves the health probes open', async () => {
    expect((await t.http().get('/health')).status).toBe(200);
  });

  it('leaves the admin console files open (its calls carry ADMIN_TOKEN)', async () => {
    expect((await t.http().get('/console')).status).toBe(200);
    expect((await t.http().get('/console/js/main.js')).status).toBe(200);
  });
});
