import type { LlmConnection, LlmProvider } from './llm-provider';
import {
  createLlmProvider,
  DEFAULT_LLM_PROVIDER_SETTINGS,
  LlmProviderSettings,
} from './llm-provider-factory';
import type { NodeHistoryStore } from './node-history';

/** Who runs a model call: the run's flow and app (Spark "quick think" lists, docs/nodes.md#spark-websocket). */
export interface LlmCaller {
  flowId: string;
  appId: string;
}

/** The model access of the model-backed nodes. */
export interface LlmService {
  /** the provider for a node's connection, as called from this run */
  provider(connection: LlmConnection, caller?: LlmCaller): LlmProvider;
  /** Spark domains that take an image (SPARK_IMAGE_MODEL_DOMAIN) */
  readonly imageDomains: readonly string[];
}

export interface LlmServiceSettings extends LlmProviderSettings {
  imageDomains: readonly string[];
  /** thinking off when the flow or the app is listed and the domain is one of `models` */
  quickThink: { flowIds: readonly string[]; appIds: readonly string[]; models: readonly string[] };
}

declare module '../runtime/engine-services' {
  interface EngineServices {
    /** model providers for spark-llm, decision-making, extractor-parameter, question-answer */
    llm: LlmService;
    /** persisted per-node chat history (enableChatHistory) */
    nodeHistory: NodeHistoryStore;
  }
}

export const DEFAULT_LLM_SERVICE_SETTINGS: LlmServiceSettings = {
  ...DEFAULT_LLM_PROVIDER_SETTINGS,
  imageDomains: ['image', 'imagev3'],
  quickThink: { flowIds: [], appIds: [], models: [] },
};

const CACHED_PROVIDERS = 256;

/**
 * Providers are stateless per call, so one per distinct connection is reused (an OpenAI
 * client keeps its HTTP agent); the oldest entry goes when the cache is full.
 */
export function createLlmService(
  settings: LlmServiceSettings = DEFAULT_LLM_SERVICE_SETTINGS,
): LlmService {
  const cache = new Map<string, LlmProvider>();
  const { flowIds, appIds, models } = settings.quickThink;
  return {
    imageDomains: settings.imageDomains,
    provider(connection, caller) {
      const quick =
        connection.source === 'xinghuo' &&
        models.includes(connection.domain) &&
        !!caller &&
        (flowIds.includes(caller.flowId) || appIds.includes(caller.appId));
      const effective = quick ? { ...connection, disableThinking: true } : connection;
      const key = JSON.stringify(effective);
      let provider = cache.get(key);
      if (!provider) {
        provider = createLlmProvider(effective, settings);
        if (cache.size >= CACHED_PROVIDERS) cache.delete(cache.keys().next().value!);
        cache.set(key, provider);
      }
      return provider;
    },
  };
}
