import request from 'supertest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { addFlow, answerOf, createApps, DEBUG_CHAT, runChat, World } from './chat.helpers';
import { ADMIN_AUTH, ADMIN_TOKEN, createAppViaAdmin, seedFlow } from './helpers/app-fixtures';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';
import { Answer, answerProblems } from './fuzz/answer-checks';
import { BadBody, badBody, badPathParam, deepNest } from './fuzz/bad-input-generator';
import { SeededRandom } from './fuzz/seeded-random';
import { FuzzRoute, routesOf, startsSandbox, templateFor } from './fuzz/route-templates';

// Bad input never leaks internals: ≥ 10,000 malformed requests over every route of the running
// app, then the service still answers and runs a flow. Also the probe's individual findings.

const REQUESTS = 10_000;
const CONCURRENCY = 16;
const SEED = Number(process.env.FUZZ_SEED ?? 20250611);

interface Sent {
  route: FuzzRoute;
  url: string;
  body: BadBody;
  headers: Record<string, string>;
}

describe('bad input never leaks internals', () => {
  let t: TestApp;
  let base: string;
  let w: World;
  let flowId: string;
  /** the alias fuzzed app deletions aim at: deleting works, and the world's apps must stay */
  let decoy: string;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_TOKEN, RUNTIME_ENV: 'test' });
    // one listening socket for all requests (supertest would listen once per request)
    const server = t.server as unknown as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    w = await createApps(t, uniqueAlias(''));
    flowId = (await seedFlow(t, { appId: w.tenant, releaseStatus: 1 })).id;
    decoy = (await createAppViaAdmin(t)).alias_id as string;
  });

  afterAll(() => t.close());

  function send(s: Sent): Promise<Answer> {
    let req = request(base)[s.route.method](s.url).set(s.headers);
    if (s.body.contentType) req = req.set('Content-Type', s.body.contentType);
    if (s.body.payload !== undefined) req = req.send(s.body.payload);
    return req
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      })
      .then((res) => ({
        status: res.status,
        contentType: String(res.headers['content-type'] ?? ''),
        text: res.body as string,
      }));
  }

  function sample(rng: SeededRandom, routes: FuzzRoute[]): Sent {
    const route = routes[rng.int(routes.length)];
    const context = {
      flowId: rng.chance(0.5) ? flowId : '7381234567890123456',
      appAlias: w.tenant,
    };
    let body = badBody(rng, templateFor(route, context));
    if (startsSandbox(route) && typeof body.payload === 'string') {
      // never a runnable program: a string `code` becomes a number (validation refuses it)
      body = { ...body, payload: body.payload.replace(/"code":"/g, '"code":5,"c":"') };
    }
    const url = route.path.replace(/:(\w+)/g, (_m, name: string) =>
      badPathParam(rng, name === 'flow_id' ? flowId : route.method === 'delete' ? decoy : w.tenant),
    );
    const headers: Record<string, string> = {};
    if (rng.chance(0.6)) {
      headers['X-Consumer-Username'] = rng.pick([
        w.tenant,
        w.caller,
        'nobody',
        ' ',
        'x'.repeat(300),
      ]);
    }
    if (route.path.includes('/admin/') && rng.chance(0.7)) {
      Object.assign(headers, rng.chance(0.85) ? ADMIN_AUTH : { Authorization: 'Bearer wrong' });
    }
    return { route, url, body, headers };
  }

  it(`answers ${REQUESTS} malformed requests with documented envelopes only`, async () => {
    const routes = routesOf(t.app);
    expect(routes.length).toBeGreaterThan(30);
    const rng = new SeededRandom(SEED);
    const findings: string[] = [];
    const started = Date.now();
    let done = 0;
    while (done < REQUESTS) {
      const batch = Array.from({ length: Math.min(CONCURRENCY, REQUESTS - done) }, () =>
        sample(rng, routes),
      );
      const answers = await Promise.all(batch.map(send));
      answers.forEach((answer, i) => {
        const s = batch[i];
        for (const problem of answerProblems(answer)) {
          findings.push(
            `${s.route.method.toUpperCase()} ${s.url.slice(0, 80)} [${s.body.kind}]: ${problem}`,
          );
        }
      });
      done += batch.length;
    }
    const seconds = (Date.now() - started) / 1000;
    // figures for the record (seed, volume, time)
    console.info(
      `fuzz: seed ${SEED}, ${done} requests over ${routes.length} routes in ${seconds}s, ${findings.length} findings`,
    );
    expect([...new Set(findings)].slice(0, 30)).toEqual([]);
  }, 120_000);

  it('still answers /health and runs a flow afterwards', async () => {
    await t.http().get('/health').expect(200);
    const id = await addFlow(t, w.tenant, {
      name: 'after fuzz',
      description: '',
      data: {
        nodes: [
          {
            id: 'node-start::s',
            data: {
              nodeMeta: { nodeType: 'node-start', aliasName: 'Start' },
              outputs: [{ name: 'AGENT_USER_INPUT', required: true, schema: { type: 'string' } }],
            },
          },
          {
            id: 'node-end::e',
            data: {
              nodeMeta: { nodeType: 'node-end', aliasName: 'End' },
              inputs: [
                {
                  name: 'q',
                  schema: {
                    type: 'string',
                    value: {
                      type: 'ref',
                      content: { nodeId: 'node-start::s', name: 'AGENT_USER_INPUT' },
                    },
                  },
                },
              ],
              nodeParam: { outputMode: 1, template: 'Hello, {{q}}!', streamOutput: true },
            },
          },
        ],
        edges: [{ sourceNodeId: 'node-start::s', targetNodeId: 'node-end::e' }],
      },
    });
    const run = await runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: id,
      parameters: { AGENT_USER_INPUT: 'Ada' },
    });
    expect(answerOf(run.chunks)).toBe('Hello, Ada!');
  });
});

describe('the probe findings', () => {
  let t: TestApp;
  let flowId: string;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_TOKEN });
    flowId = (await seedFlow(t, { name: 'untouched' })).id;
  });

  afterAll(() => t.close());

  const deep = deepNest(10_000, '{"a":', '}');

  it('refuses a body nested 10,000 deep on /v1/auth with 460, before validation', async () => {
    const res = await t
      .http()
      .post('/v1/auth')
      .set('X-Consumer-Username', 'tenant')
      .set('Content-Type', 'application/json')
      .send(deep)
      .expect(200);
    expect(res.body).toEqual({
      code: 460,
      message: expect.stringMatching(/^Parameter: body, .*\(json_too_deep\)$/),
      sid: expect.any(String),
    });
  });

  it('refuses a body nested 10,000 deep on an admin route with 460 (no code 500)', async () => {
    const res = await t
      .http()
      .post('/workflow/v1/admin/apps')
      .set(ADMIN_AUTH)
      .set('Content-Type', 'application/json')
      .send(`{"alias_id":"deep","name":"n","description":${deep}}`)
      .expect(200);
    expect(res.body).toEqual({
      code: 460,
      message: expect.stringMatching(/^Parameter: body, .*\(json_too_deep\)$/),
      sid: expect.any(String),
    });
  });

  it('accepts nesting up to the limit', async () => {
    const res = await t
      .http()
      .post('/workflow/v1/protocol/get')
      .set('Content-Type', 'application/json')
      .send(`{"flow_id":"${flowId}","x":${deepNest(99)}}`)
      .expect(200);
    expect(res.body.code).toBe(0);
  });

  it.each([[[]], ['x'], [{ nodes: 5 }], [{ nodes: [[]], edges: [] }], [{ nodes: [5], edges: [] }]])(
    '/node/debug with data %j answers 460, not a TypeError text',
    async (data) => {
      const res = await t
        .http()
        .post('/workflow/v1/node/debug')
        .send({ id: '1', name: 'n', data })
        .expect(200);
      expect(res.body).toEqual({
        code: 460,
        message: expect.stringMatching(/^Parameter: body->data/),
        sid: expect.any(String),
      });
    },
  );

  it('refuses flow ids with surrounding spaces with the route fallback codes', async () => {
    const update = await t
      .http()
      .post(`/workflow/v1/protocol/update/%20${flowId}`)
      .send({ name: 'renamed' })
      .expect(200);
    expect(update.body).toEqual({
      code: 20104,
      message: 'Protocol update failed',
      sid: expect.any(String),
    });
    const get = await t
      .http()
      .post('/workflow/v1/protocol/get')
      .send({ flow_id: ` ${flowId}` });
    expect(get.body).toMatchObject({ code: 20209, message: 'Workflow retrieval failed' });
    const chat = await t
      .http()
      .post('/workflow/v1/debug/chat/completions')
      .set('X-Consumer-Username', 'caller')
      .send({ flow_id: ` ${flowId}`, parameters: {} });
    expect(chat.body).toMatchObject({ code: 20805, message: 'OpenAPI output error' });
    const kept = await t.http().post('/workflow/v1/protocol/get').send({ flow_id: flowId });
    expect(JSON.parse(kept.body.data as string).name).toBe('untouched');
  });
});
