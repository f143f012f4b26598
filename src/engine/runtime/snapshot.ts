import type { PoolValues } from '../variables/variable-pool';
import type { NodeResult } from './node-result';
import type { TokenUsage } from './run-frame';

/**
 * JSON state of a run paused on external input (question-answer), enough to continue it in
 * another process: `runWorkflow(built, { ...input, resumeFrom: snapshot })`. Nodes that were
 * complete are replayed silently from their stored results; nodes listed in `waiting` are
 * re-executed with `ctx.resumeState`; anything else that was in flight runs again.
 * Iteration bodies are not captured: an iteration in flight restarts from its first element.
 */
export interface RunSnapshot {
  readonly version: 1;
  readonly pool: PoolValues;
  readonly nodes: Record<string, SnapshotNode>;
  /** indexes of inactive main-graph chains */
  readonly inactiveChains: number[];
  /** node id → the state it saved with `ctx.setWaitState` */
  readonly waiting: Record<string, unknown>;
  readonly usage: TokenUsage;
  readonly parameters: Record<string, unknown>;
}

export type SnapshotNode =
  | { readonly status: 'complete'; readonly result: NodeResult; readonly routedToFail: boolean }
  | { readonly status: 'pruned' };
