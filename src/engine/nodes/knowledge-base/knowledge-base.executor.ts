import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { BuiltNode } from '../../dsl/built-workflow';
import { pyStr } from '../../values/py-str';
import type { NodeResult } from '../../runtime/node-result';
import type { NodeRunContext } from '../../runtime/run-context';
import { registerExecutor, type NodeExecutor } from '../../runtime/node-executor';
import { withNodeCode } from '../output-common/output-errors';
import { nodeCallLimit } from '../call-limit';
import { compileKnowledgeBaseParams, type KnowledgeBaseParams } from './knowledge-base-params';
import type { ChunkQuery } from './knowledge-base-service';
import { retrieveOncePerRun } from './run-retrieval-cache';

// `knowledge-base` (docs/nodes.md#knowledge-base): top-N chunks of knowledge repositories from
// the knowledge service (engine service `knowledgeBase`). The first input is the query, the
// first output the result list. Service failures are 20500, anything else 20501.

function chunkQuery(p: KnowledgeBaseParams, query: string, ctx: NodeRunContext): ChunkQuery {
  return {
    query,
    topN: p.topN,
    ragType: p.ragType,
    match: {
      repoId: [...p.repoId],
      docIds: [...p.docIds],
      flowId: p.flowId,
      threshold: p.score,
    },
    // the whole request history when enabled (the reference ignores `rounds` here)
    history: p.sendHistory
      ? ctx.history.map((item) => ({
          role: item.role,
          content: item.content,
          content_type: item.content_type ?? 'text',
        }))
      : [],
  };
}

async function execute(
  node: BuiltNode<KnowledgeBaseParams>,
  ctx: NodeRunContext,
): Promise<NodeResult> {
  const service = ctx.service('knowledgeBase');
  const first = node.inputs[0];
  const value = first ? ctx.input(first.name) : null;
  const request = chunkQuery(node.params, pyStr(value), ctx);
  const data = await retrieveOncePerRun(ctx.system, JSON.stringify(request), () =>
    service.query(request, nodeCallLimit(node, ctx, service.timeoutMs)),
  );
  if (!Array.isArray(data.results)) {
    throw new AppException(
      ErrorCode.KNOWLEDGE_NODE_EXECUTION_ERROR,
      'knowledge answer has no results list',
    );
  }
  const output = node.outputs[0];
  return {
    inputs: first ? { [first.name]: value } : {},
    outputs: output ? { [output.name]: data.results } : {},
    rawOutput: JSON.stringify(data),
  };
}

export const knowledgeBaseExecutor: NodeExecutor<KnowledgeBaseParams> = {
  compile: compileKnowledgeBaseParams,
  execute: (node, ctx) =>
    withNodeCode(ErrorCode.KNOWLEDGE_NODE_EXECUTION_ERROR, () => execute(node, ctx)),
  traits: { errorGroup: 'non-stream' },
};

registerExecutor('knowledge-base', knowledgeBaseExecutor);
