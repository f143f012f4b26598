import type { TokenUsage } from './run-frame';

/** What a node produces (docs/nodes.md#node-result). Failures are thrown, never returned. */
export interface NodeResult {
  /** `cancelled` only for output nodes that turned out to be on a pruned path */
  status?: 'succeeded' | 'cancelled';
  /** resolved input values, shown in the node-end frame */
  inputs: Record<string, unknown>;
  /** values written to the variable pool (validated against the declared outputs) */
  outputs: Record<string, unknown>;
  /** raw text (LLM text, code stdout…); shown as `ext.raw_output` for LLM/decision nodes */
  rawOutput?: string;
  processData?: Record<string, unknown>;
  /** chosen branch handle (branch nodes only) */
  branchHandle?: string;
  tokenCost?: TokenUsage;
  /** text of message/end nodes: the node-end frame's `delta.content` */
  answerContent?: string;
  answerReasoning?: string;
  /** `{errorCode, errorMessage}` of a failure handled by strategy 1 or 2 (set by the engine) */
  errorOutputs?: { errorCode: number; errorMessage: string };
  /** `ext` of the node-end frame (default `{}`) */
  ext?: Record<string, unknown>;
}

/**
 * One normalised stream frame pushed by a producer (spark-llm, agent, knowledge-pro-base,
 * flow) to the output nodes that read it (docs/nodes.md#streaming-producers). The producer normalises its
 * provider frames; `end` marks the last frame; a non-zero `code` stops consumption.
 */
export interface StreamChunk {
  content: string;
  reasoningContent: string;
  end?: boolean;
  code?: number;
}

/** Pushed by the engine when a producer failed and strategy 1/2 handled it: read the pool. */
export const ERROR_SENTINEL_CODE = -1;
