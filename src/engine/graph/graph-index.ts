// Adjacency of the flow (docs/engine.md#edges-and-handles), by node index. Pure data, built once.

export interface IndexedEdge {
  readonly source: number;
  readonly target: number;
  readonly handle: string;
}

export interface GraphIndex {
  readonly size: number;
  /** successors over edges whose handle does not contain `fail_one_of` (deduplicated) */
  readonly normal: readonly (readonly number[])[];
  /** successors over fail edges */
  readonly fail: readonly (readonly number[])[];
  /** normal and fail successors, first-seen order (chain enumeration) */
  readonly all: readonly (readonly number[])[];
  /** per node: handle → normal targets registered under it */
  readonly handles: readonly ReadonlyMap<string, readonly number[]>[];
}

function pushUnique(list: number[], value: number): void {
  if (!list.includes(value)) list.push(value);
}

export function buildGraphIndex(size: number, edges: readonly IndexedEdge[]): GraphIndex {
  const normal: number[][] = Array.from({ length: size }, () => []);
  const fail: number[][] = Array.from({ length: size }, () => []);
  const all: number[][] = Array.from({ length: size }, () => []);
  const handles: Map<string, number[]>[] = Array.from({ length: size }, () => new Map());
  for (const { source, target, handle } of edges) {
    pushUnique(all[source], target);
    if (isFailHandle(handle)) {
      pushUnique(fail[source], target);
      continue;
    }
    pushUnique(normal[source], target);
    const bucket = handles[source].get(handle);
    if (bucket) pushUnique(bucket, target);
    else handles[source].set(handle, [target]);
  }
  return { size, normal, fail, all, handles };
}

/** A node on a cycle reachable from `from`, as the cycle's node list, or null (iterative DFS). */
export function findCycle(
  starts: readonly number[],
  successors: readonly (readonly number[])[],
): number[] | null {
  const state = new Uint8Array(successors.length); // 0 new, 1 on stack, 2 done
  for (const start of starts) {
    if (state[start]) continue;
    const stack: { node: number; next: number }[] = [{ node: start, next: 0 }];
    state[start] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const succ = successors[top.node];
      if (top.next >= succ.length) {
        state[top.node] = 2;
        stack.pop();
        continue;
      }
      const target = succ[top.next++];
      if (state[target] === 1) {
        const from = stack.findIndex((frame) => frame.node === target);
        return [...stack.slice(from).map((frame) => frame.node), target];
      }
      if (state[target] === 0) {
        state[target] = 1;
        stack.push({ node: target, next: 0 });
      }
    }
  }
  return null;
}

/** Nodes reachable from `start` (start included) over `successors`. */
export function reachable(start: number, successors: readonly (readonly number[])[]): Set<number> {
  const seen = new Set<number>([start]);
  const queue = [start];
  while (queue.length) {
    const node = queue.pop() as number;
    for (const next of successors[node]) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/** An edge leaving a node's fail branch (its source handle names `fail_one_of`). */
function isFailHandle(handle: string): boolean {
  return handle.includes('fail_one_of');
}
