import { HttpTargetFixture } from '../../../../test/fixtures/http-target.fixture';
import { buildWorkflow } from '../../index';
import '../node-start/node-start.executor';
import '../node-end/node-end.executor';
import * as b from '../../testing/flow-builder';
import { runForNode } from '../../testing/run-helpers';
import type { HttpNodeSettings } from './http-settings';
import './http-request.executor';

// The http-request node inside the engine against a loopback fixture (allowed by host:port).

const target = new HttpTargetFixture();
let settings: HttpNodeSettings;
beforeAll(async () => {
  await target.start();
  settings = {
    allowHosts: [`127.0.0.1:${target.port}`],
    timeoutMs: 2000,
    maxResponseBytes: 64 * 1024,
    maxRedirects: 3,
  };
});
afterAll(() => target.close());

const HTTP = 'http-request::h';
const OUTPUTS = [
  b.output('status_code', 'integer'),
  b.output('headers', 'object'),
  b.output('body', 'object'),
];

function httpFlow(param: b.Json, extra: { outputs?: b.Json[]; retry?: b.Json } = {}) {
  const httpNode = b.node(HTTP, {
    inputs: [b.input('q', 'string', b.ref(b.START, b.USER_INPUT))],
    outputs: extra.outputs ?? OUTPUTS,
    param,
    retry: extra.retry,
  });
  const end = b.endNode([b.input('status', 'integer', b.ref(HTTP, 'status_code'))]);
  return b.startToEnd(httpNode, end);
}

async function run(
  param: b.Json,
  extra: { outputs?: b.Json[]; retry?: b.Json } = {},
  signal?: AbortSignal,
) {
  const { frames, last, node } = await runForNode(httpFlow(param, extra), HTTP, {
    parameters: { [b.USER_INPUT]: 'a b&c' },
    services: { httpRequest: settings },
    signal,
  });
  return { frames, outputs: node?.outputs as Record<string, unknown> | undefined, last };
}

describe('http-request in a run', () => {
  it('renders URL, query and headers; parses a JSON answer', async () => {
    const { outputs } = await run({
      method: 'GET',
      url: `${target.origin}/json?fixed=1`,
      query: { q: '{{q}}' },
      headers: { 'X-Token': 't-{{q}}' },
    });
    expect(outputs?.status_code).toBe(200);
    expect((outputs?.headers as Record<string, string>)['x-fixture']).toBe('yes');
    expect(outputs?.body).toMatchObject({
      method: 'GET',
      query: { fixed: '1', q: 'a b&c' },
      headers: { 'x-token': 't-a b&c', 'accept-encoding': 'identity' },
    });
  });

  it('sends JSON, form and raw bodies', async () => {
    const json = await run({
      method: 'POST',
      url: `${target.origin}/json`,
      body: { type: 'json', content: '{"q": "{{q}}", "n": 1}' },
    });
    expect(json.outputs?.body).toMatchObject({
      method: 'POST',
      body: '{"q": "a b&c", "n": 1}',
      headers: { 'content-type': 'application/json' },
    });
    const form = await run({
      method: 'PUT',
      url: `${target.origin}/json`,
      body: { type: 'form', content: { q: '{{q}}' } },
    });
    expect(form.outputs?.body).toMatchObject({ body: 'q=a+b%26c' });
    const raw = await run(
      { method: 'PATCH', url: `${target.origin}/text`, body: { type: 'raw', content: 'x={{q}}' } },
      { outputs: [b.output('status_code', 'integer'), b.output('body', 'string')] },
    );
    expect(raw.outputs).toEqual({ status_code: 200, body: 'hello text' });
    expect(target.requests.at(-1)).toMatchObject({ method: 'PATCH', body: 'x=a b&c' });
  });

  it('returns a non-2xx answer as outputs', async () => {
    const { outputs } = await run({ url: `${target.origin}/status/404` });
    expect(outputs).toMatchObject({ status_code: 404, body: { error: 'scripted', status: 404 } });
  });

  it('keeps the text of a JSON answer when body is declared as string', async () => {
    const { outputs } = await run(
      { url: `${target.origin}/status/500` },
      { outputs: [b.output('body', 'string'), b.output('status_code', 'integer')] },
    );
    expect(outputs).toEqual({ status_code: 500, body: '{"error":"scripted","status":500}' });
  });

  it('follows a redirect (303 turns POST into GET)', async () => {
    const { outputs } = await run({
      method: 'POST',
      url: `${target.origin}/redirect303`,
      body: { type: 'json', content: '{}' },
    });
    expect(outputs?.body).toMatchObject({ method: 'GET', body: '' });
  });

  it.each([
    ['http://127.0.0.1:9/x'],
    ['http://localhost:9/'],
    ['http://2130706433/'],
    ['http://0x7f.1/'],
    ['http://017700000001/'],
    ['http://[::1]/'],
    ['http://[::ffff:127.0.0.1]/'],
    ['http://169.254.169.254/latest/meta-data/'],
    ['http://10.0.0.1/'],
    ['http://[fd00:ec2::254]/'],
    ['http://0.0.0.0/'],
    ['http://[::]/'],
    ['http://172.16.5.5/'],
    ['http://[fe80::1]/'],
    ['file:///etc/passwd'],
  ])('refuses %s with 24001', async (url) => {
    const { last } = await run({ url });
    expect(last.code).toBe(24001);
    expect(last.message).toContain('HTTP request node target address is not allowed');
  });

  it('refuses a redirect from an allowed host to the metadata address', async () => {
    const before = target.requests.length;
    const { last } = await run({
      url: `${target.origin}/redirect?to=${encodeURIComponent('http://169.254.169.254/latest/')}`,
    });
    expect(last.code).toBe(24001);
    expect(target.requests.length).toBe(before + 1);
  });

  it('refuses a redirect to a loopback port that is not allowed', async () => {
    const { last } = await run({
      url: `${target.origin}/redirect?to=${encodeURIComponent('http://localhost:1/')}`,
    });
    expect(last.code).toBe(24001);
  });

  it('fails after too many redirects with 24000', async () => {
    const { last } = await run({ url: `${target.origin}/loop` });
    expect(last.code).toBe(24000);
    expect(last.message).toContain('redirects');
  });

  it('times out with 24002 (nodeParam.timeout)', async () => {
    const { last } = await run({ url: `${target.origin}/stall`, timeout: 0.3 });
    expect(last.code).toBe(24002);
  });

  it('fails a dropped connection with 24000', async () => {
    expect((await run({ url: `${target.origin}/drop` })).last.code).toBe(24000);
    expect((await run({ url: `${target.origin}/drop-mid` })).last.code).toBe(24000);
  });

  it('fails a body over the cap with 24003', async () => {
    const { last } = await run({ url: `${target.origin}/big?bytes=${200 * 1024}` });
    expect(last.code).toBe(24003);
  });

  it('retries through retryConfig', async () => {
    const before = target.requests.length;
    const { last } = await run(
      { url: `${target.origin}/drop` },
      { retry: { shouldRetry: true, maxRetries: 2, errorStrategy: 0, timeout: 5 } },
    );
    expect(last.code).toBe(24000);
    expect(target.requests.length - before).toBe(3);
  });

  it('stops the request when the run is cancelled', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 150);
    await run({ url: `${target.origin}/stall`, timeout: 10 }, {}, controller.signal);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.each([
    [{ url: '' }],
    [{ url: 'http://x/', body: { type: 'json', content: '{}' } }],
    [{ url: 'http://x/', method: 'TRACE' }],
    [{ url: 'http://x/', timeout: 0 }],
    [{ url: 'http://x/', headers: { a: 1 } }],
  ])('rejects nodeParam %j at build time with 22101', (param) => {
    expect(() => buildWorkflow(httpFlow(param))).toThrow(
      expect.objectContaining({ code: 22101 }) as Error,
    );
  });
});
