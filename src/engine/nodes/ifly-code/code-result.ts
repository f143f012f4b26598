import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { NodeOutput } from '../../dsl/dsl.types';
import { isPlainObject, jsonHasType } from '../../values/values';

// Result parsing and typed output checks of the code node (docs/nodes.md#ifly-code).

/** Python's isinstance semantics: booleans are integers (and so numbers); else strict JSON. */
function hasDeclaredType(type: unknown, value: unknown): boolean {
  if (typeof value === 'boolean' && (type === 'integer' || type === 'number')) return true;
  return jsonHasType(type, value);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * The result object: the parsed JSON object; otherwise everything goes to the first declared
 * output — the parsed value when it has that output's type (a list for an array output),
 * else the whole text (the reference's rule for text that is not JSON).
 */
export function resultObject(
  text: string,
  outputs: readonly NodeOutput[],
): Record<string, unknown> {
  const parsed = parseJson(text);
  if (parsed.ok && isPlainObject(parsed.value)) return parsed.value;
  const first = outputs[0];
  if (!first) return {};
  const value = parsed.ok && hasDeclaredType(first.schema.type, parsed.value) ? parsed.value : text;
  return { [first.name]: value };
}

/**
 * The declared outputs present in the result, each checked against its declared type
 * (21602); absent outputs keep their declared defaults in the pool.
 */
export function checkedOutputs(
  result: Record<string, unknown>,
  outputs: readonly NodeOutput[],
): Record<string, unknown> {
  const checked: Record<string, unknown> = {};
  for (const output of outputs) {
    if (!(output.name in result)) continue;
    const value = result[output.name];
    if (!hasDeclaredType(output.schema.type, value)) {
      throw new AppException(
        ErrorCode.CODE_NODE_RESULT_TYPE_ERROR,
        `Code return type is not ${String(output.schema.type)}, please check the type!`,
      );
    }
    checked[output.name] = value;
  }
  return checked;
}
