import { AppException } from '../../errors/engine-error';
import { ErrorCode, type ErrorCodeEntry } from '../../errors/error-codes';
import type { BuiltNode } from '../../dsl/built-workflow';
import { checkAgainstOutputs } from '../../variables/schema-check';
import { initialValue, jsonHasType } from '../../values/values';
import type { NodeResult } from '../../runtime/node-result';

// Start parameters (docs/engine.md#start-parameters): validate against the start outputs, reject unknown
// names, keep each value whose type matches (else the default). Shared by node-start and
// iteration-node-start.

export function acceptParameters<P>(
  node: BuiltNode<P>,
  parameters: Readonly<Record<string, unknown>>,
  code: ErrorCodeEntry,
): NodeResult {
  const problems = checkAgainstOutputs(node.outputs, parameters as Record<string, unknown>);
  if (problems.length) throw new AppException(code, problems.join(';'));
  for (const name of Object.keys(parameters)) {
    if (!node.outputByName.has(name)) {
      const inner = new AppException(
        ErrorCode.VARIABLE_POOL_SET_PARAMETER_ERROR,
        `Node ${node.id} input parameter ${node.id}-${name} does not exist`,
      );
      throw new AppException(code, `${inner.code}: ${inner.message}`);
    }
  }
  const values: Record<string, unknown> = {};
  for (const output of node.outputs) {
    const given = parameters[output.name];
    values[output.name] =
      output.name in parameters && jsonHasType(output.schema.type, given)
        ? given
        : initialValue(output.schema);
  }
  return { inputs: values, outputs: {} };
}
