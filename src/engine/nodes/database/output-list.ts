import type { NodeOutput } from '../../dsl/dsl.types';

// `outputList` of modes 0–2 (docs/nodes.md#database): rows projected onto the declared item's
// `required` keys, a missing key taking its type's zero value.

const ZERO: Record<string, unknown> = {
  string: '',
  integer: 0,
  number: 0.0,
  boolean: false,
  array: [],
  object: {},
};

interface ItemSchema {
  required?: unknown;
  properties?: Record<string, { type?: unknown }>;
}

export function projectRows(
  rows: readonly Record<string, unknown>[],
  output: NodeOutput | undefined,
  keepWhenUndeclared: boolean,
): Record<string, unknown>[] {
  const items = (output?.schema as { items?: ItemSchema } | undefined)?.items;
  const required = Array.isArray(items?.required)
    ? items.required.filter((k): k is string => typeof k === 'string')
    : [];
  if (required.length === 0) return keepWhenUndeclared ? [...rows] : [];
  const properties = items?.properties ?? {};
  return rows.map((row) =>
    Object.fromEntries(
      required.map((key) => {
        const zero = ZERO[String(properties[key]?.type)] ?? null;
        return [key, Object.hasOwn(row, key) ? row[key] : zero];
      }),
    ),
  );
}
