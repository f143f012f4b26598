import '../testing/test-executors';
import * as b from '../testing/flow-builder';
import { describeFrames, endFrameOf, lastFrame, runDsl } from '../testing/run-helpers';

const { START, END, input, ref, lit, output, edge, node } = b;
const IT = 'iteration::it';
const BS = 'iteration-node-start::bs';
const BE = 'iteration-node-end::be';
const W = 'text-joiner::w';

function eachFlow(bodyTemplate: string, extraBody: b.Json[] = [], extraEdges: b.Json[] = []) {
  return b.flow(
    [
      b.startNode([
        output('items', 'array', { items: { type: 'string' } }),
        output('tag', 'string'),
      ]),
      ...b.iterationNodes(IT, ref(START, 'items'), BS, BE, [
        input('output', 'string', ref(W, 'output')),
      ]),
      b.joinerNode(W, bodyTemplate, [
        input('x', 'string', ref(BS, 'input')),
        input('tag', 'string', ref(START, 'tag')),
      ]),
      ...extraBody,
      b.endNode([input('all', 'array', ref(IT, 'output'))]),
    ],
    [edge(START, IT), edge(IT, END), edge(BS, W), edge(W, BE), ...extraEdges],
  );
}

describe('iteration (docs/engine.md#iteration-execution)', () => {
  it('returns per-element results (not the reference defect) and emits body frames', async () => {
    const frames = await runDsl(eachFlow('<{{x}}{{tag}}>'), {
      parameters: { items: ['a', 'b', 'c'], tag: '!' },
    });
    expect(endFrameOf(frames, IT)?.workflow_step?.node?.outputs).toEqual({
      output: ['<a!>', '<b!>', '<c!>'],
    });
    expect(endFrameOf(frames, END)?.choices[0].delta.content).toBe(
      '{"all":["<a!>","<b!>","<c!>"]}',
    );
    const ids = describeFrames(frames);
    expect(ids.filter((f) => f.startsWith(W))).toEqual([
      `${W}:start`,
      `${W}:end`,
      `${W}:start`,
      `${W}:end`,
      `${W}:start`,
      `${W}:end`,
    ]);
    expect(ids.indexOf(`${IT}:start`)).toBeLessThan(ids.indexOf(`${BS}:start`));
    expect(ids.indexOf(`${IT}:end`)).toBeGreaterThan(ids.lastIndexOf(`${BE}:end`));
    // body start frames show the element as inputs
    const bodyStarts = frames.filter(
      (f) => f.workflow_step?.node?.id === BS && f.workflow_step.node.finish_reason === 'stop',
    );
    expect(bodyStarts.map((f) => f.workflow_step?.node?.inputs)).toEqual([
      { input: 'a' },
      { input: 'b' },
      { input: 'c' },
    ]);
  });

  it('gives empty arrays for an empty input', async () => {
    const frames = await runDsl(eachFlow('<{{x}}>'), { parameters: { items: [] } });
    expect(endFrameOf(frames, IT)?.workflow_step?.node?.outputs).toEqual({ output: [] });
    expect(lastFrame(frames).code).toBe(0);
  });

  it('fails with 23200 on a non-array input', async () => {
    const dsl = eachFlow('<{{x}}>');
    (dsl.nodes[0] as b.Json).data = {
      nodeMeta: { nodeType: 'Base', aliasName: 'Start' },
      outputs: [output('items', 'string'), output('tag', 'string')],
    };
    const frames = await runDsl(dsl, { parameters: { items: 'abc' } });
    expect(describeFrames(frames).slice(-2)).toEqual([`${IT}:error:23200`, 'run-error:23200']);
    expect(lastFrame(frames).message).toBe(
      'Iteration node execution failed(input input is not an array)',
    );
  });

  it('routes branches inside the body per element', async () => {
    const IF = 'if-else::bif';
    const dsl = b.flow(
      [
        b.startNode([output('items', 'array', { items: { type: 'integer' } })]),
        ...b.iterationNodes(
          IT,
          ref(START, 'items'),
          BS,
          BE,
          [
            input('big', 'string', ref('text-joiner::big', 'output')),
            input('small', 'string', ref('text-joiner::small', 'output')),
          ],
          'integer',
        ),
        b.ifElseNode(IF, [
          {
            id: 'branch_one_of::big',
            conditions: [{ op: 'gt', left: ref(BS, 'input'), leftType: 'integer', right: lit(5) }],
          },
        ]),
        b.joinerNode('text-joiner::big', 'B{{x}}', [input('x', 'integer', ref(BS, 'input'))]),
        b.joinerNode('text-joiner::small', 'S{{x}}', [input('x', 'integer', ref(BS, 'input'))]),
        b.endNode([input('all', 'array', ref(IT, 'big'))]),
      ],
      [
        edge(START, IT),
        edge(IT, END),
        edge(BS, IF),
        edge(IF, 'text-joiner::big', 'branch_one_of::big'),
        edge(IF, 'text-joiner::small', 'branch_one_of::else'),
        edge('text-joiner::big', BE),
        edge('text-joiner::small', BE),
      ],
    );
    // collect both body outputs by name: declare two iteration outputs
    const iteration = dsl.nodes[1] as { data: { outputs: b.Json[] } };
    iteration.data.outputs = [
      output('big', 'array', { items: { type: 'string' } }),
      output('small', 'array', { items: { type: 'string' } }),
    ];
    const frames = await runDsl(dsl, { parameters: { items: [9, 1, 7] } });
    expect(endFrameOf(frames, IT)?.workflow_step?.node?.outputs).toEqual({
      big: ['B9', '', 'B7'],
      small: ['', 'S1', ''],
    });
  });

  it('supports nested iterations', async () => {
    const IN = 'iteration::in';
    const IBS = 'iteration-node-start::ibs';
    const IBE = 'iteration-node-end::ibe';
    const V = 'text-joiner::v';
    const dsl = b.flow(
      [
        b.startNode([output('rows', 'array', { items: { type: 'array' } })]),
        ...b.iterationNodes(
          IT,
          ref(START, 'rows'),
          BS,
          BE,
          [input('output', 'array', ref(IN, 'output'))],
          'array',
          'array',
        ),
        ...b.iterationNodes(
          IN,
          ref(BS, 'input'),
          IBS,
          IBE,
          [input('output', 'string', ref(V, 'output'))],
          'integer',
        ),
        b.joinerNode(V, 'v{{x}}', [input('x', 'integer', ref(IBS, 'input'))]),
        b.endNode([input('all', 'array', ref(IT, 'output'))]),
      ],
      [edge(START, IT), edge(IT, END), edge(BS, IN), edge(IN, BE), edge(IBS, V), edge(V, IBE)],
    );
    const frames = await runDsl(dsl, { parameters: { rows: [[1, 2], [3]] } });
    expect(endFrameOf(frames, END)?.workflow_step?.node?.outputs).toEqual({
      all: [['v1', 'v2'], ['v3']],
    });
  });

  it('streams a body message per element, before the end node', async () => {
    const M = 'message::bm';
    const frames = await runDsl(
      eachFlow(
        '<{{x}}>',
        [b.messageNode(M, 'item {{w}};', [input('w', 'string', ref(W, 'output'))], true)],
        [edge(W, M), edge(M, BE)],
      ),
      { parameters: { items: ['a', 'b'] } },
    );
    const ids = describeFrames(frames).filter(
      (f) => f.startsWith('message') || f.startsWith('node-end'),
    );
    expect(ids).toEqual([
      `${M}:start`,
      `${M}:process:item `,
      `${M}:process:<a>`,
      `${M}:end:;`,
      `${M}:start`,
      `${M}:process:item `,
      `${M}:process:<b>`,
      `${M}:end:;`,
      'node-end::e:start',
      'node-end::e:end:{"all":["<a>","<b>"]}',
    ]);
  });

  it('fails the iteration and the run when a body node fails', async () => {
    const C = 'test-call::bc';
    const dsl = b.flow(
      [
        b.startNode([output('items', 'array', { items: { type: 'string' } })]),
        ...b.iterationNodes(IT, ref(START, 'items'), BS, BE, [
          input('output', 'string', ref(C, 'output')),
        ]),
        node(C, { outputs: [output('output', 'string')], param: { failTimes: 1 } }),
        b.endNode([input('all', 'array', ref(IT, 'output'))]),
      ],
      [edge(START, IT), edge(IT, END), edge(BS, C), edge(C, BE)],
    );
    const frames = await runDsl(dsl, { parameters: { items: ['a'] }, eventId: 'iter-fail' });
    expect(describeFrames(frames).slice(-3)).toEqual([
      `${C}:error:20303`,
      `${IT}:error:20303`,
      'run-error:20303',
    ]);
  });
});
