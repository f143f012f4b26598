/** The agentic RAG request body (docs/nodes.md#knowledge-pro-base). */
export interface AgentChatRequest {
  prompt: string;
  rag: {
    type: string;
    repo_id: string[];
    doc_id: string[];
    topN: number;
    mode: string;
    threshold: number;
    llm: {
      app_id: string;
      api_key: string;
      api_secret: string;
      base_url: string;
      model: string;
      max_token: number;
      top_k: number;
      temperature: number;
    };
  };
  messages: { role: 'user'; content: string }[];
  meta_data: { caller: 'workflow'; caller_sid: string };
}

export interface AgentChatLimits {
  /** the run's (or attempt's) cancellation */
  readonly signal: AbortSignal;
  /** longest wait for the answer's headers or its next bytes */
  readonly readTimeoutMs: number;
}

/** The agentic RAG service knowledge-pro-base nodes call (engine service `knowledgePro`). */
export interface KnowledgeProService {
  /** per-read wait when the node's retryConfig gives none */
  readonly readTimeoutMs: number;
  /**
   * Posts the request and hands every `data:` message (parsed JSON) to `onMessage` as it
   * arrives; resolves at `[DONE]`. Transport failures, stalls, malformed messages and a stream
   * ending without `[DONE]` are 20501, a refused request 20500; errors `onMessage` throws end
   * the call and are passed on.
   */
  chat(
    request: AgentChatRequest,
    limits: AgentChatLimits,
    onMessage: (message: unknown) => void,
  ): Promise<void>;
}

declare module '../../runtime/engine-services' {
  interface EngineServices {
    knowledgePro: KnowledgeProService;
  }
}
