import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { BuiltNode } from '../../dsl/built-workflow';
import { pyStr } from '../../values/py-str';
import type { NodeResult } from '../../runtime/node-result';
import type { NodeRunContext } from '../../runtime/run-context';
import { registerExecutor, type NodeExecutor } from '../../runtime/node-executor';
import { withNodeCode } from '../output-common/output-errors';
import { REASONING_OUTPUT } from '../spark-llm/llm-outputs';
import {
  CBG_RAG,
  compileKnowledgeProParams,
  type KnowledgeProParams,
} from './knowledge-pro-params';
import type { AgentChatRequest } from './knowledge-pro-service';
import { AgentAnswer } from './agent-answer';

// `knowledge-pro-base` (docs/nodes.md#knowledge-pro-base): retrieval plus answer generation by
// the agentic RAG service (engine service `knowledgePro`). The answer streams to the output
// nodes reading `output` like an LLM's; `result` (knowledge metadata) is read after completion.

const STREAMED_OUTPUT = 'output';

function agentRequest(p: KnowledgeProParams, query: string, sid: string): AgentChatRequest {
  return {
    prompt: p.answerRole,
    rag: {
      type: p.repoType,
      repo_id: [...p.repoIds],
      doc_id: [...p.docIds],
      topN: p.repoTopK,
      mode: p.mode,
      threshold: p.score,
      llm: {
        app_id: p.appId,
        api_key: p.apiKey,
        api_secret: p.apiSecret,
        base_url: p.url,
        model: p.domain,
        max_token: p.maxTokens,
        top_k: p.topK,
        temperature: p.temperature,
      },
    },
    messages: [{ role: 'user', content: query }],
    meta_data: { caller: 'workflow', caller_sid: sid },
  };
}

async function execute(
  node: BuiltNode<KnowledgeProParams>,
  ctx: NodeRunContext,
): Promise<NodeResult> {
  const p = node.params;
  const first = node.inputs[0];
  const value = first ? ctx.input(first.name) : null;
  if (p.repoType === CBG_RAG && p.docIds.length === 0) {
    throw new AppException(ErrorCode.KNOWLEDGE_PARAM_ERROR, 'docIds is empty');
  }
  const service = ctx.service('knowledgePro');
  const answer = new AgentAnswer((chunk) => ctx.pushStream(chunk));
  try {
    await service.chat(
      agentRequest(p, pyStr(value), ctx.system.eventId),
      {
        signal: ctx.signal,
        // the reference reads with retryConfig.timeout only in retry mode; else our own limit
        readTimeoutMs: node.retry.enabled ? node.retry.timeoutMs : service.readTimeoutMs,
      },
      (message) => answer.take(message),
    );
  } catch (error) {
    // consumers stop at the end frame; a failure before any answer leaves the queue to the
    // engine (its error marker lets a fallback value through)
    if (answer.streamed) answer.finish();
    throw error;
  }
  answer.finish();
  const values: Record<string, unknown> = {
    output: answer.text,
    result: answer.metadata,
    [REASONING_OUTPUT]: answer.reasoning,
  };
  const outputs = Object.fromEntries(
    node.outputs.filter((o) => o.name in values).map((o) => [o.name, values[o.name]]),
  );
  return {
    inputs: first ? { [first.name]: value } : {},
    outputs,
    rawOutput: answer.text,
    tokenCost: answer.usage,
  };
}

export const knowledgeProBaseExecutor: NodeExecutor<KnowledgeProParams> = {
  compile: compileKnowledgeProParams,
  execute: (node, ctx) =>
    withNodeCode(ErrorCode.KNOWLEDGE_NODE_EXECUTION_ERROR, () => execute(node, ctx)),
  traits: {
    errorGroup: 'stream',
    streamProducer: (_params, outputName) => outputName === STREAMED_OUTPUT,
  },
};

registerExecutor('knowledge-pro-base', knowledgeProBaseExecutor);
