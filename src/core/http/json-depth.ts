/** Default nesting limit of request bodies: real DSLs (nested iterations included) stay far below. */
export const DEFAULT_JSON_MAX_DEPTH = 100;

/**
 * True when a JSON text nests arrays/objects deeper than `limit`. One linear scan without
 * recursion, run before the body is parsed, so a hostile body never reaches the recursive
 * walkers behind the parser (class-transformer, class-validator, the engine) and cannot
 * exhaust their stack. Brackets inside strings are skipped; a text that is not valid JSON
 * may be judged loosely here, the parser refuses it anyway.
 */
export function exceedsJsonDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
