// The value types of flow inputs and outputs and their JSON-schema fragments (docs/engine.md#the-dsl).

export type ValueType = 'string' | 'boolean' | 'integer' | 'number' | 'array' | 'object';

export const VALUE_TYPES: readonly ValueType[] = [
  'string',
  'boolean',
  'integer',
  'number',
  'array',
  'object',
];

/** A draft-07 fragment as it appears in `schema` of inputs and outputs. */
export interface JsonSchema {
  type?: string;
  default?: unknown;
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
  [keyword: string]: unknown;
}
