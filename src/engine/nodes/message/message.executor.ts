import { ErrorCode } from '../../errors/error-codes';
import { registerExecutor, type NodeExecutor } from '../../runtime/node-executor';
import { withNodeCode } from '../output-common/output-errors';
import { walkTemplate } from '../output-common/stream-template';
import { optionalBool, requiredString } from '../param-readers';

// `message`: an intermediate answer (docs/nodes.md#message). The engine waits for barriers, emits
// the start frame and orders frames; this renders (streaming or whole) and returns the text.

interface MessageParams {
  readonly template: string;
  readonly streamOutput: boolean;
}

export const messageExecutor: NodeExecutor<MessageParams> = {
  compile: (def) => ({
    template: requiredString(def.nodeParam, def.id, 'template'),
    streamOutput: optionalBool(def.nodeParam, def.id, 'streamOutput'),
  }),
  execute: (node, ctx) =>
    withNodeCode(ErrorCode.MESSAGE_NODE_EXECUTION_ERROR, async () => {
      let content: string;
      if (node.params.streamOutput) {
        content = await walkTemplate(ctx, node, node.params.template, (piece) =>
          ctx.output.emitProcess(piece, ''),
        );
        await ctx.output.waitDataDeps();
      } else {
        await ctx.output.waitDataDeps();
        content = ctx.renderDisplay(node.params.template);
      }
      return { inputs: ctx.resolveInputs(), outputs: {}, answerContent: content };
    }),
  traits: { outputNode: true },
};

registerExecutor('message', messageExecutor);
