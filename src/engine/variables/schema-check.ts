import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { JsonSchema, NodeOutput } from '../dsl/dsl.types';

// Draft-07 validation of start parameters and node outputs (docs/engine.md#start-parameters, docs/engine.md#writing-outputs).
// Validators are compiled lazily, once per node, and cached.

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const cache = new WeakMap<readonly NodeOutput[], ValidateFunction | null>();

function objectSchema(outputs: readonly NodeOutput[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const output of outputs) properties[output.name] = sanitize(output.schema);
  const required = outputs.filter((o) => o.required).map((o) => o.name);
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

/** Drop keys ajv would reject as schema keywords with odd values (console UI extras). */
function sanitize(schema: JsonSchema): JsonSchema {
  const copy: JsonSchema = { ...schema };
  delete copy.value;
  if (copy.required !== undefined && !Array.isArray(copy.required)) delete copy.required;
  if (copy.properties && typeof copy.properties === 'object') {
    copy.properties = Object.fromEntries(
      Object.entries(copy.properties).map(([k, v]) => [k, sanitize(v ?? {})]),
    );
  }
  if (copy.items && typeof copy.items === 'object') copy.items = sanitize(copy.items);
  return copy;
}

/** identical output declarations (very common: `output: string`) share one validator */
const bySchemaText = new Map<string, ValidateFunction | null>();
const MAX_SHARED = 2000;

function validatorOf(outputs: readonly NodeOutput[]): ValidateFunction | null {
  let validate = cache.get(outputs);
  if (validate === undefined) {
    validate = outputs.length ? compileShared(objectSchema(outputs)) : null;
    cache.set(outputs, validate);
  }
  return validate;
}

function compileShared(schema: JsonSchema): ValidateFunction | null {
  const text = JSON.stringify(schema);
  let validate = bySchemaText.get(text);
  if (validate !== undefined) return validate;
  try {
    validate = ajv.compile(schema);
  } catch {
    validate = null; // a schema ajv cannot compile is not checked (the reference is lenient)
  }
  if (bySchemaText.size >= MAX_SHARED) bySchemaText.clear();
  bySchemaText.set(text, validate);
  return validate;
}

/** Validation messages in the reference's `Field: [...], Error: ...` form, or [] when valid. */
export function checkAgainstOutputs(
  outputs: readonly NodeOutput[],
  value: Record<string, unknown>,
): string[] {
  const validate = validatorOf(outputs);
  if (!validate || validate(value)) return [];
  return (validate.errors ?? []).map(describe);
}

function describe(error: ErrorObject): string {
  const path = error.schemaPath
    .replace(/^#\//, '')
    .split('/')
    .filter(Boolean)
    .map((p) => `'${p}'`);
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return `Field: ['required'], Error: 缺少必填字段: '${missing}'`;
  }
  if (error.keyword === 'type') {
    const expected = (error.params as { type: string }).type;
    return `Field: [${path.join(', ')}], Error: 字段类型错误, 期望类型: '${expected}'`;
  }
  return `Field: [${path.join(', ')}], Error: ${error.message ?? error.keyword}`;
}
