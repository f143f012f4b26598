import type { FlowEntity } from '../../database/entities';

// The `/protocol/get` payload (docs/api.md#get-flow): the whole row as JSON text, indented by two
// spaces with `": "` separators, `id`/`group_id` as bare integers with every digit exact, and
// datetimes in ISO-8601 without a zone. JSON.stringify cannot print a 64-bit integer without
// quoting or rounding it, so this small printer writes the text itself.

/** An integer literal written verbatim (a 64-bit id held as a decimal string). */
export class JsonInteger {
  constructor(readonly digits: string) {
    if (!/^-?\d+$/.test(digits)) throw new Error(`not an integer literal: ${digits}`);
  }
}

export type PrettyValue =
  | JsonInteger
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly PrettyValue[]
  | { readonly [key: string]: PrettyValue };

/** Pretty JSON with two-space indentation; non-ASCII stays raw, as the reference prints it. */
export function prettyJson(value: PrettyValue, depth = 0): string {
  if (value instanceof JsonInteger) return value.digits;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  const inner = '  '.repeat(depth + 1);
  const outer = '  '.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item: PrettyValue) => inner + prettyJson(item, depth + 1));
    return `[\n${items.join(',\n')}\n${outer}]`;
  }
  const entries = Object.entries(value as { [key: string]: PrettyValue });
  if (entries.length === 0) return '{}';
  const fields = entries.map(
    ([key, item]) => `${inner}${JSON.stringify(key)}: ${prettyJson(item, depth + 1)}`,
  );
  return `{\n${fields.join(',\n')}\n${outer}}`;
}

/**
 * `2025-01-02T03:04:05`, with `.ffffff` only when there are fractional seconds (the way Python
 * prints a naive datetime). Stored times are UTC.
 */
export function isoWithoutZone(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : null;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const text =
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const ms = date.getUTCMilliseconds();
  return ms === 0 ? text : `${text}.${pad(ms, 3)}000`;
}

/** The row as the reference serialises it, keys in the reference's order. */
export function flowRowJson(row: FlowEntity): string {
  return prettyJson({
    id: new JsonInteger(row.id),
    group_id: new JsonInteger(row.groupId),
    name: row.name,
    data: row.data as PrettyValue,
    release_data: row.releaseData as PrettyValue,
    description: row.description,
    version: row.version,
    status: row.status,
    release_status: row.releaseStatus,
    app_id: row.appId,
    source: row.source,
    create_at: isoWithoutZone(row.createAt),
    tag: row.tag,
    update_at: isoWithoutZone(row.updateAt),
  });
}
