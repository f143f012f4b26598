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
