import type { NodeHistoryKey } from '../providers/node-history';
import type { LlmMessage } from '../providers/llm-provider';
import type { NodeRunContext } from '../runtime/run-context';

// The model nodes' own persisted history (docs/engine.md#per-node-history): one thread per
// flow, user and node, shared by spark-llm and decision-making.

function keyOf(ctx: NodeRunContext): NodeHistoryKey {
  return { flowId: ctx.system.flowId, uid: ctx.system.uid, nodeId: ctx.node.id };
}

/** The running node's stored turns, within the model's token budget. */
export function loadNodeTurns(ctx: NodeRunContext, maxTokens: number): Promise<LlmMessage[]> {
  return ctx.service('nodeHistory').load(keyOf(ctx), maxTokens);
}

/** Store one turn of the running node under the run's chat id. */
export function appendNodeTurn(
  ctx: NodeRunContext,
  question: string,
  answer: string,
): Promise<void> {
  return ctx.service('nodeHistory').append(keyOf(ctx), ctx.system.chatId ?? '', question, answer);
}
