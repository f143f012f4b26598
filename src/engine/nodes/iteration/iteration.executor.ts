import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import { nodeProtocolError } from '../../dsl/build-errors';
import { registerExecutor, type NodeExecutor } from '../../runtime/node-executor';
import { withNodeCode } from '../output-common/output-errors';
import { optionalString, requiredInt } from '../param-readers';

// `iteration` (docs/nodes.md#iteration, docs/engine.md#iteration-execution): run the body once per element, sequentially,
// each from a fresh copy of the pool; collect each declared output across elements.

interface IterationParams {
  readonly startId: string;
}

export const iterationExecutor: NodeExecutor<IterationParams> = {
  compile: (def) => {
    const startId = def.nodeParam.IterationStartNodeId;
    if (typeof startId !== 'string' || startId === '') {
      throw nodeProtocolError(`Iteration node: ${def.id} iteration start node does not exist`);
    }
    return { startId };
  },
  execute: (node, ctx) =>
    withNodeCode(ErrorCode.ITERATION_EXECUTION_ERROR, async () => {
      const input = node.inputs[0];
      if (!input) {
        throw new AppException(ErrorCode.ITERATION_EXECUTION_ERROR, 'iteration has no input');
      }
      const items = ctx.input(input.name);
      if (!Array.isArray(items)) {
        throw new AppException(
          ErrorCode.ITERATION_EXECUTION_ERROR,
          `input ${input.name} is not an array`,
        );
      }
      const collected: Record<string, unknown[]> = {};
      for (const output of node.outputs) collected[output.name] = [];
      for (const item of items) {
        const end = await ctx.runBody({ [input.name]: item });
        for (const output of node.outputs) {
          if (output.name in end.outputs) collected[output.name].push(end.outputs[output.name]);
        }
      }
      return { inputs: { [input.name]: items }, outputs: collected };
    }),
  traits: { bodyStartId: (params) => params.startId },
};

interface BodyEndParams {
  readonly outputMode: number;
  readonly template: string;
}

/** `iteration-node-end`: outputs = `{input name: value}`; outputMode 1 renders `template`. */
export const iterationEndExecutor: NodeExecutor<BodyEndParams> = {
  compile: (def) => ({
    outputMode: requiredInt(def.nodeParam, def.id, 'outputMode'),
    template: optionalString(def.nodeParam, def.id, 'template'),
  }),
  execute: (node, ctx) =>
    withNodeCode(ErrorCode.END_NODE_EXECUTION_ERROR, async () => {
      const outputs = ctx.resolveInputs();
      return {
        inputs: {},
        outputs,
        ...(node.params.outputMode === 1
          ? { answerContent: ctx.renderDisplay(node.params.template) }
          : {}),
      };
    }),
};

registerExecutor('iteration', iterationExecutor);
registerExecutor('iteration-node-end', iterationEndExecutor);
