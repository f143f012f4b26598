/** Where and how long agent nodes call the agent service (engine service `agentService`). */
export interface AgentService {
  /** the chat-completions URL; unset: agent nodes fail with 23700 */
  readonly url?: string;
  /** the whole call, stream included */
  readonly timeoutMs: number;
  /** until the service answers (status and headers) */
  readonly connectTimeoutMs: number;
}

declare module '../../runtime/engine-services' {
  interface EngineServices {
    agentService: AgentService;
  }
}
