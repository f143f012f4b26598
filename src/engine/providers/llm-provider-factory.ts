import type { LlmConnection, LlmProvider } from './llm-provider';
import { OpenAiChatProvider } from './openai-chat.provider';
import { SparkChatProvider } from './spark-chat.provider';

export interface LlmProviderSettings {
  /** base of Spark URLs for legacy domains when a node has no `url` (SPARK_HOST) */
  sparkHost: string;
  /** longest wait for an OpenAI-compatible response to start, in ms */
  requestTimeoutMs: number;
}

export const DEFAULT_LLM_PROVIDER_SETTINGS: LlmProviderSettings = {
  sparkHost: 'ws://spark-api.xf-yun.com',
  requestTimeoutMs: 120_000,
};

/** Picks the adapter by the node's `source` (`openai` or, by default, Spark). */
export function createLlmProvider(
  connection: LlmConnection,
  settings: LlmProviderSettings = DEFAULT_LLM_PROVIDER_SETTINGS,
): LlmProvider {
  return connection.source === 'openai'
    ? new OpenAiChatProvider(connection, settings.requestTimeoutMs)
    : new SparkChatProvider(connection, settings.sparkHost);
}

/** Reads the LLM base fields of a nodeParam (docs/nodes.md#llm-parameters), applying the documented defaults. */
export function llmConnectionFromParams(nodeParam: Record<string, unknown>): LlmConnection {
  const str = (key: string, fallback = '') =>
    typeof nodeParam[key] === 'string' ? (nodeParam[key] as string) : fallback;
  const num = (key: string, fallback: number) =>
    typeof nodeParam[key] === 'number' ? (nodeParam[key] as number) : fallback;
  const patch = nodeParam.patch_id;
  const extra = nodeParam.extraParams;
  return {
    source: str('source', 'xinghuo') === 'openai' ? 'openai' : 'xinghuo',
    url: str('url'),
    domain: str('domain'),
    appId: str('appId'),
    apiKey: str('apiKey'),
    apiSecret: str('apiSecret'),
    uid: str('uid'),
    patchId: Array.isArray(patch) ? patch.filter((p): p is string => typeof p === 'string') : [],
    temperature: num('temperature', 1.0),
    maxTokens: num('maxTokens', 2048),
    topK: num('topK', 3),
    searchDisable: nodeParam.searchDisable !== false,
    extraParams:
      extra && typeof extra === 'object' && !Array.isArray(extra)
        ? (extra as Record<string, unknown>)
        : {},
  };
}
