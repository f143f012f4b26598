// Flow ids arrive as strings (path or body) and the reference reads them with Python's
// `int(flow_id)`: surrounding whitespace and a sign are accepted, anything else is not a number
// and fails as an unexpected error (the route's fallback code), not as "not found".

/**
 * The canonical decimal form of an id string (`" 007"` → `"7"`), or `undefined` when the text
 * is not an integer. Numbers that cannot name a row (negative, beyond 64 bits) stay numbers: the
 * repository simply finds nothing for them.
 */
export function parseFlowId(raw: string): string | undefined {
  const match = /^\s*([+-]?)(\d+)\s*$/.exec(raw);
  if (!match) return undefined;
  const digits = match[2].replace(/^0+(?=\d)/, '');
  return match[1] === '-' && digits !== '0' ? `-${digits}` : digits;
}

/** Thrown for an id that is not a number; the route answers with its fallback code. */
export class FlowIdNotNumericError extends Error {
  constructor(raw: string) {
    super(`invalid literal for int() with base 10: '${raw.slice(0, 64)}'`);
    this.name = 'FlowIdNotNumericError';
  }
}

/** `parseFlowId` for routes: a non-numeric id becomes the route's fallback error. */
export function requireNumericFlowId(raw: string): string {
  const id = parseFlowId(raw);
  if (id === undefined) throw new FlowIdNotNumericError(raw);
  return id;
}
