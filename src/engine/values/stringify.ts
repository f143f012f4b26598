// Stringification rules of the templates (docs/engine.md#templates).

/** JSON like Python's `json.dumps(ensure_ascii=False)`: `", "` and `": "` separators. */
export function displayJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(displayJson).join(', ')}]`;
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}: ${displayJson(v)}`);
    return `{${parts.join(', ')}}`;
  }
  return JSON.stringify(String(value));
}

/** Display rule: strings as-is, everything else display JSON. */
export function displayString(value: unknown): string {
  return typeof value === 'string' ? value : displayJson(value);
}

/** Compact JSON (`,`/`:` separators): end node variable mode content. */
export function compactJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}
