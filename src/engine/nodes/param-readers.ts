import { genericBuildError } from '../dsl/build-errors';

// Small readers for nodeParam fields: a wrong type is a generic build error naming the field
// (the reference's pydantic validation, docs/engine.md#build-and-validation step 6).

type Params = Readonly<Record<string, unknown>>;

function wrong(id: string, key: string, expected: string): Error {
  return genericBuildError(`Node ${id} nodeParam.${key}: ${expected}`);
}

export function requiredInt(p: Params, id: string, key: string): number {
  const value = p[key];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw wrong(id, key, value === undefined ? 'field required' : 'must be an integer');
  }
  return value;
}

export function optionalInt(p: Params, id: string, key: string, fallback: number): number {
  return p[key] === undefined || p[key] === null ? fallback : requiredInt(p, id, key);
}

export function requiredString(p: Params, id: string, key: string): string {
  const value = p[key];
  if (typeof value !== 'string') {
    throw wrong(id, key, value === undefined ? 'field required' : 'must be a string');
  }
  return value;
}

export function optionalString(p: Params, id: string, key: string, fallback = ''): string {
  return p[key] === undefined || p[key] === null ? fallback : requiredString(p, id, key);
}

export function optionalBool(p: Params, id: string, key: string, fallback = false): boolean {
  const value = p[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw wrong(id, key, 'must be a boolean');
  return value;
}
