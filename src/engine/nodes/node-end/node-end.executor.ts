import { ErrorCode } from '../../errors/error-codes';
import { compactJson } from '../../values/stringify';
import { registerExecutor, type NodeExecutor } from '../../runtime/node-executor';
import { withNodeCode } from '../output-common/output-errors';
import { walkTemplate } from '../output-common/stream-template';
import { optionalBool, optionalString, requiredInt } from '../param-readers';

// `node-end` (docs/nodes.md#node-end, docs/engine.md#output-rendering): variable mode answers the compact JSON of its
// inputs; prompt mode renders `reasoningTemplate` then `template`, streamed or whole.

interface EndParams {
  readonly outputMode: number;
  readonly template: string;
  readonly reasoningTemplate: string;
  readonly streamOutput: boolean;
}

export const nodeEndExecutor: NodeExecutor<EndParams> = {
  compile: (def) => ({
    outputMode: requiredInt(def.nodeParam, def.id, 'outputMode'),
    template: optionalString(def.nodeParam, def.id, 'template'),
    reasoningTemplate: optionalString(def.nodeParam, def.id, 'reasoningTemplate'),
    streamOutput: optionalBool(def.nodeParam, def.id, 'streamOutput'),
  }),
  execute: (node, ctx) =>
    withNodeCode(ErrorCode.END_NODE_EXECUTION_ERROR, async () => {
      const { outputMode, template, reasoningTemplate, streamOutput } = node.params;
      const ext = { answer_mode: outputMode === 0 ? 0 : 1 };
      let content = '';
      let reasoning = '';
      if (outputMode === 1 && streamOutput) {
        const lastReasoning = await walkTemplate(ctx, node, reasoningTemplate, (piece) =>
          ctx.output.emitProcess('', piece, ext),
        );
        if (reasoningTemplate) ctx.output.emitProcess('', lastReasoning, ext);
        content = await walkTemplate(ctx, node, template, (piece) =>
          ctx.output.emitProcess(piece, '', ext),
        );
      }
      await ctx.output.waitDataDeps();
      const outputs = ctx.resolveInputs();
      if (outputMode === 0) content = compactJson(outputs);
      else if (outputMode === 1 && !streamOutput) {
        content = ctx.renderDisplay(template);
        reasoning = ctx.renderDisplay(reasoningTemplate);
      }
      return { inputs: {}, outputs, answerContent: content, answerReasoning: reasoning, ext: {} };
    }),
  traits: { outputNode: true, writesNothing: true },
};

registerExecutor('node-end', nodeEndExecutor);
