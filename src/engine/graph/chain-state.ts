import type { ChainSet } from './chains';

// Mutable per-run state over a chain set, and the pure decisions that read it:
// readiness (docs/engine.md#waiting-for-predecessors), progress (docs/engine.md#progress) and pruning (docs/engine.md#pruning).

export const SCHEDULED = 1;
export const PRESTARTED = 2;
export const PROCESSING = 4;
export const COMPLETE = 8;
export const NOT_RUN = 16;
/** execution really began (an output node passed its barriers) */
export const STARTED = 32;

export interface ChainState {
  readonly chains: ChainSet;
  readonly inactive: Uint8Array;
  inactiveLength: number;
  /** node index → flag bits above */
  readonly status: Uint8Array;
}

export function createChainState(chains: ChainSet, size: number): ChainState {
  return {
    chains,
    inactive: new Uint8Array(chains.chains.length),
    inactiveLength: 0,
    status: new Uint8Array(size),
  };
}

/** docs/engine.md#waiting-for-predecessors: every predecessor on a still-active chain through the node has completed. */
export function predecessorsDone(state: ChainState, node: number): boolean {
  const occ = state.chains.occurrences[node];
  for (let i = 0; i < occ.length; i += 2) {
    const pos = occ[i + 1];
    if (pos === 0 || state.inactive[occ[i]]) continue;
    const predecessor = state.chains.chains[occ[i]][pos - 1];
    if (!(state.status[predecessor] & COMPLETE)) return false;
  }
  return true;
}

/** docs/engine.md#progress: Σ (inactive chain → its length, active chain through node → node's index) ÷ Σ lengths. */
export function progressOf(state: ChainState, node: number): number {
  const { chains } = state;
  if (chains.totalLength === 0) return 0;
  let sum = state.inactiveLength;
  const occ = node >= 0 ? chains.occurrences[node] : undefined;
  if (occ) {
    for (let i = 0; i < occ.length; i += 2) {
      if (!state.inactive[occ[i]]) sum += occ[i + 1];
    }
  }
  return sum / chains.totalLength;
}

function deactivateChain(state: ChainState, chain: number): void {
  if (state.inactive[chain]) return;
  state.inactive[chain] = 1;
  state.inactiveLength += state.chains.chains[chain].length;
}

function allChainsInactive(state: ChainState, node: number): boolean {
  const occ = state.chains.occurrences[node];
  if (occ.length === 0) return false;
  for (let i = 0; i < occ.length; i += 2) if (!state.inactive[occ[i]]) return false;
  return true;
}

/**
 * docs/engine.md#pruning: deactivate the chains through (from → target) for each inactive target, then prune
 * every node whose chains are all inactive and that has not started, recursively downstream.
 * Returns the pruned nodes. `isTerminal` nodes (end nodes) do not propagate.
 */
export function pruneTargets(
  state: ChainState,
  from: number,
  targets: readonly number[],
  successors: readonly (readonly number[])[],
  isTerminal: (node: number) => boolean,
): number[] {
  const { size, pairChains } = state.chains;
  for (const target of targets) {
    for (const chain of pairChains.get(from * size + target) ?? []) deactivateChain(state, chain);
  }
  const pruned: number[] = [];
  const stack = [...targets];
  while (stack.length) {
    const node = stack.pop() as number;
    const flags = state.status[node];
    if (flags & (NOT_RUN | STARTED | COMPLETE)) continue;
    if (!allChainsInactive(state, node)) continue;
    state.status[node] = flags | NOT_RUN | PROCESSING | COMPLETE | SCHEDULED;
    pruned.push(node);
    if (!isTerminal(node)) stack.push(...successors[node]);
  }
  return pruned;
}
