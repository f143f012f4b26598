import type { GraphIndex } from '../graph/graph-index';
import { reachable } from '../graph/graph-index';
import type { BuiltNode } from './built-workflow';
import { buildError } from './build-errors';

// Every ref must name an existing node and one of its outputs (or the implicit
// errorCode/errorMessage), and must not point at a node that runs after the reader.

const IMPLICIT = new Set(['errorCode', 'errorMessage']);

export function validateReferences(
  nodes: readonly BuiltNode[],
  byId: ReadonlyMap<string, BuiltNode>,
  graph: GraphIndex,
): void {
  const downstream = new Map<number, Set<number>>();
  const order = topologicalOrder(graph);
  for (const node of nodes) {
    for (const input of node.inputs) {
      if (input.value.kind !== 'ref') continue;
      const { nodeId, path } = input.value;
      const producer = byId.get(nodeId);
      if (!producer) {
        throw buildError(`Node ${node.id} input ${input.name} references unknown node ${nodeId}`);
      }
      const root = path.split('.')[0];
      const known =
        producer.outputByName.has(root) || (IMPLICIT.has(root) && producer.type !== 'node-end');
      if (!known) {
        throw buildError(
          `Node ${node.id} input ${input.name} references unknown output ${nodeId}.${root}`,
        );
      }
      // in a DAG a descendant always comes later in topological order: most refs stop here
      if (order[producer.index] < order[node.index]) continue;
      let after = downstream.get(node.index);
      if (!after) {
        after = reachable(node.index, graph.all);
        downstream.set(node.index, after);
      }
      if (after.has(producer.index)) {
        throw buildError(
          `Node ${node.id} input ${input.name} references ${nodeId}, which runs after it`,
        );
      }
    }
  }
}

/** node → position in a topological order of the (acyclic) graph */
function topologicalOrder(graph: GraphIndex): Int32Array {
  const indegree = new Int32Array(graph.size);
  for (const targets of graph.all) for (const t of targets) indegree[t] += 1;
  const queue: number[] = [];
  indegree.forEach((d, i) => d === 0 && queue.push(i));
  const order = new Int32Array(graph.size);
  for (let head = 0; head < queue.length; head += 1) {
    const node = queue[head];
    order[node] = head;
    for (const t of graph.all[node]) if ((indegree[t] -= 1) === 0) queue.push(t);
  }
  return order;
}
