import { isPlainObject } from '../../values/values';

// HTTP parts of a tool call assembled from the OpenAPI operation and the node's inputs
// (docs/nodes.md#plugin): header/query/path parameters and a JSON body. A parameter whose
// schema says `x-from: 1` ("business pass-through") reads the business inputs instead.

type Obj = Record<string, unknown>;

export interface RequestParts {
  readonly header: Obj;
  readonly query: Obj;
  readonly path: Obj;
  readonly body: Obj;
}

/**
 * For each business key, its value found by a breadth-first walk of the inputs (through
 * objects and arrays). Within one object the walk stops at the matching key without queueing
 * that object's later children; a later match elsewhere overwrites an earlier one, as in the
 * reference.
 */
export function businessInputs(inputs: Obj, keys: readonly string[]): Obj {
  const found: Obj = {};
  for (const key of keys) {
    const queue: unknown[] = [inputs];
    while (queue.length > 0) {
      const item = queue.shift();
      if (Array.isArray(item)) {
        for (const child of item)
          if (typeof child === 'object' && child !== null) queue.push(child);
      } else if (isPlainObject(item)) {
        for (const [name, value] of Object.entries(item)) {
          if (name === key) {
            found[key] = value;
            break;
          }
          if (typeof value === 'object' && value !== null) queue.push(value);
        }
      }
    }
  }
  return found;
}

function sourceOf(schema: unknown, action: Obj, business: Obj): Obj {
  return isPlainObject(schema) && schema['x-from'] === 1 ? business : action;
}

/** header/query/path from `parameters`: the input value if the key is present, else `schema.default` (or null). */
export function assembleParameters(
  operation: Obj,
  action: Obj,
  business: Obj,
): Pick<RequestParts, 'header' | 'query' | 'path'> {
  const parts = { header: {} as Obj, query: {} as Obj, path: {} as Obj };
  const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
  for (const parameter of parameters) {
    if (!isPlainObject(parameter)) continue;
    const where = parameter.in;
    if (where !== 'header' && where !== 'query' && where !== 'path') continue;
    const name = typeof parameter.name === 'string' ? parameter.name : 'unknown_field';
    const schema = isPlainObject(parameter.schema) ? parameter.schema : {};
    const source = sourceOf(schema, action, business);
    parts[where][name] = Object.hasOwn(source, name) ? source[name] : (schema.default ?? null);
  }
  return parts;
}

/**
 * Body from a JSON object schema: object properties recurse into the same-named sub-object
 * of the inputs (always present, possibly empty); other properties take the input value,
 * else their `default`, and are left out when both are null/absent.
 */
export function assembleBody(schema: unknown, action: Obj, business: Obj): Obj {
  const body: Obj = {};
  const properties =
    isPlainObject(schema) && isPlainObject(schema.properties) ? schema.properties : {};
  for (const [name, detail] of Object.entries(properties)) {
    const property = isPlainObject(detail) ? detail : {};
    if (property.type === 'object') {
      const nested = isPlainObject(action[name]) ? action[name] : {};
      body[name] = assembleBody(property, nested, business);
      continue;
    }
    const value = sourceOf(property, action, business)[name] ?? property.default ?? null;
    if (value !== null) body[name] = value;
  }
  return body;
}

/** The JSON request body schema of an operation (`requestBody.content["application/json"].schema`). */
export function jsonBodySchema(operation: Obj): unknown {
  const requestBody = isPlainObject(operation.requestBody) ? operation.requestBody : {};
  const content = isPlainObject(requestBody.content) ? requestBody.content : {};
  const json = isPlainObject(content['application/json']) ? content['application/json'] : {};
  return json.schema;
}

export function assembleRequest(
  operation: Obj,
  inputs: Obj,
  businessKeys: readonly string[],
): RequestParts {
  const business = businessInputs(inputs, businessKeys);
  return {
    ...assembleParameters(operation, inputs, business),
    body: assembleBody(jsonBodySchema(operation), inputs, business),
  };
}

/** base64 of ASCII-only JSON (non-ASCII as \u escapes, like the reference); undefined when empty. */
export function encodePart(part: Obj): string | undefined {
  if (Object.keys(part).length === 0) return undefined;
  const json = JSON.stringify(part).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return Buffer.from(json, 'ascii').toString('base64');
}
