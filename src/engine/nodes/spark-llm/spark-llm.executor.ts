import { AppException, isAppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { NodeDefinition } from '../../dsl/dsl.types';
import { NodeExecutor, registerExecutor } from '../../runtime/node-executor';
import type { NodeResult } from '../../runtime/node-result';
import type { NodeRunContext } from '../../runtime/run-context';
import type { BuiltNode } from '../../dsl/built-workflow';
import type { LlmResult } from '../../providers/llm-provider';
import { compileLlmBase, invalid, LlmBaseParams } from '../../providers/llm-node-params';
import '../../providers/llm-services';
import { assembleMessages } from './llm-messages';
import { llmOutputs } from './llm-outputs';
import { appendNodeTurn } from '../node-history-turns';

export interface SparkLlmParams extends LlmBaseParams {
  /** 0 text, 1 markdown, 2 JSON */
  respFormat: number;
  /** custom JSON extraction pattern (`re_match_pattern`) */
  rePattern?: string;
}

const SYSTEM_IMAGE = 'SYSTEM_IMAGE';

/**
 * `spark-llm::` (docs/nodes.md#spark-llm): one chat completion with templated prompts. Streams every
 * provider frame live to the message/end nodes reading it (unless JSON format), maps the final
 * text to the outputs, and persists the turn when per-node history is on.
 */
export const sparkLlmExecutor: NodeExecutor<SparkLlmParams> = {
  compile(def: NodeDefinition): SparkLlmParams {
    const respFormat = def.nodeParam.respFormat ?? 0;
    if (respFormat !== 0 && respFormat !== 1 && respFormat !== 2) {
      throw invalid(def, 'respFormat must be 0, 1 or 2');
    }
    const pattern = def.nodeParam.re_match_pattern;
    return {
      ...compileLlmBase(def),
      respFormat,
      rePattern: typeof pattern === 'string' && pattern ? pattern : undefined,
    };
  },

  async execute(node: BuiltNode<SparkLlmParams>, ctx: NodeRunContext): Promise<NodeResult> {
    const params = node.params;
    const inputs = ctx.resolveInputs();
    const user = ctx.renderPrompt(params.template);
    const system = params.systemTemplate ? ctx.renderPrompt(params.systemTemplate) : '';
    const image = inputs[SYSTEM_IMAGE];
    const { messages, history } = await assembleMessages(ctx, {
      base: params,
      system,
      user,
      imageUrl: typeof image === 'string' ? image : undefined,
      imageDomains: ctx.service('llm').imageDomains,
    });
    const streaming = params.respFormat !== 2;
    let result: LlmResult;
    try {
      result = await ctx
        .service('llm')
        .provider(params.connection, ctx.system)
        .chat({
          messages,
          signal: ctx.signal,
          frameTimeoutMs: node.retry.enabled ? node.retry.timeoutMs : undefined,
          onFrame: streaming
            ? (frame) =>
                ctx.pushStream({
                  content: frame.content,
                  reasoningContent: frame.reasoningContent,
                  end: frame.end,
                })
            : undefined,
        });
    } catch (error) {
      if (isAppException(error) || ctx.signal.aborted) throw error;
      throw new AppException(ErrorCode.LLM_NODE_EXECUTION_ERROR);
    }
    const outputs = llmOutputs(
      node.outputs,
      params.respFormat,
      result.content,
      result.reasoningContent,
      params.rePattern,
    );
    if (params.nodeHistory) {
      await appendNodeTurn(ctx, user, result.content);
    }
    return {
      inputs: history ? { ...inputs, chatHistory: history } : inputs,
      outputs,
      rawOutput: result.content,
      processData: { query: user },
      tokenCost: result.usage,
    };
  },

  traits: {
    errorGroup: 'stream',
    // JSON mode is read from the pool after completion (docs/nodes.md#streaming-producers)
    streamProducer: (params) => params.respFormat !== 2,
  },
};

registerExecutor('spark-llm', sparkLlmExecutor);
