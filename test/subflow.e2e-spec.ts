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
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

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
