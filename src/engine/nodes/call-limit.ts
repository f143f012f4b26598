import type { BuiltNode } from '../dsl/built-workflow';
import type { NodeRunContext } from '../runtime/run-context';

// Service-calling nodes (plugin, knowledge-base) bound their calls by one deadline: the service
// timeout, cut to fit inside the node's retry budget when it has one, so the node ends with its
// own error code rather than the engine's retry timeout.

/** A call's cancellation: the run's signal joined with the node's own deadline. */
export interface CallLimit {
  readonly signal: AbortSignal;
  /** true when the deadline (not the run) ended the call */
  timedOut(): boolean;
  readonly ms: number;
}

/** Margin left to the engine's retry timeout so the node's own code wins the race. */
const RETRY_MARGIN_MS = 100;

/** One deadline for the node's service calls, joined with the run's cancellation. */
export function nodeCallLimit(
  node: Pick<BuiltNode, 'retry'>,
  ctx: NodeRunContext,
  timeoutMs: number,
): CallLimit {
  const ms = node.retry.enabled
    ? Math.max(1, Math.min(timeoutMs, node.retry.timeoutMs - RETRY_MARGIN_MS))
    : timeoutMs;
  const timer = AbortSignal.timeout(ms);
  return { signal: AbortSignal.any([ctx.signal, timer]), timedOut: () => timer.aborted, ms };
}
