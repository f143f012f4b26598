import { buildWorkflow, startWorkflow } from '../index';
import '../testing/test-executors';
import { reply } from '../testing/test-executors';
import * as b from '../testing/flow-builder';
import { describeFrames, endFrameOf, lastFrame, runDsl } from '../testing/run-helpers';
import type { RunFrame } from './run-frame';
import type { RunSnapshot } from './snapshot';

const { START, END, USER_INPUT, input, ref, lit, output, edge, node } = b;

describe('parallel branches and joins', () => {
  it('runs branches concurrently and the join waits for all of them', async () => {
    const branches = [30, 5, 15].map((delayMs, i) =>
      node(`test-call::p${i}`, {
        outputs: [output('output', 'string')],
        param: { delayMs, text: `p${i}` },
      }),
    );
    const J = 'text-joiner::j';
    const dsl = b.flow(
      [
        b.startNode(),
        ...branches,
        b.joinerNode(
          J,
          '{{a}}+{{b}}+{{c}}',
          ['a', 'b', 'c'].map((name, i) =>
            input(name, 'string', ref(`test-call::p${i}`, 'output')),
          ),
        ),
        b.endNode([input('j', 'string', ref(J, 'output'))]),
      ],
      [
        ...[0, 1, 2].flatMap((i) => [edge(START, `test-call::p${i}`), edge(`test-call::p${i}`, J)]),
        edge(J, END),
      ],
    );
    const frames = await runDsl(dsl, { eventId: 'par' });
    const ids = describeFrames(frames);
    // concurrency shown by order, not by a clock: all three started before any finished, and
    // they end in the order of their delays (sequential runs would end p0, p1, p2)
    expect(ids.slice(3, 6)).toEqual([
      'test-call::p0:start',
      'test-call::p1:start',
      'test-call::p2:start',
    ]);
    expect(ids.filter((f) => f.endsWith(':end') && f.startsWith('test-call'))).toEqual([
      'test-call::p1:end',
      'test-call::p2:end',
      'test-call::p0:end',
    ]);
    expect(ids.indexOf(`${J}:start`)).toBeGreaterThan(ids.indexOf('test-call::p0:end'));
    expect(endFrameOf(frames, END)?.workflow_step?.node?.outputs).toEqual({ j: 'p0+p1+p2' });
  });

  it('prunes through a join only when every path into it is dead', async () => {
    // IF → A → J, IF → B → J, S → C → J : the join still runs after B is pruned
    const IF = 'if-else::c';
    const dsl = b.flow(
      [
        b.startNode([output('q', 'string')]),
        b.ifElseNode(IF, [
          { id: 'branch_one_of::a', conditions: [{ op: 'not_empty', left: ref(START, 'q') }] },
        ]),
        b.joinerNode('text-joiner::a', 'A', []),
        b.joinerNode('text-joiner::b', 'B', []),
        b.joinerNode('text-joiner::c', 'C', []),
        b.joinerNode('text-joiner::j', '{{a}}{{b}}{{c}}', [
          input('a', 'string', ref('text-joiner::a', 'output')),
          input('b', 'string', ref('text-joiner::b', 'output')),
          input('c', 'string', ref('text-joiner::c', 'output')),
        ]),
        b.endNode([input('j', 'string', ref('text-joiner::j', 'output'))]),
      ],
      [
        edge(START, IF),
        edge(START, 'text-joiner::c'),
        edge(IF, 'text-joiner::a', 'branch_one_of::a'),
        edge(IF, 'text-joiner::b', 'branch_one_of::else'),
        edge('text-joiner::a', 'text-joiner::j'),
        edge('text-joiner::b', 'text-joiner::j'),
        edge('text-joiner::c', 'text-joiner::j'),
        edge('text-joiner::j', END),
      ],
    );
    const frames = await runDsl(dsl, { parameters: { q: 'x' } });
    expect(endFrameOf(frames, END)?.workflow_step?.node?.outputs).toEqual({ j: 'AC' });
    expect(describeFrames(frames).some((f) => f.startsWith('text-joiner::b'))).toBe(false);
  });
});

describe('if-else operators through a run', () => {
  const cases: [string, string, b.Json, b.Json | undefined, boolean][] = [
    ['contains', 'string', lit('hello'), lit('ell'), true],
    ['not_contains', 'string', lit('hello'), lit('ell'), false],
    ['start_with', 'string', lit('hello'), lit('he'), true],
    ['end_with', 'string', lit('hello'), lit('he'), false],
    ['is', 'string', lit('a'), lit('a'), true],
    ['is_not', 'string', lit('a'), lit('a'), false],
    ['empty', 'string', lit('  '), undefined, true],
    ['not_empty', 'array', lit([]), undefined, false],
    ['eq', 'integer', lit(3), lit('3'), true],
    ['ne', 'number', lit(2.5), lit('2.5'), false],
    ['gt', 'integer', lit(5), lit(3), true],
    ['ge', 'integer', lit(3), lit(4), false],
    ['lt', 'number', lit(1.5), lit(2), true],
    ['le', 'integer', lit(3), lit(2), false],
    ['null', 'string', ref(START, 'missing'), undefined, false],
    ['not_null', 'object', lit({}), undefined, true],
  ];

  it.each(cases)('%s on %s', async (op, type, left, right, matched) => {
    const IF = 'if-else::c';
    const dsl = b.flow(
      [
        b.startNode([output(USER_INPUT, 'string'), output('missing', 'string')]),
        b.ifElseNode(IF, [
          {
            id: 'branch_one_of::hit',
            conditions: [
              {
                op,
                left,
                right,
                leftType: type as b.ValueTypeName,
                rightType: right ? (type as b.ValueTypeName) : undefined,
              },
            ],
          },
        ]),
        b.endNode([], { template: 'hit', outputMode: 1 }, 'node-end::hit'),
        b.endNode([], { template: 'miss', outputMode: 1 }, 'node-end::miss'),
      ],
      [
        edge(START, IF),
        edge(IF, 'node-end::hit', 'branch_one_of::hit'),
        edge(IF, 'node-end::miss', 'branch_one_of::else'),
      ],
    );
    const frames = await runDsl(dsl, { parameters: {} });
    const taken = matched ? 'node-end::hit' : 'node-end::miss';
    expect(endFrameOf(frames, taken)?.choices[0].delta.content).toBe(matched ? 'hit' : 'miss');
    expect(lastFrame(frames).code).toBe(0);
  });
});

describe('pause, snapshot and resume', () => {
  // S → W(wait) → J → E, and S → P → E in parallel
  const W = 'test-wait::w';
  const dsl = b.flow(
    [
      b.startNode(),
      node(W, { outputs: [output('output', 'string')], param: { text: 'Which city?' } }),
      b.joinerNode('text-joiner::j', 'city={{c}} user={{u}}', [
        input('c', 'string', ref(W, 'output')),
        input('u', 'string', ref(START, USER_INPUT)),
      ]),
      b.joinerNode('text-joiner::p', 'P', []),
      b.endNode([
        input('j', 'string', ref('text-joiner::j', 'output')),
        input('p', 'string', ref('text-joiner::p', 'output')),
      ]),
    ],
    [
      edge(START, W),
      edge(W, 'text-joiner::j'),
      edge('text-joiner::j', END),
      edge(START, 'text-joiner::p'),
      edge('text-joiner::p', END),
    ],
  );

  async function collect(frames: AsyncIterable<RunFrame>, until?: (f: RunFrame) => boolean) {
    const out: RunFrame[] = [];
    for await (const frame of frames) {
      out.push(frame);
      if (until?.(frame)) break;
    }
    return out;
  }

  it('continues in the same process when the reply arrives', async () => {
    const built = buildWorkflow(dsl);
    const run = startWorkflow(built, { parameters: { AGENT_USER_INPUT: 'u' }, eventId: 'ev-live' });
    setTimeout(() => reply('ev-live', W, 'Paris'), 20);
    const frames = await collect(run.frames);
    expect(endFrameOf(frames, END)?.workflow_step?.node?.outputs).toEqual({
      j: 'city=Paris user=u',
      p: 'P',
    });
  });

  it('snapshots a paused run to JSON and resumes it elsewhere without replaying frames', async () => {
    const built = buildWorkflow(dsl);
    let snapshot: RunSnapshot | undefined;
    const controller = new AbortController();
    const first = startWorkflow(built, {
      parameters: { AGENT_USER_INPUT: 'u' },
      eventId: 'ev-1',
      signal: controller.signal,
      onPause: (s) => (snapshot = s),
    });
    const before = await collect(
      first.frames,
      (f) =>
        f.workflow_step?.node?.id === 'text-joiner::p' &&
        f.workflow_step.node.finish_reason === 'stop',
    );
    expect(snapshot?.waiting).toEqual({ [W]: { asked: 'Which city?' } });
    const later = JSON.parse(JSON.stringify(first.snapshot())) as RunSnapshot;
    controller.abort(); // the process "restarts"
    expect(later.nodes[START]).toMatchObject({ status: 'complete' });
    expect(later.nodes['text-joiner::p']).toMatchObject({ status: 'complete' });
    expect(later.nodes[W]).toBeUndefined();

    const resumed = startWorkflow(buildWorkflow(dsl), {
      eventId: 'ev-2',
      resumeFrom: { ...later, waiting: { [W]: { reply: 'Rome' } } },
    });
    const after = await collect(resumed.frames);
    const ids = describeFrames(after);
    expect(ids).not.toContain('flow_obj:start');
    expect(ids.some((f) => f.startsWith('node-start') || f.startsWith('text-joiner::p'))).toBe(
      false,
    );
    expect(ids.filter((f) => f.startsWith(W))).toEqual([`${W}:end`]);
    expect(endFrameOf(after, END)?.workflow_step?.node?.outputs).toEqual({
      j: 'city=Rome user=u',
      p: 'P',
    });
    expect(ids[ids.length - 1]).toBe('flow_obj:stop');
    expect(describeFrames(before)).toContain('text-joiner::p:end');
  });
});
