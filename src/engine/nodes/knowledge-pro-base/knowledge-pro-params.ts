import type { NodeDefinition } from '../../dsl/dsl.types';
import { genericBuildError } from '../../dsl/build-errors';
import { optionalString, requiredInt, requiredString } from '../param-readers';

/** Compiled `nodeParam` of a knowledge-pro-base node (docs/nodes.md#knowledge-pro-base). */
export interface KnowledgeProParams {
  readonly url: string;
  readonly domain: string;
  readonly appId: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly temperature: number;
  readonly maxTokens: number;
  readonly topK: number;
  /** `DeepSearch` (ragType 1) or `LongRAG` (2) */
  readonly mode: string;
  /** `AIUI-RAG2` (repoType 1) or `CBG-RAG` (2) */
  readonly repoType: string;
  readonly repoIds: readonly string[];
  readonly docIds: readonly string[];
  readonly repoTopK: number;
  readonly answerRole: string;
  readonly score: number;
}

const MODES: Record<number, string> = { 1: 'DeepSearch', 2: 'LongRAG' };
const REPO_TYPES: Record<number, string> = { 1: 'AIUI-RAG2', 2: 'CBG-RAG' };
export const CBG_RAG = REPO_TYPES[2];

type Params = Readonly<Record<string, unknown>>;

function wrong(id: string, key: string, expected: string): Error {
  return genericBuildError(`Node ${id} nodeParam.${key}: ${expected}`);
}

function nonEmpty(p: Params, id: string, key: string): string {
  const value = requiredString(p, id, key);
  if (!value) throw wrong(id, key, 'must not be empty');
  return value;
}

function intIn(p: Params, id: string, key: string, min: number, max = Infinity): number {
  const value = requiredInt(p, id, key);
  if (value < min || value > max) {
    throw wrong(id, key, max === Infinity ? `must be ≥ ${min}` : `must be ${min}–${max}`);
  }
  return value;
}

function stringList(p: Params, id: string, key: string, required: boolean): string[] {
  const value = p[key] ?? (required ? undefined : []);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw wrong(id, key, value === undefined ? 'field required' : 'must be a list of strings');
  }
  return [...(value as string[])];
}

function choice(p: Params, id: string, key: string, names: Record<number, string>): string {
  const name = typeof p[key] === 'number' ? names[p[key]] : undefined;
  if (!name) throw wrong(id, key, 'must be 1 or 2');
  return name;
}

export function compileKnowledgeProParams(def: NodeDefinition): KnowledgeProParams {
  const p = def.nodeParam;
  const id = def.id;
  nonEmpty(p, id, 'model'); // informational, but required like in the reference
  const temperature = p.temperature;
  if (typeof temperature !== 'number' || !(temperature > 0 && temperature <= 1)) {
    throw wrong(id, 'temperature', 'must be a number in (0, 1]');
  }
  const score = p.score ?? 0.1;
  if (typeof score !== 'number' || !Number.isFinite(score))
    throw wrong(id, 'score', 'must be a number');
  const repoIds = stringList(p, id, 'repoIds', true);
  if (repoIds.length === 0) throw wrong(id, 'repoIds', 'must hold at least one id');
  return Object.freeze({
    url: nonEmpty(p, id, 'url'),
    domain: nonEmpty(p, id, 'domain'),
    appId: nonEmpty(p, id, 'appId'),
    apiKey: nonEmpty(p, id, 'apiKey'),
    apiSecret: nonEmpty(p, id, 'apiSecret'),
    temperature,
    maxTokens: intIn(p, id, 'maxTokens', 1),
    topK: intIn(p, id, 'topK', 1, 6),
    mode: choice(p, id, 'ragType', MODES),
    repoType: choice(p, id, 'repoType', REPO_TYPES),
    repoIds: Object.freeze(repoIds),
    docIds: Object.freeze(stringList(p, id, 'docIds', false)),
    repoTopK: intIn(p, id, 'repoTopK', 1, 5),
    answerRole: optionalString(p, id, 'answerRole', ''),
    score,
  });
}
