import {
  addFlow,
  CHAT,
  createApps,
  DEBUG_CHAT,
  edge,
  endNode,
  input,
  lit,
  node,
  outcome,
  output,
  protocol,
  ref,
  releasedFlow,
  runChat,
  startNode,
  type Json,
  type World,
} from './chat.helpers';
import { RpaServiceFixture, type RpaScript } from './fixtures/rpa-service.fixture';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// rpa node against the RPA executor contract (docs/nodes.md#rpa), here a loopback fixture
// reached through RPA_BASE_URL: the request the executor sees (console-made DSL), the results
// through debug and released chat, 21300 for every failure, the deadlines, and a cancelled run
// closing the executor's connection.

const S = 'node-start::s';
const R = 'rpa::r';
const E = 'node-end::e';

/** An RPA node as the console saves it (console-only fields included). */
function rpaNode(nodeParam: Json = {}): Json {
  const built = node(R, {
    inputs: [input('url', 'string', ref(S, 'AGENT_USER_INPUT')), input('pages', 'integer', lit(3))],
    outputs: [output('title', 'string'), output('count', 'integer'), output('missing', 'string')],
    nodeParam: {
      projectId: 'proj-42',
      header: { apiKey: 'rpa-key-1' },
      source: 'xiaowu',
      rpaParams: { execPosition: 'EXECUTOR' },
      // console-only
      appId: 'app-console',
      uid: '9',
      ...nodeParam,
    },
  });
  return {
    ...built,
    type: 'custom',
    data: {
      ...(built.data as Json),
      nodeMeta: { nodeType: '工具', aliasName: 'robot' },
      icon: 'https://console.example/rpa.png',
      label: 'robot',
    },
  };
}

function rpaFlow(nodeParam: Json = {}): Json {
  return protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string')]),
      rpaNode(nodeParam),
      endNode(
        'e',
        [
          input('title', 'string', ref(R, 'title')),
          input('count', 'integer', ref(R, 'count')),
          input('missing', 'string', ref(R, 'missing')),
        ],
        { outputMode: 1, template: '{{title}}|{{count}}|{{missing}}', streamOutput: true },
      ),
    ],
    [edge(S, R), edge(R, E)],
  );
}

describe('rpa node (RPA executor)', () => {
  const executor = new RpaServiceFixture();
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    await executor.start();
    executor.result = { title: 'Example', count: 12, extra: 'not declared' };
    t = await createTestApp({
      RUNTIME_ENV: 'test',
      RPA_BASE_URL: executor.baseUrl,
      RPA_TIMEOUT_MS: '3000',
      RPA_CONNECT_TIMEOUT_MS: '800',
    });
    w = await createApps(t, uniqueAlias(''));
  });
  afterAll(async () => {
    await t.close();
    await executor.close();
  });

  const debug = async (proto: Json, stream = true) =>
    outcome(
      await runChat(t, DEBUG_CHAT, w.caller, {
        flow_id: await addFlow(t, w.tenant, proto),
        stream,
        parameters: { AGENT_USER_INPUT: 'https://example.com' },
      }),
    );

  it('debug chat (stream and not): the request, results of the last event', async () => {
    const proto = rpaFlow();
    for (const stream of [true, false]) {
      executor.script();
      expect(await debug(proto, stream)).toEqual({ code: 0, text: 'Example|12|', message: '' });
      const [call] = executor.calls;
      expect(call.headers.authorization).toBe('rpa-key-1');
      expect(call.headers['content-type']).toContain('application/json');
      expect(call.body).toEqual({
        project_id: 'proj-42',
        sid: expect.any(String),
        exec_position: 'EXECUTOR',
        params: { url: 'https://example.com', pages: 3 },
      });
      expect(call.body.sid).not.toBe('');
    }
  });

  it('released chat (stream and not)', async () => {
    const flowId = await releasedFlow(t, w, rpaFlow({ rpaParams: {} }));
    for (const stream of [true, false]) {
      executor.script();
      const res = await runChat(t, CHAT, w.caller, {
        flow_id: flowId,
        stream,
        parameters: { AGENT_USER_INPUT: 'https://example.org' },
      });
      expect(outcome(res)).toEqual({ code: 0, text: 'Example|12|', message: '' });
      expect(executor.calls[0].body.exec_position).toBe('EXECUTOR');
    }
  });

  it('21300 for an executor code, an error status, a drop, a malformed line, no result', async () => {
    const proto = rpaFlow();
    const cases: [RpaScript, string][] = [
      [
        {
          events: [
            { code: 0, message: 'running', data: null },
            { code: 5001, message: 'robot crashed' },
          ],
        },
        'code 5001: robot crashed',
      ],
      [{ status: 401, raw: 'bad key' }, 'HTTP 401: bad key'],
      [{ events: [{ code: 0, message: 'running', data: null }], drop: true }, 'terminated'],
      [{ events: ['data: {"code": 0, "data": '] }, 'not a JSON event'],
      [
        { events: [{ code: 0, message: 'running', data: null }] },
        'the RPA executor sent no result',
      ],
    ];
    for (const [index, [reply, detail]] of cases.entries()) {
      executor.script(reply);
      const result = await debug(proto, index % 2 === 0);
      expect(result.code).toBe(21300);
      expect(result.message).toContain('RPA node request failed(');
      expect(result.message).toContain(detail);
    }
  });

  it('21300 within the connect and total deadlines', async () => {
    executor.script({ stallMs: 5000 });
    let started = Date.now();
    expect(await debug(rpaFlow())).toEqual({
      code: 21300,
      text: '',
      message: 'RPA node request failed(no answer within 800 ms)',
    });
    expect(Date.now() - started).toBeLessThan(2500);

    executor.script({ events: [{ code: 0, message: 'running', data: null }], hang: true });
    started = Date.now();
    expect(await debug(rpaFlow(), false)).toEqual({
      code: 21300,
      text: '',
      message: 'RPA node request failed(no end within 3000 ms)',
    });
    expect(Date.now() - started).toBeLessThan(5000);
    // the deadline closed the connection (its close reaches the executor a moment later)
    for (let i = 0; i < 50 && !executor.calls[0].closedEarly; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(executor.calls[0].closedEarly).toBe(true);
  });

  it('a client that goes away cancels the run: the executor sees its connection close', async () => {
    executor.script({ events: [{ code: 0, message: 'running', data: null }], hang: true });
    const flowId = await addFlow(t, w.tenant, rpaFlow());
    const server = t.app.getHttpServer();
    if (!server.listening) {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    }
    const port = (server.address() as { port: number }).port;
    const client = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}${DEBUG_CHAT}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-consumer-username': w.caller },
      body: JSON.stringify({ flow_id: flowId, parameters: { AGENT_USER_INPUT: 'x' } }),
      signal: client.signal,
    });
    // keep reading in the background (the run writes nothing while the robot works)
    const reader = response.body!.getReader();
    const drained = (async () => {
      for (;;) if ((await reader.read()).done) return;
    })().catch(() => undefined);
    for (let i = 0; i < 100 && executor.calls.length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(executor.calls).toHaveLength(1);
    const closed = executor.nextAbandon();
    const abortedAt = Date.now();
    client.abort();
    const call = await closed;
    // well before the 3 s total deadline: the cancel, not the deadline, closed the call
    expect(Date.now() - abortedAt).toBeLessThan(1500);
    expect(call).toBe(executor.calls[0]);
    expect(call.closedEarly).toBe(true);
    await drained;
  });
});
