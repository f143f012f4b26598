import type { LlmConnection, LlmProvider } from './llm-provider';
import { createLlmProvider, LlmProviderSettings } from './llm-provider-factory';
import type { NodeHistoryStore } from './node-history';

/** Makes the provider for a node's connection settings. */
export type LlmProviderFactory = (connection: LlmConnection) => LlmProvider;

declare module '../runtime/engine-services' {
  interface EngineServices {
    /** model providers for spark-llm, decision-making, extractor-parameter, question-answer */
    llm: LlmProviderFactory;
    /** persisted per-node chat history (enableChatHistory) */
    nodeHistory: NodeHistoryStore;
  }
}

const CACHED_PROVIDERS = 256;

/**
 * Providers are stateless per call, so one per distinct connection is reused (an OpenAI
 * client keeps its HTTP agent); the oldest entry goes when the cache is full.
 */
export function llmProviderFactory(settings: LlmProviderSettings): LlmProviderFactory {
  const cache = new Map<string, LlmProvider>();
  return (connection) => {
    const key = JSON.stringify(connection);
    let provider = cache.get(key);
    if (!provider) {
      provider = createLlmProvider(connection, settings);
      if (cache.size >= CACHED_PROVIDERS) cache.delete(cache.keys().next().value!);
      cache.set(key, provider);
    }
    return provider;
  };
}
