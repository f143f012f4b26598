import type { HistoryItem } from '../../runtime/history-item';
import type { EngineServices } from '../../runtime/engine-services';
import type { TokenUsage } from '../../runtime/run-frame';

/**
 * One frame of a sub-flow's answer in the chat-completions stream format (release view,
 * docs/api.md#release-view): what a remote workflow service sends over SSE and what an
 * in-process run yields after the release view.
 */
export interface SubflowFrame {
  code: number;
  message?: string;
  choices?: {
    delta?: { content?: string; reasoning_content?: string };
    finish_reason?: string | null;
  }[];
  usage?: TokenUsage;
  /** a question of the sub-flow (in-process runs only): the parent relays it */
  event_data?: unknown;
}

/** What the node asks the service to run (docs/nodes.md#flow). */
export interface SubflowCall {
  flowId: string;
  /** app alias the sub-flow runs as (node `appId`) */
  appId: string;
  uid: string;
  version?: string;
  parameters: Record<string, unknown>;
  history: readonly HistoryItem[];
  /** call chain of the sub-run: the parent's chain (its own flow id last) */
  callChain: readonly string[];
  /** the parent's sandbox caller: the sub-flow's code counts against the same caller */
  sandboxCaller: string;
  /** the parent run's engine services (an in-process sub-run uses the same ones) */
  services: Partial<EngineServices>;
  signal: AbortSignal;
  /**
   * The parent run's event: a question asked inside an in-process sub-flow pauses this event,
   * and `/resume` on it answers the sub-flow (docs/nodes.md#flow).
   */
  eventId: string;
  /** questions of the sub-run wait their turn with the parent's (one open question per event) */
  questionLock: <T>(fn: () => Promise<T>) => Promise<T>;
  /** the sub-run's saved state of an earlier pause: continue from it (a restored parent run) */
  resumeFrom?: unknown;
  /** the sub-run paused on a question; `state` continues it in another process */
  onPause: (state: unknown) => void;
}

/** Loads and runs published sub-flows, in-process or on a remote workflow service. */
export interface SubflowService {
  /** deepest sub-flow nesting allowed (a top-level run is depth 0) */
  readonly maxDepth: number;
  /** whether a sub-flow's question pauses the parent (in-process); else the node fails */
  readonly relaysQuestions: boolean;
  /**
   * `outputMode` of the end node of the latest published version of `flowId`, as seen by the
   * parent run's app; undefined when the end node has none.
   */
  outputMode(flowId: string, parentAppId: string): Promise<number | undefined>;
  /** the sub-flow's answer frames, ending with the stop frame (or an error frame) */
  run(call: SubflowCall): AsyncIterable<SubflowFrame>;
}

declare module '../../runtime/engine-services' {
  interface EngineServices {
    subflows: SubflowService;
  }
}
