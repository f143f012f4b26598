import { enumerateChains } from '../graph/chains';
import { reachable, type GraphIndex } from '../graph/graph-index';
import type { GraphScope } from './built-workflow';
import { buildError } from './build-errors';

// Graph scopes: the main flow (everything reachable from node-start) and one body per
// iteration node (everything reachable from its body start). A node belongs to at most one.

export interface ScopeLayout {
  readonly main: GraphScope;
  readonly bodies: Map<number, GraphScope>;
  /** node → owning iteration index, -1 main, -2 unreachable */
  readonly scopeOf: Int32Array;
}

export function layoutScopes(
  graph: GraphIndex,
  start: number,
  bodyStarts: ReadonlyMap<number, number>,
  ids: readonly string[],
): ScopeLayout {
  const scopeOf = new Int32Array(graph.size).fill(-2);
  const claim = (owner: number, entry: number): number[] => {
    const members = [...reachable(entry, graph.all)];
    for (const node of members) {
      if (scopeOf[node] !== -2) {
        throw buildError(
          `Node ${ids[node]} belongs to more than one graph (main flow or iteration)`,
        );
      }
      scopeOf[node] = owner;
    }
    return members;
  };
  const mainMembers = claim(-1, start);
  const bodies = new Map<number, GraphScope>();
  const members = new Map<number, number[]>();
  for (const [iteration, bodyStart] of bodyStarts) {
    members.set(iteration, claim(iteration, bodyStart));
  }
  for (const [iteration, bodyStart] of bodyStarts) {
    bodies.set(iteration, {
      owner: iteration,
      entry: bodyStart,
      chains: enumerateChains(bodyStart, graph.all),
      members: members.get(iteration) ?? [],
    });
  }
  const main: GraphScope = {
    owner: -1,
    entry: start,
    chains: enumerateChains(start, graph.all),
    members: mainMembers,
  };
  return { main, bodies, scopeOf };
}
