// The frame a run emits, in the debug view of docs/api.md#streaming (the engine's native shape).
// `id` (the request's sid) and `created` are stamped by the service when a frame is written, so
// the engine stays free of HTTP concerns. Views (release filtering, aggregation) are pure
// functions over these frames.

export interface TokenUsage {
  completion_tokens: number;
  prompt_tokens: number;
  total_tokens: number;
}

export type FinishReason = 'stop' | 'interrupt';

export interface FrameNode {
  /** node id (`<type>::<uuid>`) or `flow_obj` for workflow-level frames */
  id: string;
  alias_name: string;
  finish_reason?: FinishReason;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  error_outputs: Record<string, unknown>;
  ext?: Record<string, unknown>;
  executed_time: number;
  usage?: TokenUsage;
}

export interface InterruptEventData {
  event_id: string;
  event_type: 'interrupt';
  need_reply: boolean;
  value: {
    type: 'option' | 'direct';
    content: string;
    option?: { id: string; text: string; content_type: string }[];
  };
}

export interface FrameChoice {
  delta: { role: 'assistant'; content: string; reasoning_content: string };
  index?: number;
  finish_reason?: FinishReason;
}

export interface RunFrame {
  code: number;
  message: string;
  workflow_step?: { node?: FrameNode; seq: number; progress: number };
  choices: [FrameChoice];
  usage?: TokenUsage;
  event_data?: InterruptEventData;
}

/** A frame as written to the wire: the run frame stamped with the request sid and time. */
export interface ChunkObject extends RunFrame {
  id: string;
  created: number;
}

export const ZERO_USAGE: TokenUsage = Object.freeze({
  completion_tokens: 0,
  prompt_tokens: 0,
  total_tokens: 0,
});
