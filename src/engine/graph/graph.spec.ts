import { enumerateChains } from './chains';
import {
  COMPLETE,
  createChainState,
  NOT_RUN,
  predecessorsDone,
  progressOf,
  pruneTargets,
  STARTED,
} from './chain-state';
import { buildGraphIndex, findCycle, reachable } from './graph-index';
import { computeOutputDeps, preStartTable } from './output-deps';
import { chooseSuccessors } from './successors';

// Graphs are written as edge lists over small integer node ids.
type E = [number, number, string?];

function graphOf(size: number, edges: E[]) {
  return buildGraphIndex(
    size,
    edges.map(([source, target, handle]) => ({ source, target, handle: handle ?? '' })),
  );
}

// The diamond of docs/engine.md#chains: S0→IF1, IF1→A2 (yes), IF1→B3 (no), A2→J4, B3→J4, J4→E5
const DIAMOND: E[] = [
  [0, 1],
  [1, 2, 'branch_one_of::yes'],
  [1, 3, 'branch_one_of::no'],
  [2, 4],
  [3, 4],
  [4, 5],
];

describe('graph index', () => {
  it('splits normal, fail and handle successors, deduplicating parallel edges', () => {
    const g = graphOf(4, [
      [0, 1, 'normal_one_of::x'],
      [0, 2, 'fail_one_of::y'],
      [0, 1, ''],
      [0, 3, 'intent-one-of::a'],
    ]);
    expect(g.normal[0]).toEqual([1, 3]);
    expect(g.fail[0]).toEqual([2]);
    expect(g.all[0]).toEqual([1, 2, 3]);
    expect(g.handles[0].get('normal_one_of::x')).toEqual([1]);
    expect(g.handles[0].get('intent-one-of::a')).toEqual([3]);
  });

  it.each([
    [
      'acyclic',
      4,
      [
        [0, 1],
        [1, 2],
        [0, 2],
        [2, 3],
      ] as E[],
      null,
    ],
    [
      'self loop',
      2,
      [
        [0, 1],
        [1, 1],
      ] as E[],
      [1, 1],
    ],
    [
      'back edge',
      4,
      [
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 1],
      ] as E[],
      [1, 2, 3, 1],
    ],
  ])('findCycle: %s', (_name, size, edges, cycle) => {
    const g = graphOf(size, edges);
    expect(findCycle([0], g.all)).toEqual(cycle);
  });

  it('finds cycles on deep graphs without recursion', () => {
    const edges: E[] = Array.from({ length: 50_000 }, (_, i) => [i, i + 1] as E);
    edges.push([50_000, 10]);
    const g = graphOf(50_001, edges);
    expect(findCycle([0], g.all)?.length).toBe(50_000 - 10 + 2);
    expect(reachable(0, g.all).size).toBe(50_001);
  });
});

describe('chains (docs/engine.md#chains)', () => {
  it('enumerates every maximal path', () => {
    const g = graphOf(6, DIAMOND);
    const set = enumerateChains(0, g.all);
    expect(set.chains).toEqual([
      [0, 1, 2, 4, 5],
      [0, 1, 3, 4, 5],
    ]);
    expect(set.totalLength).toBe(10);
    expect(set.occurrences[4]).toEqual([0, 3, 1, 3]);
    expect(set.pairChains.get(1 * 6 + 2)).toEqual([0]);
  });

  it('refuses path explosions with 22300', () => {
    // 12 diamonds in series = 4096 paths
    const edges: E[] = [];
    for (let d = 0; d < 12; d += 1) {
      const base = d * 3;
      edges.push([base, base + 1], [base, base + 2], [base + 1, base + 3], [base + 2, base + 3]);
    }
    const g = graphOf(37, edges);
    expect(enumerateChains(0, g.all).chains.length).toBe(4096);
    expect(() => enumerateChains(0, g.all, 1000)).toThrow(
      'Workflow engine build failed(Flow has more than 1000 execution paths)',
    );
  });
});

describe('readiness, pruning and progress (docs/engine.md#waiting-for-predecessors, docs/engine.md#pruning, docs/engine.md#progress)', () => {
  function diamondState() {
    const g = graphOf(6, DIAMOND);
    const chains = enumerateChains(0, g.all);
    return { g, state: createChainState(chains, 6) };
  }
  const terminal = (n: number) => n === 5;

  it('a join waits for both sides until one branch is pruned', () => {
    const { g, state } = diamondState();
    state.status[0] |= COMPLETE;
    state.status[1] |= COMPLETE;
    state.status[2] |= COMPLETE;
    expect(predecessorsDone(state, 4)).toBe(false);
    const pruned = pruneTargets(state, 1, [3], g.all, terminal);
    expect(pruned).toEqual([3]);
    expect(state.status[3] & NOT_RUN).toBeTruthy();
    expect(state.status[4] & NOT_RUN).toBeFalsy();
    expect(predecessorsDone(state, 4)).toBe(true);
  });

  it('pruning propagates to nodes whose chains are all inactive, not past started nodes', () => {
    const g = graphOf(5, [
      [0, 1, 'branch_one_of::a'],
      [0, 2, 'branch_one_of::b'],
      [2, 3],
      [3, 4],
      [1, 4],
    ]);
    const state = createChainState(enumerateChains(0, g.all), 5);
    expect(pruneTargets(state, 0, [2], g.all, () => false)).toEqual([2, 3]);
    const again = createChainState(enumerateChains(0, g.all), 5);
    again.status[2] |= STARTED;
    expect(pruneTargets(again, 0, [2], g.all, () => false)).toEqual([]);
  });

  it.each([
    [0, 0],
    [1, 2 / 10],
    [4, 6 / 10],
    [5, 8 / 10],
  ])('diamond progress of node %i before pruning = %f', (node, expected) => {
    const { state } = diamondState();
    expect(progressOf(state, node)).toBeCloseTo(expected, 10);
  });

  it('counts inactive chains fully (docs/engine.md#progress: end node after pruning)', () => {
    const { g, state } = diamondState();
    pruneTargets(state, 1, [3], g.all, terminal);
    expect(progressOf(state, 5)).toBeCloseTo((5 + 4) / 10, 10);
    expect(progressOf(state, -1)).toBeCloseTo(5 / 10, 10);
  });

  it('3-node linear flow: 0, 1/3, 2/3', () => {
    const g = graphOf(3, [
      [0, 1],
      [1, 2],
    ]);
    const state = createChainState(enumerateChains(0, g.all), 3);
    expect([0, 1, 2].map((n) => progressOf(state, n))).toEqual([0, 1 / 3, 2 / 3]);
  });
});

describe('chooseSuccessors (docs/engine.md#choosing-successors)', () => {
  const g = graphOf(6, [
    [0, 1, 'branch_one_of::a'],
    [0, 2, 'branch_one_of::b'],
    [0, 3, 'fail_one_of::f'],
    [0, 4, 'intent-one-of::default'],
    [5, 1],
    [5, 3, 'fail_one_of::f'],
  ]);
  const plain = { branching: false, handle: undefined, hasResult: true };

  it.each([
    ['plain node', 5, false, plain, [1], [3]],
    ['fail route', 5, true, plain, [3], [1]],
    [
      'branch a',
      0,
      false,
      { ...plain, branching: true, handle: 'branch_one_of::a' },
      [1],
      [2, 4, 3],
    ],
    [
      'fallback handle',
      0,
      false,
      { ...plain, branching: true, handle: 'x', fallbackHandle: 'intent-one-of::default' },
      [4],
      [1, 2, 3],
    ],
  ])('%s', (_name, node, toFail, branch, active, inactive) => {
    const choice = chooseSuccessors(g, node as number, toFail as boolean, branch);
    expect(choice.active).toEqual(active);
    expect(choice.inactive).toEqual(inactive);
  });

  it.each([
    [{ branching: true, handle: 'nope', hasResult: true }, 'Branch not found: nope'],
    [{ branching: true, handle: undefined, hasResult: true }, 'Branch not found: None'],
    [{ branching: true, handle: undefined, hasResult: false }, 'Branch node did not return result'],
  ])('22301 %p', (branch, detail) => {
    expect(() => chooseSuccessors(g, 0, false, branch)).toThrow(
      `Workflow engine run failed(${detail})`,
    );
  });
});

describe('output deps (docs/engine.md#output-nodes)', () => {
  it('collects data deps, normal-path flags and barriers on any chain', () => {
    // S0 → IF1 → L2 → M3 → E4 ; L2 -fail-> F5 → M3
    const g = graphOf(6, [
      [0, 1],
      [1, 2, 'branch_one_of::a'],
      [2, 3],
      [3, 4],
      [2, 5, 'fail_one_of::x'],
      [5, 3],
    ]);
    const chains = enumerateChains(0, g.all);
    const barrier = [false, true, false, true, true, false];
    const deps = computeOutputDeps(4, [2, 5, 5], chains, barrier, g.normal);
    expect(deps.dataDeps).toEqual([2, 5]);
    expect(deps.normalPath).toEqual([true, true]);
    expect([...deps.barrierDeps].sort()).toEqual([1, 3]);
    // F5 sees L2 only through the fail edge
    const onFail = computeOutputDeps(5, [2], chains, barrier, g.normal);
    expect(onFail.normalPath).toEqual([false]);
    expect(onFail.barrierDeps).toEqual([1]);
    const table = preStartTable(
      6,
      new Map([
        [4, deps],
        [5, onFail],
      ]),
      (n) => n === 0,
    );
    expect(table[2]).toEqual([4]);
    expect(table[5]).toEqual([4]);
    expect(table[0]).toEqual([]);
  });
});
