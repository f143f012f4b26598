import type { NodeOutput } from '../../dsl/dsl.types';
import { parseModelJson } from '../../providers/llm-json';
import { zeroValue } from '../../values/values';

export const REASONING_OUTPUT = 'REASONING_CONTENT';

/**
 * The outputs of an LLM node from its final text (docs/nodes.md#spark-llm step 5–6). Unlike the
 * reference, a parsed value that is falsy (0, false, "", [], {}) is kept: only a missing
 * value falls back to the declared default.
 */
export function llmOutputs(
  outputs: readonly NodeOutput[],
  respFormat: number,
  text: string,
  reasoning: string,
  pattern?: string,
): Record<string, unknown> {
  const parsed = respFormat === 2 ? parseJsonObject(text, pattern) : undefined;
  const values = parsed ?? textValues(outputs, respFormat, text, reasoning);
  return Object.fromEntries(
    outputs.map((o) => [o.name, o.name in values ? values[o.name] : declaredDefault(o)]),
  );
}

function textValues(
  outputs: readonly NodeOutput[],
  respFormat: number,
  text: string,
  reasoning: string,
): Record<string, unknown> {
  if (respFormat !== 1 && reasoning) {
    return Object.fromEntries(
      outputs.map((o) => [o.name, o.name === REASONING_OUTPUT ? reasoning : text]),
    );
  }
  const first = outputs.find((o) => o.name !== REASONING_OUTPUT) ?? outputs[0];
  return first ? { [first.name]: text } : {};
}

/** JSON mode: the object's keys map to outputs; a parse failure is `{}`; non-objects → text rule. */
function parseJsonObject(text: string, pattern?: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = parseModelJson(text, pattern);
  } catch {
    return {};
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}

export function declaredDefault(output: NodeOutput): unknown {
  return output.schema.default !== undefined
    ? output.schema.default
    : zeroValue(output.schema.type);
}
