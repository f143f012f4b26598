// The one port every model-backed node talks to. Two adapters: OpenAI-compatible chat
// completions (HTTP + SSE, `openai` package) and iFlytek Spark (WebSocket). Plain TypeScript:
// the engine uses it without NestJS.
import type { TokenUsage } from '../runtime/run-frame';

export type LlmSource = 'openai' | 'xinghuo';

export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  /** text, or for `contentType: 'image'` an http(s)/data URL or bare base64 image data */
  content: string;
  contentType?: 'text' | 'image' | 'audio';
}

/** A function the model may call (OpenAI tools, Spark `payload.functions`). */
export interface LlmFunction {
  name: string;
  description: string;
  /** JSON schema of the arguments */
  parameters: Record<string, unknown>;
}

export interface LlmToolCall {
  name: string;
  /** arguments as the JSON text the model produced */
  arguments: string;
}

/** One upstream frame: its normalised text plus the provider-native JSON (docs/nodes.md#streaming-producers). */
export interface LlmFrame {
  content: string;
  reasoningContent: string;
  /** the provider's last frame (finish reason / status 2) */
  end: boolean;
  raw: unknown;
}

export interface LlmChatRequest {
  messages: LlmMessage[];
  /** ask for a JSON object answer (OpenAI `response_format`; Spark has no such switch) */
  jsonMode?: boolean;
  functions?: LlmFunction[];
  /** force this function (Spark `function_choice`, OpenAI `tool_choice`) */
  functionChoice?: string;
  /** Spark function calling `question_type` */
  questionType?: string;
  /** stream frames (default true); false asks for one non-streamed completion */
  stream?: boolean;
  /** longest wait for the next frame, in ms (retryConfig.timeout when shouldRetry) */
  frameTimeoutMs?: number;
  signal?: AbortSignal;
  /** called for every frame with content, as soon as it arrives */
  onFrame?: (frame: LlmFrame) => void;
}

export interface LlmResult {
  content: string;
  reasoningContent: string;
  usage: TokenUsage;
  toolCall?: LlmToolCall;
}

export interface LlmProvider {
  readonly source: LlmSource;
  /** Runs one chat call; rejects with an AppException carrying the documented code. */
  chat(request: LlmChatRequest): Promise<LlmResult>;
}

/** Connection settings of one node, taken from its nodeParam (docs/nodes.md#llm-parameters). */
export interface LlmConnection {
  source: LlmSource;
  url: string;
  domain: string;
  appId: string;
  apiKey: string;
  apiSecret: string;
  uid: string;
  patchId: string[];
  temperature: number;
  maxTokens: number;
  topK: number;
  searchDisable: boolean;
  /** OpenAI only: merged verbatim into the request body */
  extraParams: Record<string, unknown>;
  /** Spark only: send `enable_thinking: false` (the quick-think lists matched) */
  disableThinking?: boolean;
}
