import { AppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';
import type { NodeDefinition } from '../dsl/dsl.types';
import { historyV2Settings } from './chat-history';
import type { LlmConnection } from './llm-provider';
import { llmConnectionFromParams } from './llm-provider-factory';

// The "LLM base" nodeParam shared by spark-llm, decision-making, extractor-parameter and
// question-answer (docs/nodes.md#llm-parameters), checked at build time.

export interface LlmBaseParams {
  connection: LlmConnection;
  template: string;
  systemTemplate: string;
  /** legacy per-node history (enableChatHistory) */
  nodeHistory: boolean;
  historyV2: { enabled: boolean; rounds: number };
}

export function invalid(def: NodeDefinition, detail: string): AppException {
  return new AppException(ErrorCode.ENG_NODE_PROTOCOL_VALIDATE_ERROR, `${def.id}: ${detail}`);
}

export function compileLlmBase(def: NodeDefinition): LlmBaseParams {
  const p = def.nodeParam;
  if (typeof p.domain !== 'string' || !p.domain) throw invalid(def, 'domain is required');
  if (p.temperature !== undefined) {
    const t = p.temperature;
    if (typeof t !== 'number' || !(t > 0 && t <= 1))
      throw invalid(def, 'temperature must be in (0, 1]');
  }
  if (p.maxTokens !== undefined && !(typeof p.maxTokens === 'number' && p.maxTokens > 0)) {
    throw invalid(def, 'maxTokens must be > 0');
  }
  for (const key of ['template', 'systemTemplate', 'url', 'appId', 'apiKey', 'apiSecret']) {
    if (p[key] !== undefined && p[key] !== null && typeof p[key] !== 'string') {
      throw invalid(def, `${key} must be a string`);
    }
  }
  return {
    connection: llmConnectionFromParams(p),
    template: typeof p.template === 'string' ? p.template : '',
    systemTemplate: typeof p.systemTemplate === 'string' ? p.systemTemplate : '',
    nodeHistory: p.enableChatHistory === true,
    historyV2: historyV2Settings(p),
  };
}

/** An optional string nodeParam. */
export function stringParam(def: NodeDefinition, key: string, fallback = ''): string {
  const value = def.nodeParam[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') throw invalid(def, `${key} must be a string`);
  return value;
}

/** An optional integer nodeParam within [min, max]. */
export function intParam(
  def: NodeDefinition,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = def.nodeParam[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(def, `${key} must be an integer in [${min}, ${max}]`);
  }
  return value;
}
