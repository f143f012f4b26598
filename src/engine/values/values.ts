import type { JsonSchema, ValueType } from './value-types';

// Value helpers shared by the pool, coercion and validation (docs/engine.md#variable-pool).

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The type zero value (docs/engine.md#variable-pool table); `null` for other/absent types. */
export function zeroValue(type: unknown): unknown {
  switch (type) {
    case 'string':
      return '';
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return null;
  }
}

/** An output's initial value: `schema.default` if present, else the zero value. */
export function initialValue(schema: JsonSchema): unknown {
  return 'default' in schema ? schema.default : zeroValue(schema.type);
}

/**
 * Does `value` already have the declared type (the literal check of docs/engine.md#literal-coercion, Python semantics:
 * integers admit booleans, numbers admit integers)?
 */
export function literalHasType(type: ValueType, value: unknown): boolean {
  return (type === 'integer' && typeof value === 'boolean') || jsonHasType(type, value);
}

/** Strict JSON-type check (booleans are not numbers; `number` admits integers). */
export function jsonHasType(type: unknown, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isPlainObject(value);
    default:
      return true;
  }
}

/** Copy containers so readers can never mutate shared defaults. */
export function detached<T>(value: T): T {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}
