import type { ValueType } from './value-types';
import { parseLiteral } from './literal';
import { literalHasType } from './values';

// Literal inputs are coerced to their declared type at build (docs/engine.md#literal-coercion).

export class LiteralCoercionError extends Error {}

export function coerceLiteral(name: string, type: ValueType, value: unknown): unknown {
  if (literalHasType(type, value)) return value;
  if (type === 'boolean') return !(value === 'false' || value === 'False');
  if (typeof value === 'string') {
    try {
      return parseLiteral(value);
    } catch {
      // fall through to the documented error text
    }
  }
  throw new LiteralCoercionError(
    `Failed to convert literal value ${name} to type ${type}, literal value: ${literalText(value)}`,
  );
}

function literalText(value: unknown): string {
  // a missing literal reads as the reference's `None`, not as JavaScript's `undefined`
  if (value === undefined) return 'None';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
