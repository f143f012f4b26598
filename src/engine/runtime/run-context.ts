import type { BuiltNode, BuiltWorkflow } from '../dsl/built-workflow';
import type { HistoryItem } from './history-item';
import type { EngineServiceName, EngineServices } from './engine-services';
import type { NodeResult, StreamChunk } from './node-result';
import type { InterruptEventData } from './run-frame';

/** Request-level values every node may read (docs/engine.md#special-variables). */
export interface SystemVariables {
  readonly uid: string;
  /** null when the request had no chat id (node-variable scopes differ, docs/nodes.md#node-variable) */
  readonly chatId: string | null;
  readonly flowId: string;
  readonly appId: string;
  readonly eventId: string;
}

/** What an executor gets while it runs (one instance per node execution). */
export interface NodeRunContext {
  readonly node: BuiltNode;
  readonly workflow: BuiltWorkflow;
  /** aborted when the run is cancelled, the attempt timed out, or the client went away */
  readonly signal: AbortSignal;
  readonly system: SystemVariables;
  /** who the run's sandboxed code belongs to (RunInput.sandboxTenant) */
  readonly sandboxTenant: string;
  /** who asked for the run (RunInput.sandboxCaller) */
  readonly sandboxCaller: string;
  /** flow ids of the calling runs (RunInput.callChain) followed by this run's own flow id */
  readonly callChain: readonly string[];
  /** request history (v2), unchanged (docs/engine.md#request-history) */
  readonly history: readonly HistoryItem[];
  readonly services: Partial<EngineServices>;
  /** a service by name; fails the node (22302) with a clear detail when it is not configured */
  service<K extends EngineServiceName>(name: K): EngineServices[K];
  /** start parameters of the (sub-)run: run parameters, or `{<input>: element}` in a body */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** milliseconds since the epoch (the run's clock) */
  now(): number;

  // ---- variables (docs/engine.md#variables) ----
  /** one input by name (text before the first `.`), literal or resolved ref; `null` if unknown */
  input(name: string): unknown;
  /** every declared input, by name */
  resolveInputs(): Record<string, unknown>;
  /** a producer's output by (dotted) path, schema driven (docs/engine.md#resolving-inputs) */
  readRef(nodeId: string, path: string): unknown;
  /** display renderer (a): JSON with `", "`/`": "` separators */
  renderDisplay(template: string): string;
  /** prompt renderer (b): Python `str()` values, empty → `" "` */
  renderPrompt(template: string): string;

  // ---- streaming producers (docs/nodes.md#streaming-producers) ----
  /** push one frame to every output node reading this node; the first push disables retries */
  pushStream(chunk: StreamChunk): void;

  // ---- frames ----
  /** an extra node-start frame for this node (question-answer emits two) */
  emitNodeStart(): void;
  /** the interrupt frame (docs/engine.md#the-pause step 5) */
  emitInterrupt(eventData: InterruptEventData): void;

  // ---- pause / resume ----
  /** state saved by this node while it waited for external input in a run that was resumed */
  readonly resumeState: unknown;
  /**
   * Declare that the node now waits for external input with this (JSON) state, or clear it
   * (undefined). While set, the run can be snapshotted; a resumed run re-executes the node
   * with `resumeState` = this value.
   */
  setWaitState(state: unknown): void;
  /** serialise question-answer nodes of the run (docs/engine.md#question-lock) */
  withQuestionLock<T>(fn: () => Promise<T>): Promise<T>;

  // ---- engine helpers used by built-in node types ----
  readonly output: OutputNodeSupport;
  /** run an iteration body once (docs/engine.md#iteration-execution); only for `iteration` executors */
  runBody(params: Record<string, unknown>): Promise<NodeResult>;
}

/** Helpers for message / node-end executors (docs/engine.md#scheduling). */
export interface OutputNodeSupport {
  /** emit a process frame (content and/or reasoning piece) */
  emitProcess(content: string, reasoning: string, ext?: Record<string, unknown>): void;
  /** wait until a producer is processing (streams) or complete; 'pruned' if it never runs */
  waitFor(nodeId: string, state: 'processing' | 'complete'): Promise<'ran' | 'pruned'>;
  /** is `nodeId` a stream producer for this output name (and does this node read its queue) */
  isStreaming(nodeId: string, outputName: string): boolean;
  /**
   * One pass over the frames `nodeId` pushed for this output node, from the first (replayable:
   * one pass per unit), each handed to `take` as it arrives; `take` answers true to stop.
   * Resolves with the frame it stopped at, or undefined at the end of the stream.
   */
  drain(nodeId: string, take: (chunk: StreamChunk) => boolean): Promise<StreamChunk | undefined>;
  /** wait until every data dependency completed (docs/engine.md#output-nodes step 4) */
  waitDataDeps(): Promise<void>;
}
