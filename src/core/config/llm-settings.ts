import { readInt, readList, readUrl } from './config.schema';

/** LLM calls of the model nodes. */
export interface LlmSettings {
  requestTimeoutMs: number;
  /** base of Spark URLs for legacy domains when a node has no url */
  sparkHost: string;
  /** Spark domains that take an image (SYSTEM_IMAGE input) */
  imageDomains: string[];
  /** Spark "quick think": thinking off for these flows or apps on these models */
  quickThink: { flowIds: string[]; appIds: string[]; models: string[] };
}

export function readLlmSettings(env: Record<string, string | undefined>): LlmSettings {
  return {
    requestTimeoutMs: readInt(env, 'LLM_REQUEST_TIMEOUT_MS', 120000, 1),
    sparkHost: readUrl(env, 'SPARK_HOST', ['ws:', 'wss:']) ?? 'ws://spark-api.xf-yun.com',
    imageDomains: readList(env, 'SPARK_IMAGE_MODEL_DOMAIN', 'image,imagev3'),
    quickThink: {
      flowIds: readList(env, 'QUICKLY_THINK_FLOW_IDS', ''),
      appIds: readList(env, 'QUICKLY_THINK_APPS', ''),
      models: readList(env, 'QUICKLY_THINK_MODELS', ''),
    },
  };
}
