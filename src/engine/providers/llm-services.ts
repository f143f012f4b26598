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

export function llmProviderFactory(settings: LlmProviderSettings): LlmProviderFactory {
  return (connection) => createLlmProvider(connection, settings);
}
