import type { BuiltNode, BuiltWorkflow } from '../dsl/built-workflow';
import type { VariablePool } from './variable-pool';

// Reading input `name` of a node (docs/engine.md#resolving-inputs).

export function resolveInput(
  workflow: BuiltWorkflow,
  pool: VariablePool,
  node: BuiltNode,
  name: string,
): unknown {
  const dot = name.indexOf('.');
  const root = dot < 0 ? name : name.slice(0, dot);
  const input = node.inputByName.get(root);
  if (input) {
    if (input.value.kind === 'literal') return input.value.value;
    const producer = workflow.byId.get(input.value.nodeId);
    if (!producer) throw new Error(`get variable error: node ${input.value.nodeId} not found`);
    return pool.resolve(producer, input.value.path);
  }
  if (node.outputByName.has(root)) return pool.resolve(node, name);
  return null;
}

export function resolveAllInputs(
  workflow: BuiltWorkflow,
  pool: VariablePool,
  node: BuiltNode,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const input of node.inputs) out[input.name] = resolveInput(workflow, pool, node, input.name);
  return out;
}
