import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import { genericBuildError } from '../../dsl/build-errors';
import { registerExecutor, type NodeExecutor } from '../../runtime/node-executor';
import { withNodeCode } from '../output-common/output-errors';
import { optionalInt, optionalString } from '../param-readers';

// `text-joiner` (docs/nodes.md#text-joiner): mode 0 renders `prompt` (display rule), mode 1 splits the
// last input on `separator` (exact substring).

interface JoinerParams {
  readonly mode: 0 | 1;
  readonly prompt: string;
  readonly separator: string;
}

export const textJoinerExecutor: NodeExecutor<JoinerParams> = {
  compile: (def) => {
    const mode = optionalInt(def.nodeParam, def.id, 'mode', 0);
    if (mode !== 0 && mode !== 1)
      throw genericBuildError(`Node ${def.id} nodeParam.mode: must be 0 or 1`);
    return {
      mode,
      prompt: optionalString(def.nodeParam, def.id, 'prompt'),
      separator: optionalString(def.nodeParam, def.id, 'separator'),
    };
  },
  execute: (node, ctx) =>
    withNodeCode(ErrorCode.TEXT_JOINER_NODE_EXECUTION_ERROR, async () => {
      const inputs = ctx.resolveInputs();
      const outputName = node.outputs[0]?.name ?? 'output';
      if (node.params.mode === 0) {
        const text = ctx.renderDisplay(node.params.prompt);
        return { inputs, outputs: { [outputName]: text }, rawOutput: text };
      }
      const last = node.inputs.length ? inputs[node.inputs[node.inputs.length - 1].name] : null;
      if (typeof last !== 'string' || node.params.separator === '') {
        throw new AppException(
          ErrorCode.TEXT_JOINER_NODE_EXECUTION_ERROR,
          typeof last !== 'string' ? 'split input is not a string' : 'separator is empty',
        );
      }
      const parts = last.split(node.params.separator);
      return { inputs, outputs: { [outputName]: parts }, rawOutput: JSON.stringify(parts) };
    }),
};

registerExecutor('text-joiner', textJoinerExecutor);
