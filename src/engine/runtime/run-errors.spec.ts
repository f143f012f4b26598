import '../testing/test-executors';
import * as b from '../testing/flow-builder';
import { describeFrames, endFrameOf, lastFrame, runDsl } from '../testing/run-helpers';

const { START, END, USER_INPUT, input, ref, output, edge, node } = b;
const C = 'test-call::c';
const F = 'text-joiner::f';

/** S → C → E, with C's fail edge to F → E when `failEdge` */
function callFlow(param: b.Json, retry: b.Json | undefined, failEdge = false) {
  const nodes = [
    b.startNode(),
    node(C, {
      inputs: [input('u', 'string', ref(START, USER_INPUT))],
      outputs: [output('output', 'string'), output('n', 'integer', { default: 7 })],
      param: { text: 'ok {{u}}', ...param },
      retry,
    }),
    b.endNode(
      [
        input('out', 'string', ref(C, 'output')),
        input('n', 'integer', ref(C, 'n')),
        ...(failEdge ? [input('f', 'string', ref(F, 'output'))] : []),
      ],
      { outputMode: 0 },
    ),
  ];
  const edges = [edge(START, C), edge(C, END, 'normal_one_of::n')];
  if (failEdge) {
    nodes.push(
      b.joinerNode(F, 'F {{code}} {{msg}}', [
        input('code', 'integer', ref(C, 'errorCode')),
        input('msg', 'string', ref(C, 'errorMessage')),
      ]),
    );
    edges.push(edge(C, F, 'fail_one_of::x'), edge(F, END));
  }
  return b.flow(nodes, edges);
}

let event = 0;
const run = (dsl: unknown) => runDsl(dsl, { eventId: `e${(event += 1)}` });

describe('failure handling (docs/engine.md#failure-handling)', () => {
  it('no error handling: node error frame, then the run-error frame at once', async () => {
    const frames = await run(callFlow({ failTimes: 1 }, undefined));
    expect(describeFrames(frames)).toEqual([
      'flow_obj:start',
      'node-start::s:start',
      'node-start::s:end',
      'test-call::c:start',
      'test-call::c:error:20303',
      'run-error:20303',
    ]);
    const error = frames[4];
    expect(error.message).toBe('Model request failed(boom)');
    expect(error.workflow_step?.node).toEqual({
      id: C,
      alias_name: 'c',
      finish_reason: 'stop',
      inputs: {},
      outputs: {},
      error_outputs: {},
      executed_time: expect.any(Number),
    });
    expect(error.choices).toEqual([
      { delta: { role: 'assistant', content: '', reasoning_content: '' } },
    ]);
    expect(lastFrame(frames)).toEqual({
      code: 20303,
      message: 'Model request failed(boom)',
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

  it.each([
    ['camelCase', { shouldRetry: true, maxRetries: 2 }],
    ['snake_case', { should_retry: true, max_retries: 2 }],
  ])('retries until success (%s): one start, one end', async (_name, retry) => {
    const frames = await run(callFlow({ failTimes: 2 }, retry));
    expect(describeFrames(frames)).toContain('test-call::c:end');
    expect(describeFrames(frames).filter((f) => f.startsWith(C))).toEqual([
      'test-call::c:start',
      'test-call::c:end',
    ]);
  });

  it('shouldRetry off ignores the other keys', async () => {
    const frames = await run(callFlow({ failTimes: 1 }, { maxRetries: 3, errorStrategy: 1 }));
    expect(lastFrame(frames).code).toBe(20303);
  });

  it('strategy 0 after the retries interrupts the run', async () => {
    const frames = await run(callFlow({ failTimes: 5 }, { shouldRetry: true, maxRetries: 1 }));
    expect(describeFrames(frames).slice(-2)).toEqual([
      'test-call::c:error:20303',
      'run-error:20303',
    ]);
  });

  it('strategy 1 returns the custom output with error outputs; the run continues', async () => {
    const frames = await run(
      callFlow(
        { failTimes: 5 },
        { shouldRetry: true, errorStrategy: 1, customOutput: { output: 'fallback' } },
      ),
    );
    const end = endFrameOf(frames, C);
    expect(end?.code).toBe(0);
    expect(end?.workflow_step?.node).toMatchObject({
      outputs: { output: 'fallback' },
      error_outputs: { errorCode: 20303, errorMessage: 'Model request failed(boom)' },
      inputs: { u: 'hi' },
    });
    expect(endFrameOf(frames, END)?.choices[0].delta.content).toBe('{"out":"fallback","n":7}');
    expect(lastFrame(frames).code).toBe(0);
  });

  it('strategy 1 derives the fallback from defaults when customOutput is absent', async () => {
    const frames = await run(callFlow({ failTimes: 5 }, { should_retry: true, error_strategy: 1 }));
    expect(endFrameOf(frames, END)?.choices[0].delta.content).toBe('{"out":"","n":7}');
  });

  it('strategy 2 follows the fail branch and prunes the normal one', async () => {
    const frames = await run(
      callFlow({ failTimes: 5 }, { shouldRetry: true, errorStrategy: 2 }, true),
    );
    const ids = describeFrames(frames);
    expect(endFrameOf(frames, C)?.workflow_step?.node?.outputs).toEqual({});
    expect(endFrameOf(frames, F)?.workflow_step?.node?.outputs).toEqual({
      output: 'F 20303 Model request failed(boom)',
    });
    expect(ids.slice(-3)).toEqual([
      'node-end::e:start',
      expect.stringContaining('node-end::e:end'),
      'flow_obj:stop',
    ]);
    expect(endFrameOf(frames, END)?.workflow_step?.node?.outputs).toEqual({
      out: '',
      n: 7,
      f: 'F 20303 Model request failed(boom)',
    });
  });

  it('strategy 2 on success prunes the fail branch', async () => {
    const frames = await run(callFlow({}, { shouldRetry: true, errorStrategy: 2 }, true));
    expect(describeFrames(frames).some((f) => f.startsWith(F))).toBe(false);
    expect(endFrameOf(frames, END)?.workflow_step?.node?.outputs).toMatchObject({ out: 'ok hi' });
  });

  it('times out a non-stream-group attempt: 22302 Node execution timeout', async () => {
    const frames = await run(callFlow({ delayMs: 2000 }, { shouldRetry: true, timeout: 0.05 }));
    expect(lastFrame(frames)).toMatchObject({
      code: 22302,
      message: 'Node execution failed(Node execution timeout)',
    });
  });

  describe('stream group', () => {
    const L = 'test-stream::l';
    function streamFlow(param: b.Json, retry: b.Json) {
      return b.flow(
        [
          b.startNode(),
          node(L, { outputs: [output('output', 'string')], param, retry }),
          b.messageNode('message::m', 'M<{{x}}>', [input('x', 'string', ref(L, 'output'))], true),
          b.endNode([input('x', 'string', ref(L, 'output'))], {
            template: 'E<{{x}}>',
            streamOutput: true,
          }),
        ],
        [edge(START, L), edge(L, 'message::m'), edge('message::m', END)],
      );
    }

    it('failing before the first frame with strategy 1 finishes normally (no hang)', async () => {
      const frames = await run(
        streamFlow(
          { chunks: ['a'], failTimes: 9 },
          { shouldRetry: true, errorStrategy: 1, customOutput: { output: 'FB' } },
        ),
      );
      const ids = describeFrames(frames);
      expect(ids).toContain('message::m:process:FB');
      expect(ids).toContain('node-end::e:process:FB');
      expect(ids[ids.length - 1]).toBe('flow_obj:stop');
    });

    it('failing after the first frame is fatal whatever the strategy', async () => {
      const frames = await run(
        streamFlow(
          { chunks: ['a', 'b'], failAfterStream: true },
          { shouldRetry: true, maxRetries: 3, errorStrategy: 1 },
        ),
      );
      const ids = describeFrames(frames);
      expect(ids).toContain('test-stream::l:error:20303');
      expect(ids.filter((f) => f.startsWith('test-stream::l:'))).toEqual([
        'test-stream::l:start',
        'test-stream::l:error:20303',
      ]);
      expect(ids[ids.length - 1]).toBe('run-error:20303');
      expect(lastFrame(frames).message).toBe('Model request failed(late boom)');
    });
  });
});

describe('run-time errors of the engine', () => {
  it('fails with 22500 on a missing required start parameter, without running anything else', async () => {
    const frames = await runDsl(
      b.flow(
        [b.startNode(), b.endNode([input('u', 'string', ref(START, USER_INPUT))])],
        [edge(START, END)],
      ),
      { parameters: {} },
    );
    expect(describeFrames(frames)).toEqual([
      'flow_obj:start',
      'node-start::s:error:22500',
      'run-error:22500',
    ]);
    expect(lastFrame(frames).message).toBe(
      "Start node protocol error(Field: ['required'], Error: 缺少必填字段: 'AGENT_USER_INPUT')",
    );
  });

  it('fails with 22500 wrapping 20601 on an unknown start parameter', async () => {
    const frames = await runDsl(
      b.flow(
        [b.startNode(), b.endNode([input('u', 'string', ref(START, USER_INPUT))])],
        [edge(START, END)],
      ),
      { parameters: { AGENT_USER_INPUT: 'x', other: 1 } },
    );
    expect(lastFrame(frames).message).toBe(
      'Start node protocol error(20601: Variable system parameter setting failed(Node node-start::s input parameter node-start::s-other does not exist))',
    );
  });

  it('fails with 20601 when a node result violates its declared outputs', async () => {
    const frames = await runDsl(
      b.flow(
        [
          b.startNode(),
          node(C, { outputs: [output('output', 'integer')], param: { text: 'not a number' } }),
          b.endNode([input('o', 'integer', ref(C, 'output'))]),
        ],
        [edge(START, C), edge(C, END)],
      ),
    );
    expect(lastFrame(frames).code).toBe(20601);
    expect(lastFrame(frames).message).toMatch(
      /^Variable system parameter setting failed\(Node name: test-call::c, error message: Field: /,
    );
  });

  it('fails with 20602 on a template index out of range (text-joiner)', async () => {
    const frames = await runDsl(
      b.flow(
        [
          b.startNode([output('arr', 'array', { items: { type: 'string' } })]),
          b.joinerNode('text-joiner::j', '{{a[3]}}', [input('a', 'array', ref(START, 'arr'))]),
          b.endNode([input('o', 'string', ref('text-joiner::j', 'output'))]),
        ],
        [edge(START, 'text-joiner::j'), edge('text-joiner::j', END)],
      ),
      { parameters: { arr: ['x'] } },
    );
    expect(describeFrames(frames).slice(-2)).toEqual([
      'text-joiner::j:error:20602',
      'run-error:20602',
    ]);
  });

  it.each([
    ['no edge for the chosen case', 'branch_one_of::x', 'Branch not found: branch_one_of::x'],
    [
      'the chosen branch never reaches the end node',
      'branch_one_of::else',
      'End node did not return result',
    ],
  ])('fails with 22301 when %s', async (_name, _handle, detail) => {
    const IF = 'if-else::c';
    const dsl = b.flow(
      [
        b.startNode([output('q', 'string')]),
        b.ifElseNode(IF, [
          { id: 'branch_one_of::x', conditions: [{ op: 'empty', left: ref(START, 'q') }] },
        ]),
        b.joinerNode('text-joiner::leaf', 'leaf', []),
        b.endNode([], { outputMode: 0 }),
      ],
      detail.startsWith('Branch')
        ? [edge(START, IF), edge(IF, END, 'branch_one_of::else')]
        : [
            edge(START, IF),
            edge(IF, END, 'branch_one_of::x'),
            edge(IF, 'text-joiner::leaf', 'branch_one_of::else'),
          ],
    );
    const frames = await runDsl(dsl, {
      parameters: { q: detail.startsWith('Branch') ? '' : 'full' },
    });
    expect(lastFrame(frames)).toMatchObject({
      code: 22301,
      message: `Workflow engine run failed(${detail})`,
    });
    expect(describeFrames(frames).some((f) => f.includes(':error:'))).toBe(false);
  });

  it('aborts: the stream ends promptly and pending calls are cancelled', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const frames = runDsl(
      b.flow(
        [
          b.startNode(),
          node(C, { outputs: [output('output', 'string')], param: { delayMs: 5000 } }),
          b.endNode([input('o', 'string', ref(C, 'output'))]),
        ],
        [edge(START, C), edge(C, END)],
      ),
      { signal: controller.signal, eventId: 'abort-1' },
    );
    setTimeout(() => controller.abort(), 30);
    const got = await frames;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(describeFrames(got)).toEqual([
      'flow_obj:start',
      'node-start::s:start',
      'node-start::s:end',
      'test-call::c:start',
      'node-end::e:start',
    ]);
  });
});
