/**
 * A body DTO's fast path past class-validator. The global validation pipe (class-transformer,
 * then class-validator) costs more CPU than a small run itself; a hot route's DTO can name a
 * check that recognises the bodies it accepts as they are and builds the DTO from them. The
 * check answers undefined for anything else — invalid, unusual or merely unsure — and the full
 * pipe then decides, so errors and their messages are always class-validator's.
 */
export type FastBodyCheck = (body: unknown) => Record<string, unknown> | undefined;

const FAST_BODY = Symbol('fastBody');

type Constructed = new () => object;

/**
 * Class decorator: `check` returns the DTO's fields exactly as the full pipe would have set
 * them (defaults applied, unknown keys left out); the DTO is a new instance with those fields.
 */
export function FastBody(check: FastBodyCheck): ClassDecorator {
  return (target) => {
    Object.defineProperty(target, FAST_BODY, { value: check });
  };
}

/** The DTO built from `body` by its fast path, or undefined (no fast path, or not sure). */
export function fastBodyOf(metatype: unknown, body: unknown): object | undefined {
  const check = (metatype as { [FAST_BODY]?: FastBodyCheck } | undefined)?.[FAST_BODY];
  const fields = check?.(body);
  return fields && Object.assign(new (metatype as Constructed)(), fields);
}

/**
 * True when no key of a JSON value, at any depth, is one that class-transformer and the
 * validation pipe treat specially (`__proto__`, `constructor`, `toString`…: every name on
 * `Object.prototype`): a value that passes is copied by them as it is.
 */
export function hasPlainKeysOnly(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return true;
  // the body reader bounds nesting already; deeper than this is left to the full pipe
  if (depth > 64) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!hasPlainKeysOnly(item, depth + 1)) return false;
    return true;
  }
  for (const key in value) {
    if (key in Object.prototype) return false;
    if (!hasPlainKeysOnly((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}
