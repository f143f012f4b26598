import { isPlainObject } from '../../values/values';

// The if-else comparison operators (docs/nodes.md#if-else), with the reference's Python semantics:
// booleans count as numbers, "falsy" is None/""/0/False/[]/{}, int vs float conversion of
// the expected value. A thrown CaseError makes the whole case "not matched".

export const COMPARE_OPERATORS = [
  'contains',
  'not_contains',
  'empty',
  'not_empty',
  'is',
  'is_not',
  'start_with',
  'end_with',
  'eq',
  'ne',
  'gt',
  'ge',
  'lt',
  'le',
  'null',
  'not_null',
] as const;

export type CompareOperator = (typeof COMPARE_OPERATORS)[number];

export class CaseError extends Error {}

/** `actualIsInteger`: the left operand's declared type is integer (or it is an integer value). */
export function compare(
  operator: CompareOperator,
  actual: unknown,
  expected: unknown,
  actualIsInteger: boolean,
): boolean {
  const a = actual === undefined ? null : actual;
  switch (operator) {
    case 'contains':
      if (a === '' && expected === '') return true;
      if (falsy(a)) return false;
      return membership(a, expected) ?? false;
    case 'not_contains': {
      if (a === '' && expected === '') return false;
      if (falsy(a)) return true;
      const member = membership(a, expected);
      return member === undefined ? false : !member;
    }
    case 'start_with':
    case 'end_with':
      if (falsy(a) || typeof a !== 'string') return false;
      if (typeof expected !== 'string') throw new CaseError('expected value must be a string');
      return operator === 'start_with' ? a.startsWith(expected) : a.endsWith(expected);
    case 'is':
    case 'is_not': {
      if (a === null) return false;
      if (isNumber(a))
        return numeric(operator === 'is' ? 'eq' : 'ne', a, expected, actualIsInteger);
      if (typeof a !== 'string') return false;
      return operator === 'is' ? a === expected : a !== expected;
    }
    case 'empty':
      return isEmpty(a);
    case 'not_empty':
      return !isEmpty(a);
    case 'eq':
    case 'ne':
      if (a === null) return false;
      if (typeof a === 'string') return operator === 'eq' ? a === expected : a !== expected;
      if (!isNumber(a)) return false;
      return numeric(operator, a, expected, actualIsInteger);
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      if (a === null || !isNumber(a)) return false;
      return numeric(operator, a, expected, actualIsInteger);
    case 'null':
      return a === null;
    case 'not_null':
      return a !== null;
  }
}

export function falsy(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === 0 || value === false) {
    return true;
  }
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.keys(value).length === 0;
  return false;
}

function isNumber(value: unknown): value is number | boolean {
  return typeof value === 'number' || typeof value === 'boolean';
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.keys(value).length === 0;
  if (typeof value === 'boolean') return value === false;
  if (typeof value === 'number') return value === 0;
  if (typeof value === 'string') return value.trim() === '';
  return false;
}

/** undefined when `a` is neither a string nor an array */
function membership(a: unknown, expected: unknown): boolean | undefined {
  if (typeof a === 'string') {
    if (typeof expected !== 'string') throw new CaseError("'in <string>' requires string operand");
    return a.includes(expected);
  }
  if (Array.isArray(a)) return a.some((item) => pyEquals(item, expected));
  return undefined;
}

/** Python `==` on JSON values: 1 == 1.0 == True, containers compared deeply. */
export function pyEquals(x: unknown, y: unknown): boolean {
  if (isNumber(x) && isNumber(y)) return Number(x) === Number(y);
  if (Array.isArray(x) && Array.isArray(y)) {
    return x.length === y.length && x.every((item, i) => pyEquals(item, y[i]));
  }
  if (isPlainObject(x) && isPlainObject(y)) {
    const keys = Object.keys(x);
    return (
      keys.length === Object.keys(y).length &&
      keys.every((key) => key in y && pyEquals(x[key], y[key]))
    );
  }
  return x === y;
}

function numeric(
  operator: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le',
  actual: number | boolean,
  expected: unknown,
  actualIsInteger: boolean,
): boolean {
  const a = Number(actual);
  const e = actualIsInteger || typeof actual === 'boolean' ? toInt(expected) : toFloat(expected);
  switch (operator) {
    case 'eq':
      return a === e;
    case 'ne':
      return a !== e;
    case 'gt':
      return a > e;
    case 'ge':
      return a >= e;
    case 'lt':
      return a < e;
    case 'le':
      return a <= e;
  }
}

/** Python `int(x)`: trunc numbers, parse integer strings; anything else fails the case. */
export function toInt(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return parseInt(value, 10);
  throw new CaseError(`invalid literal for int(): ${String(value)}`);
}

/** Python `float(x)` */
export function toFloat(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(text)) return Number(text);
    if (/^[-+]?(inf|infinity)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  }
  throw new CaseError(`could not convert to float: ${String(value)}`);
}
