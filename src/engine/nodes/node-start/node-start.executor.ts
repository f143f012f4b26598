import { ErrorCode } from '../../errors/error-codes';
import { registerExecutor, type NodeExecutor } from '../../runtime/node-executor';
import { acceptParameters } from './start-parameters';

/** `node-start`: the run parameters become its outputs (docs/nodes.md#node-start). */
export const nodeStartExecutor: NodeExecutor<null> = {
  compile: () => null,
  execute: async (node, ctx) =>
    acceptParameters(node, ctx.parameters, ErrorCode.START_NODE_SCHEMA_ERROR),
  traits: { entry: true, inputsAreOutputs: true },
};

/** `iteration-node-start`: the element arrives as `{<iteration input name>: element}` (docs/nodes.md#iteration). */
export const iterationStartExecutor: NodeExecutor<null> = {
  compile: () => null,
  execute: async (node, ctx) =>
    acceptParameters(node, ctx.parameters, ErrorCode.ITERATION_EXECUTION_ERROR),
  traits: { entry: true, inputsAreOutputs: true },
};

registerExecutor('node-start', nodeStartExecutor);
registerExecutor('iteration-node-start', iterationStartExecutor);
