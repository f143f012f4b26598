import { AppException } from '../../core/errors/app.exception';
import { ErrorCodeEntry } from '../../core/errors/error-code';

// Flow ids arrive as strings (path or body) and the reference reads them with Python's
// `int(flow_id)`: a sign and leading zeros are accepted; anything else is not a number and fails
// as an unexpected error there, i.e. with the route's fallback code, not "not found". Unlike
// `int()`, surrounding whitespace is refused too: an id that only resolves once trimmed is
// a client bug (or a probe), not an id.

/**
 * The canonical decimal form of an id string (`"007"` → `"7"`), or `undefined` when the text
 * is not an integer. Numbers that cannot name a row (negative, beyond 64 bits) stay numbers: the
 * repository simply finds nothing for them.
 */
export function parseFlowId(raw: string): string | undefined {
  const match = /^([+-]?)(\d+)$/.exec(raw);
  if (!match) return undefined;
  const digits = match[2].replace(/^0+(?=\d)/, '');
  return match[1] === '-' && digits !== '0' ? `-${digits}` : digits;
}

/** `parseFlowId` for routes: a non-numeric id answers the route's fallback code. */
export function requireNumericFlowId(raw: string, routeFallback: ErrorCodeEntry): string {
  const id = parseFlowId(raw);
  if (id === undefined) throw new AppException(routeFallback);
  return id;
}
