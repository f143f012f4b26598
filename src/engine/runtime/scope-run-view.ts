import type { BuiltNode, GraphScope } from '../dsl/built-workflow';
import type { ChainState } from '../graph/chain-state';
import type { VariablePool } from '../variables/variable-pool';
import type { NodeResult, StreamChunk } from './node-result';
import type { RunShared } from './run-shared';
import type { StreamQueue } from './stream-queue';

/**
 * What the helpers of a scope run (node runner, output runner, node context, output support,
 * snapshots) need of it. `ScopeRun` implements it and calls those helpers; they depend on this
 * view rather than on the class, so the scheduler and its helpers do not import each other.
 */
export interface ScopeRunView {
  readonly shared: RunShared;
  readonly scope: GraphScope;
  readonly pool: VariablePool;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly state: ChainState;
  readonly results: Map<number, NodeResult>;
  readonly routedToFail: Set<number>;
  readonly startTimes: Map<number, number>;
  /** nodes restored complete from a snapshot, replayed (without frames) by their visit */
  readonly restored: Set<number>;
  readonly signal: AbortSignal;
  readonly stopped: boolean;

  node(index: number): BuiltNode;
  /** resolves once `ready()` holds (re-checked after every state change) or the scope stopped */
  until(ready: () => boolean): Promise<void>;
  has(node: number, flag: number): boolean;
  /** pre-start the output nodes due right after node `n`'s start frame */
  preStartFor(n: number): void;
  /** an output node finished (or was cancelled) */
  completeOutput(n: number, result: NodeResult | undefined): void;
  queue(consumer: number, producer: number): StreamQueue;
  pushStream(producer: number, chunk: StreamChunk): void;
  /** success → end marker; handled failure → error sentinel */
  closeStreams(producer: number, sentinel: boolean): void;
  /** the first frame of a stream-group node deactivates its fail branch */
  dropFailBranch(producer: number): void;
  runBody(
    iteration: number,
    pool: VariablePool,
    params: Record<string, unknown>,
  ): Promise<NodeResult>;
}
