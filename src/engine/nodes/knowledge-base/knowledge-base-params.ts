import type { NodeDefinition } from '../../dsl/dsl.types';
import { genericBuildError } from '../../dsl/build-errors';
import { historyV2Settings } from '../../providers/chat-history';
import { optionalString } from '../param-readers';

/** Compiled `nodeParam` of a knowledge-base node (docs/nodes.md#knowledge-base). */
export interface KnowledgeBaseParams {
  readonly repoId: readonly string[];
  readonly docIds: readonly unknown[];
  /** sent as a string, as the console stores it */
  readonly topN: string;
  /** `AIUI-RAG2`, `CBG-RAG`, `SparkDesk-RAG`, `Ragflow-RAG` (passed through) */
  readonly ragType: string;
  readonly score: number;
  readonly flowId: string;
  /** send the request's chat history (enableChatHistoryV2.isEnabled) */
  readonly sendHistory: boolean;
}

function wrong(id: string, key: string, expected: string): Error {
  return genericBuildError(`Node ${id} nodeParam.${key}: ${expected}`);
}

export function compileKnowledgeBaseParams(def: NodeDefinition): KnowledgeBaseParams {
  const p = def.nodeParam;
  const repoId = p.repoId;
  if (!Array.isArray(repoId) || !repoId.every((r) => typeof r === 'string')) {
    throw wrong(
      def.id,
      'repoId',
      repoId === undefined ? 'field required' : 'must be a list of strings',
    );
  }
  const docIds = p.docIds ?? [];
  if (!Array.isArray(docIds)) throw wrong(def.id, 'docIds', 'must be a list');
  // the console stores topN as a string ("3"); a number is accepted and sent the same way
  const topN = p.topN ?? '5';
  if ((typeof topN !== 'string' && typeof topN !== 'number') || String(topN) === '') {
    throw wrong(def.id, 'topN', 'must be a non-empty string');
  }
  const score = p.score ?? 0.1;
  if (typeof score !== 'number' || !Number.isFinite(score)) {
    throw wrong(def.id, 'score', 'must be a number');
  }
  return Object.freeze({
    repoId: Object.freeze([...(repoId as string[])]),
    docIds: Object.freeze([...docIds]),
    topN: String(topN),
    ragType: optionalString(p, def.id, 'ragType', 'AIUI-RAG2') || 'AIUI-RAG2',
    score,
    flowId: optionalString(p, def.id, 'flowId', ''),
    sendHistory: historyV2Settings(p).enabled,
  });
}
