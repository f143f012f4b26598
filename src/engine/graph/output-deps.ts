import type { ChainSet } from './chains';
import { reachable } from './graph-index';

// Dependency info of an output node (docs/engine.md#output-nodes), computed once at build.

export interface OutputDeps {
  /** producers of the node's ref inputs that run in the same graph scope */
  readonly dataDeps: readonly number[];
  /** per data dep: a path producer → … → node exists that uses no fail edge */
  readonly normalPath: readonly boolean[];
  /** barrier nodes preceding the node on any chain */
  readonly barrierDeps: readonly number[];
}

export function computeOutputDeps(
  node: number,
  producers: readonly number[],
  chains: ChainSet,
  isBarrier: readonly boolean[],
  normalSuccessors: readonly (readonly number[])[],
): OutputDeps {
  const dataDeps = [...new Set(producers)].filter((p) => chains.occurrences[p].length > 0);
  const normalPath = dataDeps.map((p) => reachable(p, normalSuccessors).has(node));
  const barriers = new Set<number>();
  const occ = chains.occurrences[node];
  for (let i = 0; i < occ.length; i += 2) {
    const chain = chains.chains[occ[i]];
    for (let pos = 0; pos < occ[i + 1]; pos += 1) {
      if (isBarrier[chain[pos]]) barriers.add(chain[pos]);
    }
  }
  return { dataDeps, normalPath, barrierDeps: [...barriers] };
}

/** node → output nodes it pre-starts just before it executes (entry nodes pre-start nothing). */
export function preStartTable(
  size: number,
  deps: ReadonlyMap<number, OutputDeps>,
  isEntry: (node: number) => boolean,
): number[][] {
  const table: number[][] = Array.from({ length: size }, () => []);
  for (const [output, info] of deps) {
    info.dataDeps.forEach((producer, i) => {
      if (info.normalPath[i] && !isEntry(producer)) table[producer].push(output);
    });
  }
  return table;
}
