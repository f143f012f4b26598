import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { createTestApp, TestApp } from './helpers/test-app';

// POST /code/run with one Python sandbox: clients that give up while the sandbox started for
// them is still cold-starting must not take the pool down. One app's long job holds the only
// sandbox; clients of other apps queue behind it, and three of them hang up while the fresh
// sandbox of the first is starting. The one that stays must be answered, and so must every
// later app, the health route and JavaScript.
//
// Each request names its app both in the body (`app_id`) and in `X-Consumer-Username`, so the
// sandbox tenant is distinct per app whichever of the two the route takes it from.

interface Answer {
  status: number;
  body: { code: number; message: string; data?: unknown };
  /** Date.now() when it arrived */
  at: number;
}

interface Call {
  done: Promise<Answer>;
  /** the client hangs up (the service sees the connection close) */
  hangUp: () => void;
}

const PATH = '/workflow/v1/code/run';
const ECHO = 'def main(tag):\n    return {"tag": tag}';
const LONG = 'import time\n\ndef main():\n    time.sleep(2)\n    return {"slept": 2}';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('code run: the Python pool of one survives clients that give up', () => {
  let t: TestApp;
  let port: number;
  const run = `${Date.now().toString(36)}`;
  const appId = (name: string) => `pool-${name}-${run}`;

  beforeAll(async () => {
    t = await createTestApp({ CODE_PYTHON_POOL_SIZE: '1', CODE_JS_POOL_SIZE: '1' });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  /** A raw request, so the test decides when the client goes away; fails after `limitMs`. */
  function post(app: string, code: string, limitMs: number, extra: object = {}): Call {
    const payload = JSON.stringify({
      code,
      variables: code === ECHO ? [{ name: 'tag', content: app }] : [],
      app_id: app,
      uid: 'user1',
      ...extra,
    });
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: PATH,
      agent: false,
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(payload),
        'X-Consumer-Username': app,
      },
    });
    const done = new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(
        () => req.destroy(new Error(`${app}: no answer within ${limitMs} ms`)),
        limitMs,
      );
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), at: Date.now() });
        });
      });
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    req.end(payload);
    return { done, hangUp: () => req.destroy(new Error(`${app}: client gave up`)) };
  }

  it('answers the waiting client and every later app after aborts in a cold start', async () => {
    // the long job holds the only sandbox (its own cold start, then 2 s)
    const holder = post(appId('holder'), LONG, 20_000);
    await sleep(300);
    // queued in this order; the first gets a fresh sandbox when the holder's is retired
    const leavers = ['b', 'c', 'd'].map((name) => {
      const call = post(appId(name), ECHO, 30_000);
      const outcome = call.done.then(
        () => 'answered',
        () => 'gone',
      );
      return { call, outcome };
    });
    await sleep(100);
    const stayer = post(appId('e'), ECHO, 15_000);
    const stayerAnswer = stayer.done.catch((error: Error) => error);

    const held = await holder.done;
    expect(held.body).toMatchObject({ code: 0, data: { slept: 2 } });
    // b's fresh sandbox now cold-starts (≈2.5 s here); b, c and d hang up within it
    let lastHangUp = 0;
    for (const { call } of leavers) {
      await sleep(leavers[0].call === call ? 500 : 300);
      call.hangUp();
      lastHangUp = Date.now();
    }
    expect(await Promise.all(leavers.map(({ outcome }) => outcome))).toEqual([
      'gone',
      'gone',
      'gone',
    ]);

    const answer = await stayerAnswer;
    if (answer instanceof Error) throw answer;
    expect(answer.body).toMatchObject({ code: 0, data: { tag: appId('e') } });
    // the hang-ups fell inside the cold start (else this test would not test it)
    expect(answer.at).toBeGreaterThan(lastHangUp);

    // fresh apps: each needs a sandbox of its own (the pool retires the last app's)
    for (const name of ['f', 'g', 'h']) {
      const started = Date.now();
      const fresh = await post(appId(name), ECHO, 10_000).done;
      expect(fresh.body).toMatchObject({ code: 0, data: { tag: appId(name) } });
      expect(Date.now() - started).toBeLessThan(10_000);
    }
    const health = await t.http().get('/health').timeout(5000);
    expect(health.body).toEqual({ status: 'ok' });
    const js = await post(appId('js'), 'function main({ a }) { return { twice: a * 2 } }', 10_000, {
      variables: [{ name: 'a', content: 21 }],
      code_language: 'javascript',
    }).done;
    expect(js.body).toMatchObject({ code: 0, data: { twice: 42 } });
  }, 45_000);
});
