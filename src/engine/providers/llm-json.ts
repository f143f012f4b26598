// JSON extraction from model replies (docs/nodes.md#json-extraction).

const GREEDY_FENCE = /```(json)?([\s\S]*)```/;
const LAZY_JSON_FENCE = /```json\s*([\s\S]*?)```/;

/** The text inside the greedy ```(json)?…``` fence (or `pattern`), else the whole reply; trimmed. */
export function fencedText(reply: string, pattern?: string): string {
  const regex = pattern ? safeRegex(pattern) : GREEDY_FENCE;
  const match = regex?.exec(reply);
  if (!match) return reply.trim();
  const inner = match.length > 2 ? match[match.length - 1] : (match[1] ?? match[0]);
  return (inner ?? '').trim();
}

/**
 * spark-llm / decision-making parse: fence, repair raw control characters and quotes inside an
 * `"action_input": "…"` string, JSON.parse. Throws SyntaxError when it is not JSON.
 */
export function parseModelJson(reply: string, pattern?: string): unknown {
  return JSON.parse(repairActionInput(fencedText(reply, pattern)));
}

/** extractor-parameter parse: fence, JSON.parse (no repair). */
export function parseFencedJson(reply: string): unknown {
  return JSON.parse(fencedText(reply));
}

/** question-answer parse: the non-greedy ```json fence, else the whole reply. */
export function parseLazyJsonFence(reply: string): unknown {
  const match = LAZY_JSON_FENCE.exec(reply);
  return JSON.parse((match ? match[1] : reply).trim());
}

/** Escapes raw newlines, CRs, tabs and bare quotes inside the `action_input` string value. */
export function repairActionInput(text: string): string {
  const start = /"action_input"\s*:\s*"/.exec(text);
  if (!start) return text;
  const valueStart = start.index + start[0].length;
  const rest = text.slice(valueStart);
  const end = /"\s*}\s*$/.exec(rest) ?? /"\s*[,}]/.exec(rest);
  if (!end) return text;
  const value = rest.slice(0, end.index);
  const repaired = value
    .replace(/(?<!\\)"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return text.slice(0, valueStart) + repaired + rest.slice(end.index);
}

function safeRegex(pattern: string): RegExp | undefined {
  try {
    // Python's re.DOTALL semantics of the reference pattern: "." also matches newlines
    return new RegExp(pattern, 's');
  } catch {
    return undefined;
  }
}
