import {
  addFlow,
  answerOf,
  createApps,
  DEBUG_CHAT,
  edge,
  endNode,
  input,
  Json,
  messageNode,
  nodeTrace,
  output,
  protocol,
  ref,
  runChat,
  startNode,
  World,
} from './chat.helpers';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// Debug chat completions through HTTP: the draft runs in the debug view (every frame, node
// info, seq 0, unrounded progress),
// docs/api.md#debug-chat, docs/api.md#debug-view, docs/api.md#frame-kinds.

const S = 'node-start::s';

function draft(): Json {
  return protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
      messageNode('m', 'Hi {{q}}.', [input('q', 'string', ref(S, 'AGENT_USER_INPUT'))]),
      endNode('e', [input('a', 'string', ref(S, 'AGENT_USER_INPUT'))], { outputMode: 0 }),
    ],
    [edge(S, 'message::m'), edge('message::m', 'node-end::e')],
  );
}

describe('debug chat completions', () => {
  let t: TestApp;
  let w: World;
  let flowId: string;

  beforeAll(async () => {
    t = await createTestApp({ RUNTIME_ENV: 'test' });
    w = await createApps(t, uniqueAlias(''));
    flowId = await addFlow(t, w.tenant, draft());
  });

  afterAll(() => t.close());

  it('runs the unpublished draft and emits every frame with node info', async () => {
    const res = await runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: flowId,
      parameters: { AGENT_USER_INPUT: 'yo' },
    });
    expect(res.contentType).toBe('text/event-stream; charset=utf-8');
    const { chunks } = res;
    expect(nodeTrace(chunks)).toEqual([
      'flow:start',
      'node-start::s:start',
      'node-start::s:end',
      'message::m:start',
      'message::m:process', // "Hi "
      'message::m:process', // "yo"
      'message::m:end', // "." (the last piece)
      'node-end::e:start',
      'node-end::e:end',
      'flow:end',
    ]);
    expect(chunks.every((c) => (c.workflow_step as Json).seq === 0)).toBe(true);
    const [flowStart, , startEnd] = chunks;
    expect(flowStart).toMatchObject({
      workflow_step: {
        node: {
          id: 'flow_obj',
          alias_name: '',
          finish_reason: 'stop',
          inputs: {},
          outputs: {},
          error_outputs: {},
          usage: { total_tokens: 0 },
        },
        progress: 0,
      },
    });
    expect((startEnd.workflow_step as Json).node).toMatchObject({
      inputs: { AGENT_USER_INPUT: 'yo' },
      outputs: {},
      ext: {},
    });
    const endEnd = chunks[8];
    expect(endEnd.workflow_step).toMatchObject({
      node: { inputs: {}, outputs: { a: 'yo' } },
      progress: 2 / 3,
    });
    expect((endEnd.choices as Json[])[0]).toEqual({
      delta: { role: 'assistant', content: '{"a":"yo"}', reasoning_content: '' },
    });
    expect((chunks[4].workflow_step as Json).progress).toBeCloseTo(1 / 3, 10);
    expect(chunks.slice(4, 7).map((c) => ((c.choices as Json[])[0].delta as Json).content)).toEqual(
      ['Hi ', 'yo', '.'],
    );
    expect(chunks[9]).toMatchObject({
      code: 0,
      workflow_step: { node: { id: 'flow_obj' }, progress: 1 },
      choices: [{ finish_reason: 'stop' }],
      usage: { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 },
    });
    expect(answerOf(chunks)).toBe('Hi yo.{"a":"yo"}');
  });

  it('aggregates like release when stream=false (docs/decisions.md#q3)', async () => {
    const res = await runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: flowId,
      stream: false,
      parameters: { AGENT_USER_INPUT: 'yo' },
    });
    expect(res.chunks).toEqual([
      {
        code: 0,
        message: 'Success',
        id: expect.any(String),
        created: expect.any(Number),
        choices: [
          {
            delta: { role: 'assistant', content: 'Hi yo.{"a":"yo"}', reasoning_content: '' },
            index: 0,
            finish_reason: 'stop',
          },
        ],
        usage: { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 },
      },
    ]);
  });

  it('shows the node error frame and then the run error frame', async () => {
    const id = await addFlow(
      t,
      w.tenant,
      protocol(
        [
          startNode('s', [output('AGENT_USER_INPUT', 'string', true), output('n', 'integer')]),
          {
            id: 'text-joiner::x',
            data: {
              nodeMeta: { nodeType: 'Tool', aliasName: 'Split' },
              inputs: [input('v', 'integer', ref(S, 'n'))],
              outputs: [output('output', { type: 'array', items: { type: 'string' } })],
              nodeParam: { mode: 1, separator: ',' },
            },
          },
          endNode('e', [input('a', 'array', ref('text-joiner::x', 'output'))], { outputMode: 0 }),
        ],
        [edge(S, 'text-joiner::x'), edge('text-joiner::x', 'node-end::e')],
      ),
    );
    const { chunks } = await runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: id,
      parameters: { AGENT_USER_INPUT: 'q', n: 3 },
    });
    const trace = nodeTrace(chunks);
    expect(trace.slice(-2)).toEqual(['text-joiner::x:error', 'run-error:23500']);
    const [nodeError, runError] = chunks.slice(-2);
    expect(nodeError).toMatchObject({
      code: 23500,
      workflow_step: { node: { id: 'text-joiner::x', alias_name: 'Split' } },
    });
    expect((nodeError.choices as Json[])[0]).toEqual({
      delta: { role: 'assistant', content: '', reasoning_content: '' },
    });
    expect(runError).toEqual({
      code: 23500,
      message: nodeError.message,
      id: expect.any(String),
      created: expect.any(Number),
      workflow_step: { seq: 0, progress: 1 },
      choices: [
        {
          delta: { role: 'assistant', content: '', reasoning_content: '' },
          index: 0,
          finish_reason: 'stop',
        },
      ],
      usage: { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 },
    });
  });

  it('20201 for an unknown flow; with a version the licence is checked (20004)', async () => {
    const unknown = await runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: '7300000000000000002',
      parameters: {},
    });
    expect(unknown.chunks[0]).toMatchObject({
      code: 20201,
      workflow_step: { node: null },
      event_data: null,
    });
    const nonNumeric = await runChat(t, DEBUG_CHAT, w.caller, { flow_id: 'x1', parameters: {} });
    expect(nonNumeric.chunks[0]).toMatchObject({ code: 20805, message: 'OpenAPI output error' });
    const versioned = await runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: flowId,
      version: 'v1.0',
      parameters: {},
    });
    expect(versioned.chunks[0]).toMatchObject({ code: 20004 });
  });

  it('460 for a missing consumer header', async () => {
    const res = await runChat(t, DEBUG_CHAT, undefined, { flow_id: flowId, parameters: {} });
    expect(res.chunks[0]).toMatchObject({ code: 460 });
    expect(res.chunks[0].workflow_step).toBeUndefined();
  });
});
