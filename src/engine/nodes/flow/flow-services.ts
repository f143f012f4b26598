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
}

/** Loads and runs published sub-flows, in-process or on a remote workflow service. */
export interface SubflowService {
  /** deepest sub-flow nesting allowed (a top-level run is depth 0) */
  readonly maxDepth: number;
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
