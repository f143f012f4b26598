import '../testing/test-executors';
import * as b from '../testing/flow-builder';
import { describeFrames, endFrameOf, lastFrame, runDsl } from '../testing/run-helpers';

const { START, END, USER_INPUT, input, ref, lit, output, edge, node } = b;

function progressOf(frames: Awaited<ReturnType<typeof runDsl>>, id: string): number[] {
  return frames
    .filter((f) => f.workflow_step?.node?.id === id)
    .map((f) => f.workflow_step?.progress as number);
}

describe('runWorkflow: linear flow', () => {
  const dsl = b.flow(
    [
      b.startNode(),
      b.joinerNode('text-joiner::j', 'J[{{x}}]', [input('x', 'string', ref(START, USER_INPUT))]),
      b.endNode([input('r', 'string', ref('text-joiner::j', 'output'))]),
    ],
    [edge(START, 'text-joiner::j'), edge('text-joiner::j', END)],
  );

  it('emits the debug frame sequence with exact shapes', async () => {
    const frames = await runDsl(dsl, { parameters: { AGENT_USER_INPUT: 'hi' } });
    expect(describeFrames(frames)).toEqual([
      'flow_obj:start',
      'node-start::s:start',
      'node-start::s:end',
      'text-joiner::j:start',
      'text-joiner::j:end',
      'node-end::e:start',
      'node-end::e:end:{"r":"J[hi]"}',
      'flow_obj:stop',
    ]);
    expect(frames[0]).toEqual({
      code: 0,
      message: 'Success',
      workflow_step: {
        node: {
          id: 'flow_obj',
          alias_name: '',
          finish_reason: 'stop',
          inputs: {},
          outputs: {},
          error_outputs: {},
          executed_time: 0,
          usage: { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 },
        },
        seq: 0,
        progress: 0,
      },
      choices: [{ delta: { role: 'assistant', content: '', reasoning_content: '' }, index: 0 }],
    });
    const startEnd = frames[2];
    expect(startEnd.workflow_step?.node).toMatchObject({
      id: START,
      alias_name: 'Start',
      finish_reason: 'stop',
      inputs: { AGENT_USER_INPUT: 'hi' },
      outputs: {},
      ext: {},
    });
    expect(startEnd.choices[0]).toEqual({
      delta: { role: 'assistant', content: '', reasoning_content: '' },
    });
    const joinerEnd = frames[4].workflow_step?.node;
    expect(joinerEnd?.inputs).toEqual({ x: 'hi' });
    expect(joinerEnd?.outputs).toEqual({ output: 'J[hi]' });
    const endEnd = frames[6].workflow_step?.node;
    expect(endEnd).toMatchObject({ inputs: {}, outputs: { r: 'J[hi]' }, ext: {} });
    expect(lastFrame(frames)).toMatchObject({
      code: 0,
      workflow_step: { seq: 0, progress: 1 },
      choices: [{ finish_reason: 'stop', index: 0 }],
      usage: { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 },
    });
  });

  it('computes progress per node from the chains (0, 1/3, 2/3)', async () => {
    const frames = await runDsl(dsl);
    expect(progressOf(frames, START)).toEqual([0, 0]);
    expect(progressOf(frames, 'text-joiner::j')).toEqual([1 / 3, 1 / 3]);
    expect(progressOf(frames, END)).toEqual([2 / 3, 2 / 3]);
  });

  it('is reusable: one build, many runs with their own state', async () => {
    const [a, c] = await Promise.all([
      runDsl(dsl, { parameters: { AGENT_USER_INPUT: 'a' } }),
      runDsl(dsl, { parameters: { AGENT_USER_INPUT: 'c' } }),
    ]);
    expect(endFrameOf(a, END)?.choices[0].delta.content).toBe('{"r":"J[a]"}');
    expect(endFrameOf(c, END)?.choices[0].delta.content).toBe('{"r":"J[c]"}');
  });
});

describe('runWorkflow: branch pruning (docs/engine.md#per-node-sequence verified sequence)', () => {
  // S → IF(yes) → A → M1 → J → E, IF → B → M2 → J
  const IF = 'if-else::c';
  const dsl = b.flow(
    [
      b.startNode([output('q', 'string')]),
      b.ifElseNode(IF, [
        {
          id: 'branch_one_of::yes',
          conditions: [{ op: 'eq', left: ref(START, 'q'), right: lit('yes') }],
        },
      ]),
      b.joinerNode('text-joiner::a', 'A:{{q}}', [input('q', 'string', ref(START, 'q'))]),
      b.joinerNode('text-joiner::b', 'B:{{q}}', [input('q', 'string', ref(START, 'q'))]),
      b.messageNode(
        'message::m1',
        'msgA {{a}}',
        [input('a', 'string', ref('text-joiner::a', 'output'))],
        true,
      ),
      b.messageNode(
        'message::m2',
        'msgB {{b}}',
        [input('b', 'string', ref('text-joiner::b', 'output'))],
        true,
      ),
      b.joinerNode('text-joiner::j', 'J[{{a}}|{{b}}]', [
        input('a', 'string', ref('text-joiner::a', 'output')),
        input('b', 'string', ref('text-joiner::b', 'output')),
      ]),
      b.endNode([input('j', 'string', ref('text-joiner::j', 'output'))], {
        template: 'final {{j}}',
        streamOutput: true,
      }),
    ],
    [
      edge(START, IF),
      edge(IF, 'text-joiner::a', 'branch_one_of::yes'),
      edge(IF, 'text-joiner::b', 'branch_one_of::else'),
      edge('text-joiner::a', 'message::m1'),
      edge('text-joiner::b', 'message::m2'),
      edge('message::m1', 'text-joiner::j'),
      edge('message::m2', 'text-joiner::j'),
      edge('text-joiner::j', END),
    ],
  );

  it('runs only the taken side; pruned nodes emit nothing; the join sees defaults', async () => {
    const frames = await runDsl(dsl, { parameters: { q: 'yes' } });
    expect(describeFrames(frames)).toEqual([
      'flow_obj:start',
      'node-start::s:start',
      'node-start::s:end',
      'if-else::c:start',
      'if-else::c:end',
      'text-joiner::a:start',
      'text-joiner::a:end',
      'message::m1:start',
      'message::m1:process:msgA ',
      'message::m1:process:A:yes',
      'message::m1:end',
      'text-joiner::j:start',
      'text-joiner::j:end',
      'node-end::e:start',
      'node-end::e:process:final ',
      'node-end::e:process:J[A:yes|]',
      'node-end::e:end',
      'flow_obj:stop',
    ]);
    expect(endFrameOf(frames, IF)?.workflow_step?.node?.outputs).toEqual({ res: true });
    // chains [S,IF,A,M1,J,E] and [S,IF,B,M2,J,E]: the pruned chain counts fully (docs/engine.md#progress)
    expect(progressOf(frames, END)).toEqual([11 / 12, 11 / 12, 11 / 12, 11 / 12]);
  });

  it('takes the default case otherwise', async () => {
    const frames = await runDsl(dsl, { parameters: { q: 'no' } });
    const ids = describeFrames(frames);
    expect(ids).toContain('message::m2:process:B:no');
    expect(ids.some((f) => f.startsWith('text-joiner::a'))).toBe(false);
    expect(endFrameOf(frames, END)?.workflow_step?.node?.outputs).toEqual({ j: 'J[|B:no]' });
  });
});

describe('runWorkflow: output nodes', () => {
  it('renders prompt mode without streaming: content and reasoning in the end frame', async () => {
    const frames = await runDsl(
      b.flow(
        [
          b.startNode(),
          b.endNode([input('u', 'string', ref(START, USER_INPUT)), input('n', 'integer', lit(3))], {
            template: 'U={{u}} N={{n}} {{missing}} {{u.x}}',
            reasoningTemplate: 'why {{n}}',
          }),
        ],
        [edge(START, END)],
      ),
      { parameters: { AGENT_USER_INPUT: 'hey' } },
    );
    expect(describeFrames(frames).slice(3)).toEqual([
      'node-end::e:start',
      'node-end::e:end:U=hey N=3 {{missing}} u.x',
      'flow_obj:stop',
    ]);
    expect(endFrameOf(frames, END)?.choices[0].delta).toEqual({
      role: 'assistant',
      content: 'U=hey N=3 {{missing}} u.x',
      reasoning_content: 'why 3',
    });
  });

  it('streams reasoning then content from a stream producer, end marker on the last piece', async () => {
    const L = 'test-stream::l';
    const frames = await runDsl(
      b.flow(
        [
          b.startNode(),
          node(L, {
            outputs: [output('output', 'string'), output('REASONING_CONTENT', 'string')],
            param: { chunks: ['L1a', 'L1b'], reasoning: ['think1', 'think2'], usage: [5, 7] },
          }),
          b.endNode(
            [
              input('r', 'string', ref(L, 'output')),
              input('t', 'string', ref(L, 'REASONING_CONTENT')),
            ],
            { template: 'E {{r}}!', reasoningTemplate: 'R:{{t}}', streamOutput: true },
          ),
        ],
        [edge(START, L), edge(L, END)],
      ),
    );
    const endFrames = frames.filter((f) => f.workflow_step?.node?.id === END);
    expect(
      endFrames.map((f) => [f.choices[0].delta.reasoning_content, f.choices[0].delta.content]),
    ).toEqual([
      ['', ''],
      ['R:', ''],
      ['think1', ''],
      ['think2', ''],
      ['', ''],
      ['', 'E '],
      ['', 'L1a'],
      ['', 'L1b'],
      ['', '!'],
    ]);
    expect(endFrames[1].workflow_step?.node?.ext).toEqual({ answer_mode: 1 });
    expect(endFrames[8].workflow_step?.node?.ext).toEqual({});
    expect(lastFrame(frames).usage).toEqual({
      completion_tokens: 7,
      prompt_tokens: 5,
      total_tokens: 12,
    });
    expect(endFrameOf(frames, L)?.workflow_step?.node?.usage).toEqual({
      completion_tokens: 7,
      prompt_tokens: 5,
      total_tokens: 12,
    });
  });

  it('renders REASONING_CONTENT inline in a message and an empty piece for a pruned producer', async () => {
    const IF = 'if-else::c';
    const stream = (id: string, chunks: string[], reasoning: string[] = []) =>
      node(id, {
        outputs: [output('output', 'string'), output('REASONING_CONTENT', 'string')],
        param: { chunks, reasoning },
      });
    const frames = await runDsl(
      b.flow(
        [
          b.startNode([output('q', 'string')]),
          b.ifElseNode(IF, [
            {
              id: 'branch_one_of::one',
              conditions: [{ op: 'is', left: ref(START, 'q'), right: lit('1') }],
            },
          ]),
          stream('test-stream::l1', ['a', 'b'], ['t1', 't2']),
          stream('test-stream::l2', ['z']),
          b.messageNode(
            'message::m',
            'T:{{t}} C:{{c}}',
            [
              input('t', 'string', ref('test-stream::l1', 'REASONING_CONTENT')),
              input('c', 'string', ref('test-stream::l1', 'output')),
            ],
            true,
          ),
          b.endNode(
            [
              input('x', 'string', ref('test-stream::l1', 'output')),
              input('y', 'string', ref('test-stream::l2', 'output')),
            ],
            { template: '{{x}}|{{y}}.', streamOutput: true },
          ),
        ],
        [
          edge(START, IF),
          edge(IF, 'test-stream::l1', 'branch_one_of::one'),
          edge(IF, 'test-stream::l2', 'branch_one_of::else'),
          edge('test-stream::l1', 'message::m'),
          edge('message::m', END),
          edge('test-stream::l2', END),
        ],
      ),
      { parameters: { q: '1' } },
    );
    // every frame of the node after its start frame: process pieces, then the end frame
    const pieces = (id: string) =>
      frames
        .filter((f) => f.workflow_step?.node?.id === id)
        .slice(1)
        .map((f) => f.choices[0].delta.content);
    expect(pieces('message::m')).toEqual(['T:', 't1', 't2', ' C:', 'a', 'b', '']);
    expect(pieces(END)).toEqual(['', 'a', 'b', '|', '', '.']);
  });

  it('orders parallel output nodes by their first frame, never interleaving (docs/engine.md#output-ordering)', async () => {
    // S→L1→M1→E and S→L2→M2→E; L1 starts first but is slow, L2 finishes first
    const stream = (id: string, chunks: string[], delayMs: number) =>
      node(id, { outputs: [output('output', 'string')], param: { chunks, delayMs } });
    const frames = await runDsl(
      b.flow(
        [
          b.startNode(),
          stream('test-stream::l1', ['a1', 'a2', 'a3'], 15),
          stream('test-stream::l2', ['b1', 'b2'], 1),
          b.messageNode(
            'message::m1',
            'M1<{{a}}>',
            [input('a', 'string', ref('test-stream::l1', 'output'))],
            true,
          ),
          b.messageNode(
            'message::m2',
            'M2<{{b}}>',
            [input('b', 'string', ref('test-stream::l2', 'output'))],
            true,
          ),
          b.endNode(
            [
              input('a', 'string', ref('test-stream::l1', 'output')),
              input('b', 'string', ref('test-stream::l2', 'output')),
            ],
            { template: 'E {{a}} {{b}}', streamOutput: true },
          ),
        ],
        [
          edge(START, 'test-stream::l1'),
          edge(START, 'test-stream::l2'),
          edge('test-stream::l1', 'message::m1'),
          edge('test-stream::l2', 'message::m2'),
          edge('message::m1', END),
          edge('message::m2', END),
        ],
      ),
    );
    const outputFrames = describeFrames(frames).filter((f) => /^(message|node-end)/.test(f));
    expect(outputFrames).toEqual(
      [
        'message::m1:start',
        'message::m1:process:M1<',
        'message::m1:process:a1',
        'message::m1:process:a2',
        'message::m1:process:a3',
        'message::m1:end:>',
        'message::m2:start',
        'message::m2:process:M2<',
        'message::m2:process:b1',
        'message::m2:process:b2',
        'message::m2:end:>',
        'node-end::e:start',
        'node-end::e:process:E ',
        'node-end::e:process:a1',
        'node-end::e:process:a2',
        'node-end::e:process:a3',
        'node-end::e:process: ',
        'node-end::e:process:b1',
        'node-end::e:process:b2',
        'node-end::e:end',
        'flow_obj:stop',
      ].filter((f) => !f.startsWith('flow_obj')),
    );
    // L2's node-end frame was produced before M1 finished: non-output frames are not held back
    const ids = describeFrames(frames);
    expect(ids.indexOf('test-stream::l2:end')).toBeLessThan(ids.indexOf('message::m1:end:>'));
  });
});
