import { zeroValue } from '../values/values';
import { pyStr } from '../values/py-str';

// Output schema fix-up of extractor-parameter and question-answer (docs/nodes.md#schema-fix-up).

export interface FieldSchema {
  type: string;
  description?: string;
  items?: FieldSchema;
  properties?: Record<string, FieldSchema>;
  default?: unknown;
}

export interface ObjectSchema {
  type: 'object';
  properties: Record<string, FieldSchema>;
  required: string[];
}

/** Required fields: missing → zero value, present → coerced to the declared type. */
export function fixUpRequired(
  values: Record<string, unknown>,
  schema: ObjectSchema,
): Record<string, unknown> {
  const fixed = { ...values };
  for (const name of schema.required) {
    const field = schema.properties[name];
    if (!field) continue;
    fixed[name] = name in values ? coerce(values[name], field) : zeroValue(field.type);
  }
  return fixed;
}

function coerce(value: unknown, field: FieldSchema): unknown {
  switch (field.type) {
    case 'integer': {
      const n = toNumber(value);
      return n === undefined ? 0 : Math.trunc(n);
    }
    case 'number':
      return toNumber(value) ?? 0;
    case 'string':
      return pyStr(value);
    case 'boolean':
      return typeof value === 'boolean' ? value : false;
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
    case 'array': {
      const list = Array.isArray(value) ? value : [value];
      return field.items ? list.map((item) => coerce(item, field.items!)) : list;
    }
    default:
      return value;
  }
}

/** Python float(): numbers, booleans, numeric strings; undefined when it would raise. */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}
