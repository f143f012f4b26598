import { AppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';
import type { BuiltWorkflow } from '../dsl/built-workflow';
import { progressOf, type ChainState } from '../graph/chain-state';
import type { HistoryItem } from './history-item';
import type { NodeAttemptsListener } from './node-attempts';
import type { EngineServices } from './engine-services';
import { FrameChannel } from './frame-channel';
import { OutputOrderer } from './output-orderer';
import type { SystemVariables } from './run-context';
import type { RunFrame, TokenUsage } from './run-frame';
import type { RunSnapshot } from './snapshot';

/** What runWorkflow needs besides the compiled flow. Everything but `parameters` is optional. */
export interface RunInput {
  parameters?: Record<string, unknown>;
  /** request history (v2) */
  history?: readonly HistoryItem[];
  uid?: string;
  chatId?: string | null;
  flowId?: string;
  appId?: string;
  eventId?: string;
  /** who the run's sandboxed code belongs to: code of runs with different keys never shares a
   * sandbox process (default: the app id) */
  sandboxTenant?: string;
  /** who asked for the run: its sandbox start limits count against this (default: the app id) */
  sandboxCaller?: string;
  /** flow ids of the runs that called this one through `flow::` nodes, outermost first
   * (sub-flow depth and cycle checks, docs/nodes.md#flow) */
  callChain?: readonly string[];
  /** aborting it cancels the run and every pending call; the stream then just ends */
  signal?: AbortSignal;
  services?: Partial<EngineServices>;
  /** continue a paused run (see RunSnapshot) */
  resumeFrom?: RunSnapshot;
  /** called whenever a node starts waiting for external input, with the run's snapshot */
  onPause?: (snapshot: RunSnapshot) => void;
  /** told how each execution of a node with error handling on went (retries are not in frames) */
  onNodeAttempts?: NodeAttemptsListener;
  /** the calling run's question lock (a sub-flow asks on its parent's event) */
  questionLock?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** clock in ms since the epoch (default Date.now) */
  clock?: () => number;
}

/** Run-wide state shared by the main graph and every iteration body run. */
export class RunShared {
  readonly channel = new FrameChannel();
  readonly orderer = new OutputOrderer((frame) => this.channel.push(frame));
  readonly controller = new AbortController();
  readonly system: SystemVariables;
  readonly history: readonly HistoryItem[];
  readonly services: Partial<EngineServices>;
  readonly now: () => number;
  readonly startedAt: number;
  readonly usage: TokenUsage;
  readonly waiting = new Map<string, unknown>();
  private readonly resumeStates: Map<string, unknown>;
  private lock: Promise<unknown> = Promise.resolve();
  /** main-graph chain state: progress of every frame is computed against it (docs/engine.md#progress) */
  mainState: ChainState | null = null;
  snapshotter: (() => RunSnapshot) | null = null;

  constructor(
    readonly workflow: BuiltWorkflow,
    readonly input: RunInput,
  ) {
    this.system = {
      uid: input.uid ?? '',
      chatId: input.chatId === undefined ? null : input.chatId,
      flowId: input.flowId ?? '',
      appId: input.appId ?? '',
      eventId: input.eventId ?? '',
    };
    this.history = input.history ?? [];
    this.services = input.services ?? {};
    this.now = input.clock ?? Date.now;
    this.startedAt = this.now();
    this.usage = { ...(input.resumeFrom?.usage ?? ZERO) };
    this.resumeStates = new Map(Object.entries(input.resumeFrom?.waiting ?? {}));
    const outer = input.signal;
    if (outer) {
      if (outer.aborted) this.controller.abort(outer.reason);
      else
        outer.addEventListener('abort', () => this.controller.abort(outer.reason), { once: true });
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  emit(frame: RunFrame): void {
    this.channel.push(frame);
  }

  progress(node: number): number {
    return this.mainState ? progressOf(this.mainState, node) : 0;
  }

  addUsage(cost: TokenUsage | undefined): void {
    if (!cost) return;
    this.usage.completion_tokens += cost.completion_tokens;
    this.usage.prompt_tokens += cost.prompt_tokens;
    this.usage.total_tokens += cost.total_tokens;
  }

  /** the state a waiting node saved before the pause this run resumes from (once) */
  takeResumeState(nodeId: string): unknown {
    const state = this.resumeStates.get(nodeId);
    this.resumeStates.delete(nodeId);
    return state;
  }

  setWaiting(nodeId: string, state: unknown): void {
    if (state === undefined) {
      this.waiting.delete(nodeId);
      return;
    }
    this.waiting.set(nodeId, state);
    if (this.input.onPause && this.snapshotter) this.input.onPause(this.snapshotter());
  }

  withQuestionLock<T>(fn: () => Promise<T>): Promise<T> {
    if (this.input.questionLock) return this.input.questionLock(fn);
    const next = this.lock.then(fn, fn);
    this.lock = next.catch(() => undefined);
    return next;
  }

  service<K extends keyof EngineServices>(name: K): EngineServices[K] {
    const service = this.services[name];
    if (service === undefined) {
      throw new AppException(
        ErrorCode.NODE_RUN_ERROR,
        `service '${String(name)}' is not configured`,
      );
    }
    return service as EngineServices[K];
  }
}

const ZERO: TokenUsage = { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 };
