import type { CallLimit } from '../call-limit';

/** One history item as the knowledge service takes it. */
export interface KnowledgeHistoryItem {
  role: string;
  content: string;
  content_type: string;
}

/** The chunk-query request body (docs/nodes.md#knowledge-base). */
export interface ChunkQuery {
  query: string;
  topN: string;
  ragType: string;
  match: { repoId: string[]; docIds: unknown[]; flowId: string; threshold: number };
  history: KnowledgeHistoryItem[];
}

/** The knowledge service knowledge-base nodes call (engine service `knowledgeBase`). */
export interface KnowledgeBaseService {
  /** deadline of one call, before the node's retry budget */
  readonly timeoutMs: number;
  /** `data` of an accepted answer (`{query, count, results}`); refusals and failures are 20500 */
  query(request: ChunkQuery, limit: CallLimit): Promise<Record<string, unknown>>;
}

declare module '../../runtime/engine-services' {
  interface EngineServices {
    knowledgeBase: KnowledgeBaseService;
  }
}
