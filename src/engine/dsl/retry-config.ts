import type { NodeDefinition, RetryPolicy } from './dsl.types';
import { displayJson } from '../values/stringify';
import { initialValue, isPlainObject, jsonHasType } from '../values/values';
import { genericBuildError, nodeProtocolError } from './build-errors';

// retryConfig (docs/engine.md#retryconfig, docs/engine.md#fallback-outputs): camelCase keys first, snake_case as fallback.

function pick(config: Readonly<Record<string, unknown>>, camel: string, snake: string): unknown {
  return config[camel] !== undefined ? config[camel] : config[snake];
}

export function retryPolicyOf(
  def: NodeDefinition,
  group: 'stream' | 'non-stream' | undefined,
): RetryPolicy {
  const config = def.retryConfig;
  const timeout = Number(pick(config, 'timeout', 'timeout') ?? 60);
  const shouldRetry = pick(config, 'shouldRetry', 'should_retry') === true;
  const maxRetries = Math.max(
    0,
    Math.trunc(Number(pick(config, 'maxRetries', 'max_retries') ?? 0)),
  );
  const strategyRaw = Number(pick(config, 'errorStrategy', 'error_strategy') ?? 0);
  const strategy = strategyRaw === 1 || strategyRaw === 2 ? strategyRaw : 0;
  const customOutput = fallbackOutput(def, pick(config, 'customOutput', 'custom_output'));
  return {
    enabled: shouldRetry && group !== undefined,
    group: group ?? null,
    timeoutMs: (Number.isFinite(timeout) && timeout > 0 ? timeout : 60) * 1000,
    maxRetries: Number.isFinite(maxRetries) ? maxRetries : 0,
    strategy,
    customOutput,
  };
}

/** The given customOutput, checked, or one derived from the declared outputs (docs/engine.md#fallback-outputs). */
function fallbackOutput(def: NodeDefinition, given: unknown): Record<string, unknown> {
  let custom = given;
  if (typeof custom === 'string' && custom.trim()) {
    try {
      custom = JSON.parse(custom);
    } catch {
      throw nodeProtocolError(`Node set output content: ${custom} does not match format`);
    }
  }
  const derived: Record<string, unknown> = {};
  for (const output of def.outputs) {
    if (output.schema.type === undefined && !('default' in output.schema)) {
      throw genericBuildError(
        `Node ${def.id} output ${output.name} has neither a schema type nor a default`,
      );
    }
    derived[output.name] = initialValue(output.schema);
  }
  if (!isPlainObject(custom) || Object.keys(custom).length === 0) return derived;
  const invalid = () =>
    nodeProtocolError(`Node set output content: ${displayJson(custom)} does not match format`);
  const declared = new Map(def.outputs.map((o) => [o.name, o]));
  for (const [key, value] of Object.entries(custom)) {
    const output = declared.get(key);
    if (!output || !valueMatches(output.schema.type, output.schema.items?.type, value)) {
      throw invalid();
    }
  }
  for (const output of def.outputs) {
    if (!(output.name in custom) && !('default' in output.schema)) throw invalid();
  }
  return { ...custom };
}

function valueMatches(type: unknown, itemType: unknown, value: unknown): boolean {
  if (type === undefined) return true;
  if (!jsonHasType(type, value)) return false;
  if (type === 'array' && itemType !== undefined && Array.isArray(value)) {
    return value.every((item) => jsonHasType(itemType, item));
  }
  return true;
}
