import {
  addFlow,
  answerOf,
  CHAT,
  createApps,
  DEBUG_CHAT,
  edge,
  endNode,
  input,
  Json,
  lit,
  node,
  nodeTrace,
  output,
  protocol,
  publishAndBind,
  ref,
  releasedFlow,
  runChat,
  startNode,
  World,
} from './chat.helpers';
import type { IncomingMessage, Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';
import { TEST_TMP_DIR } from './helpers/test-paths';

// flow:: sub-workflow nodes run in-process (docs/nodes.md#flow): variable and prompt modes
// from the sub-flow's published end node, streaming into the parent, cycle refusal.

const S = 'node-start::s';

function flowNode(id: string, flowId: string, appId: string, outputs: Json[]): Json {
  return node(`flow::${id}`, {
    inputs: [input('AGENT_USER_INPUT', 'string', ref(S, 'AGENT_USER_INPUT'))],
    outputs,
    nodeParam: { flowId, appId, uid: 'sub-user' },
  });
}

/** variable mode: answers {"echo": <input>, "n": 7} */
const variableSub = () =>
  protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
      endNode(
        'e',
        [input('echo', 'string', ref(S, 'AGENT_USER_INPUT')), input('n', 'integer', lit(7))],
        { outputMode: 0 },
      ),
    ],
    [edge(S, 'node-end::e')],
  );

/** prompt mode: streams "Sub says <input>" */
const promptSub = () =>
  protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
      endNode('e', [input('a', 'string', ref(S, 'AGENT_USER_INPUT'))], {
        outputMode: 1,
        template: 'Sub says {{a}}',
        streamOutput: true,
      }),
    ],
    [edge(S, 'node-end::e')],
  );

function parentFlow(w: World, variableId: string, promptId: string): Json {
  return protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
      flowNode('v', variableId, w.caller, [output('echo', 'string'), output('n', 'integer')]),
      flowNode('p', promptId, w.caller, [
        output('content', 'string'),
        output('reasoning_content', 'string'),
      ]),
      endNode(
        'e',
        [
          input('echo', 'string', ref('flow::v', 'echo')),
          input('n', 'integer', ref('flow::v', 'n')),
          input('c', 'string', ref('flow::p', 'content')),
        ],
        { outputMode: 1, template: '{{echo}}/{{n}}: {{c}}', streamOutput: true },
      ),
    ],
    [edge(S, 'flow::v'), edge('flow::v', 'flow::p'), edge('flow::p', 'node-end::e')],
  );
}

describe('flow:: sub-workflow node (in-process)', () => {
  let t: TestApp;
  let w: World;
  let parentId: string;

  beforeAll(async () => {
    t = await createTestApp({ RUNTIME_ENV: 'test' });
    w = await createApps(t, uniqueAlias(''));
    const variableId = await releasedFlow(t, w, variableSub());
    const promptId = await releasedFlow(t, w, promptSub());
    parentId = await releasedFlow(t, w, parentFlow(w, variableId, promptId));
  });

  afterAll(() => t.close());

  it('debug stream: both modes, the prompt sub-flow streamed through the end node', async () => {
    const res = await runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: parentId,
      parameters: { AGENT_USER_INPUT: 'hi' },
    });
    const trace = nodeTrace(res.chunks);
    expect(trace).toContain('flow::v:end');
    expect(trace).toContain('flow::p:end');
    expect(trace[trace.length - 1]).toBe('flow:end');
    // the sub-flow's text reaches the parent as process frames of its end node
    expect(trace.filter((k) => k === 'node-end::e:process').length).toBeGreaterThan(1);
    expect(answerOf(res.chunks)).toBe('hi/7: Sub says hi');
    const vEnd = res.chunks.find((c) => {
      const n = (c.workflow_step as { node?: { id: string; finish_reason?: string } }).node;
      return n?.id === 'flow::v' && n.finish_reason;
    }) as Json;
    const vNode = (vEnd.workflow_step as { node: Json }).node;
    expect(vNode.outputs).toMatchObject({ echo: 'hi', n: 7 });
  });

  it('released chat, stream and non-stream', async () => {
    const streamed = await runChat(t, CHAT, w.caller, {
      flow_id: parentId,
      parameters: { AGENT_USER_INPUT: 'yo' },
    });
    expect(answerOf(streamed.chunks)).toBe('yo/7: Sub says yo');
    const last = streamed.chunks[streamed.chunks.length - 1];
    expect(last.usage).toEqual({ completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 });

    const whole = await runChat(t, CHAT, w.caller, {
      flow_id: parentId,
      stream: false,
      parameters: { AGENT_USER_INPUT: 'yo' },
    });
    expect(whole.chunks).toHaveLength(1);
    expect(whole.chunks[0]).toMatchObject({
      code: 0,
      choices: [{ delta: { content: 'yo/7: Sub says yo' }, finish_reason: 'stop' }],
    });
  });

  it('refuses a call cycle A -> B -> A with 22801 instead of recursing', async () => {
    const a = await addFlow(t, w.tenant, promptSub());
    const b = await releasedFlow(
      t,
      w,
      protocol(
        [
          startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
          flowNode('x', a, w.caller, [output('content', 'string')]),
          endNode('e', [input('c', 'string', ref('flow::x', 'content'))], {
            outputMode: 1,
            template: '{{c}}',
          }),
        ],
        [edge(S, 'flow::x'), edge('flow::x', 'node-end::e')],
      ),
    );
    // A now calls B, which calls A again
    const loop = protocol(
      [
        startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
        flowNode('y', b, w.caller, [output('content', 'string')]),
        endNode('e', [input('c', 'string', ref('flow::y', 'content'))], {
          outputMode: 1,
          template: '{{c}}',
        }),
      ],
      [edge(S, 'flow::y'), edge('flow::y', 'node-end::e')],
    );
    await t
      .http()
      .post(`/workflow/v1/protocol/update/${a}`)
      .send({ name: 'loop', data: loop })
      .expect(200);
    await publishAndBind(t, w, a);

    const res = await runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: a,
      stream: false,
      parameters: { AGENT_USER_INPUT: 'go' },
    });
    expect(res.chunks[0].code).toBe(22801);
    expect(String(res.chunks[0].message)).toContain(`sub-flow call cycle: ${a} -> ${b} -> ${a}`);
  });
});

/** a flow whose only work is calling `target` in prompt mode */
const callerOf = (w: World, target: string) =>
  protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
      flowNode('x', target, w.caller, [output('content', 'string')]),
      endNode('e', [input('c', 'string', ref('flow::x', 'content'))], {
        outputMode: 1,
        template: '{{c}}',
      }),
    ],
    [edge(S, 'flow::x'), edge('flow::x', 'node-end::e')],
  );

describe('flow:: nesting limit (SUBFLOW_MAX_DEPTH=1)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({ RUNTIME_ENV: 'test', SUBFLOW_MAX_DEPTH: '1' });
    w = await createApps(t, uniqueAlias(''));
  });

  afterAll(() => t.close());

  it('one level runs; A -> B -> C is refused with 22801 and the depth detail, at once', async () => {
    const c = await releasedFlow(t, w, promptSub());
    const b = await releasedFlow(t, w, callerOf(w, c));
    const a = await releasedFlow(t, w, callerOf(w, b));

    const ok = await runChat(t, CHAT, w.caller, {
      flow_id: b,
      stream: false,
      parameters: { AGENT_USER_INPUT: 'one' },
    });
    expect(ok.chunks[0]).toMatchObject({
      code: 0,
      choices: [{ delta: { content: 'Sub says one' } }],
    });

    const started = Date.now();
    const res = await runChat(t, CHAT, w.caller, {
      flow_id: a,
      stream: false,
      parameters: { AGENT_USER_INPUT: 'two' },
    });
    expect(res.chunks[0].code).toBe(22801);
    expect(String(res.chunks[0].message)).toContain('sub-flow nesting deeper than 1 levels');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

/** a loopback port nothing listens on */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe('flow:: remote mode (WORKFLOW_URL_SSE)', () => {
  // both instances share one database, as the reference expects of its own chat endpoint:
  // the output mode is read locally, the run happens on the remote
  const db =
    process.env.TEST_DATABASE_URL ?? `sqlite:${join(TEST_TMP_DIR, `${randomUUID()}.sqlite`)}`;
  let remote: TestApp;
  let t: TestApp;
  let w: World;
  let parentId: string;
  const hits: IncomingMessage['headers'][] = [];

  beforeAll(async () => {
    remote = await createTestApp({ RUNTIME_ENV: 'test', DATABASE_URL: db });
    await remote.app.listen(0, '127.0.0.1');
    const server = remote.app.getHttpServer() as Server;
    server.on('request', (req: IncomingMessage) => hits.push(req.headers));
    const { port } = server.address() as AddressInfo;
    t = await createTestApp({
      RUNTIME_ENV: 'test',
      DATABASE_URL: db,
      WORKFLOW_URL_SSE: `http://127.0.0.1:${port}/workflow/v1/chat/completions`,
      SUBFLOW_REMOTE_AUTH: 'consumer',
    });
    w = await createApps(t, uniqueAlias(''));
    const variableId = await releasedFlow(t, w, variableSub());
    const promptId = await releasedFlow(t, w, promptSub());
    parentId = await releasedFlow(t, w, parentFlow(w, variableId, promptId));
  });

  afterAll(async () => {
    await t?.close();
    await remote?.close();
  });

  it('runs the sub-flows on the remote service, stream and non-stream', async () => {
    hits.length = 0;
    const streamed = await runChat(t, CHAT, w.caller, {
      flow_id: parentId,
      parameters: { AGENT_USER_INPUT: 'far' },
    });
    expect(answerOf(streamed.chunks)).toBe('far/7: Sub says far');
    // one chat call per flow:: node, authenticated as the node's app, carrying the chain
    expect(hits).toHaveLength(2);
    expect(hits[0]).toMatchObject({
      'x-consumer-username': w.caller,
      'x-workflow-call-chain': parentId,
    });

    const whole = await runChat(t, CHAT, w.caller, {
      flow_id: parentId,
      stream: false,
      parameters: { AGENT_USER_INPUT: 'far' },
    });
    expect(whole.chunks[0]).toMatchObject({
      code: 0,
      choices: [{ delta: { content: 'far/7: Sub says far' }, finish_reason: 'stop' }],
    });
  });

  it('the remote honours the call-chain header: A -> (HTTP) B -> A is a cycle', async () => {
    const a = await addFlow(t, w.tenant, promptSub());
    const b = await releasedFlow(t, w, callerOf(w, a));
    await t
      .http()
      .post(`/workflow/v1/protocol/update/${a}`)
      .send({ name: 'loop', data: callerOf(w, b) })
      .expect(200);
    await publishAndBind(t, w, a);
    const res = await runChat(t, CHAT, w.caller, {
      flow_id: a,
      stream: false,
      parameters: { AGENT_USER_INPUT: 'go' },
    });
    expect(res.chunks[0].code).toBe(22801);
    expect(String(res.chunks[0].message)).toContain(`sub-flow call cycle: ${a} -> ${b} -> ${a}`);
  });

  it('a question on the remote fails the node with 22801 (its /resume is not ours)', async () => {
    const asking = await releasedFlow(
      t,
      w,
      protocol(
        [
          startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
          node('question-answer::q', {
            inputs: [input('input', 'string', ref(S, 'AGENT_USER_INPUT'))],
            outputs: [output('query', 'string'), output('content', 'string')],
            nodeParam: {
              question: 'Your colour?',
              answerType: 'direct',
              timeout: 1,
              needReply: false,
              directAnswer: { handleResponse: false, maxRetryCounts: 2 },
              optionAnswer: [],
            },
          }),
          endNode('e', [input('a', 'string', ref('question-answer::q', 'content'))], {
            outputMode: 1,
            template: '{{a}}',
            streamOutput: true,
          }),
        ],
        [edge(S, 'question-answer::q'), edge('question-answer::q', 'node-end::e')],
      ),
    );
    const parent = await releasedFlow(t, w, callerOf(w, asking));
    const res = await runChat(t, CHAT, w.caller, {
      flow_id: parent,
      stream: false,
      parameters: { AGENT_USER_INPUT: 'x' },
    });
    expect(res.chunks[0]).toMatchObject({ code: 22801 });
    expect(String(res.chunks[0].message)).toContain('a remote sub-flow cannot ask questions');
  });

  it('a remote that is down fails the node with 22801 at once', async () => {
    const down = await createTestApp({
      RUNTIME_ENV: 'test',
      DATABASE_URL: db,
      WORKFLOW_URL_SSE: `http://127.0.0.1:${await closedPort()}/workflow/v1/chat/completions`,
    });
    try {
      const started = Date.now();
      const res = await runChat(down, CHAT, w.caller, {
        flow_id: parentId,
        stream: false,
        parameters: { AGENT_USER_INPUT: 'x' },
      });
      expect(res.chunks[0].code).toBe(22801);
      expect(String(res.chunks[0].message)).toContain('sub-flow service');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await down.close();
    }
  });
});
