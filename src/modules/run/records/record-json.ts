// What a run record keeps of a node's inputs and outputs (docs/api.md#run-records): secrets
// redacted at any depth, and each field capped so one chatty node cannot bloat the table.

/** Largest JSON text kept per field (bytes of UTF-8). */
export const MAX_FIELD_BYTES = 16 * 1024;
/** How much of a capped field's JSON text is kept as a preview (characters). */
const PREVIEW_CHARS = 4 * 1024;
/** Deeper values are cut (frames are JSON, but a node may output anything). */
const MAX_DEPTH = 32;
export const REDACTED = '[redacted]';

/** Key names (lower case, `_`/`-` removed) that always hold a credential. */
const SECRET_KEYS = new Set(['authorization', 'token', 'secret', 'password', 'passwd', 'pwd']);
/** Endings of such names (`x_api_key`, `clientSecret`, `access_token`; not `max_tokens`). */
const SECRET_ENDINGS = [
  'apikey',
  'apisecret',
  'secret',
  'secretkey',
  'accesskey',
  'password',
  'token',
];

export function isSecretKey(key: string): boolean {
  const name = key.toLowerCase().replace(/[-_]/g, '');
  return SECRET_KEYS.has(name) || SECRET_ENDINGS.some((ending) => name.endsWith(ending));
}

/** A copy of `value` with the values of secret keys replaced, at any depth. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretKey(key) ? REDACTED : redactSecrets(item, depth + 1);
  }
  return out;
}

/** A capped field: what is left of a value whose JSON is over `MAX_FIELD_BYTES`. */
export interface TruncatedField {
  truncated: true;
  /** bytes of the full JSON text */
  size: number;
  /** its first characters */
  preview: string;
}

/** The value as a record keeps it: redacted, and replaced by a `TruncatedField` when too big. */
export function recordedJson(value: unknown): unknown {
  const redacted = redactSecrets(value ?? {});
  let text: string;
  try {
    text = JSON.stringify(redacted) ?? 'null';
  } catch {
    // not JSON (a BigInt, a cycle past the depth cut): keep what can be said of it
    return { truncated: true, size: 0, preview: String(value).slice(0, PREVIEW_CHARS) };
  }
  const size = Buffer.byteLength(text, 'utf8');
  if (size <= MAX_FIELD_BYTES) return redacted;
  const truncated: TruncatedField = {
    truncated: true,
    size,
    preview: text.slice(0, PREVIEW_CHARS),
  };
  return truncated;
}

/** Error messages are capped too (a failing node may quote a whole response). */
export function recordedMessage(message: string): string {
  return message.length > PREVIEW_CHARS ? `${message.slice(0, PREVIEW_CHARS)}…` : message;
}
