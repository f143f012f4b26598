import { AppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';

// Execution chains (docs/engine.md#chains): every maximal path from an entry node over all edges.
// They drive predecessor waiting, pruning, progress and output ordering. The graph is checked
// to be acyclic before this runs.

export const MAX_CHAINS = 20_000;

export interface ChainSet {
  readonly chains: readonly (readonly number[])[];
  readonly totalLength: number;
  /** node index → [chain, position] pairs of its occurrences (empty when on no chain) */
  readonly occurrences: readonly (readonly number[])[];
  /** `source * size + target` → chains containing that consecutive pair */
  readonly pairChains: ReadonlyMap<number, readonly number[]>;
  readonly size: number;
}

export function enumerateChains(
  entry: number,
  successors: readonly (readonly number[])[],
  limit = MAX_CHAINS,
): ChainSet {
  const size = successors.length;
  const chains: number[][] = [];
  const path: number[] = [entry];
  const cursor: number[] = [0];
  while (path.length) {
    const depth = path.length - 1;
    const node = path[depth];
    const succ = successors[node];
    if (succ.length === 0) {
      chains.push([...path]);
      if (chains.length > limit) {
        throw new AppException(
          ErrorCode.ENG_BUILD_ERROR,
          `Flow has more than ${limit} execution paths`,
        );
      }
    }
    if (cursor[depth] < succ.length) {
      path.push(succ[cursor[depth]++]);
      cursor.push(0);
    } else {
      path.pop();
      cursor.pop();
    }
  }
  return indexChains(chains, size);
}

export function indexChains(chains: number[][], size: number): ChainSet {
  const occurrences: number[][] = Array.from({ length: size }, () => []);
  const pairChains = new Map<number, number[]>();
  let totalLength = 0;
  chains.forEach((chain, c) => {
    totalLength += chain.length;
    chain.forEach((node, pos) => {
      occurrences[node].push(c, pos);
      if (pos === 0) return;
      const key = chain[pos - 1] * size + node;
      const bucket = pairChains.get(key);
      if (bucket) bucket.push(c);
      else pairChains.set(key, [c]);
    });
  });
  return { chains, totalLength, occurrences, pairChains, size };
}
