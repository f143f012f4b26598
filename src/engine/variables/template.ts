import { AppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';
import { pyStr } from '../values/py-str';
import { displayString } from '../values/stringify';
import { isPlainObject } from '../values/values';

// Template placeholders `{{X}}` and the three renderers (docs/engine.md#templates).

const CANDIDATE = /\{\{([A-Za-z0-9_.[\]-]+)\}\}/g;
const VALID = /^[A-Za-z0-9_-]+(\[-?\d+\])*(\.[A-Za-z0-9_-]+(\[-?\d+\])*)*$/;

export interface Placeholder {
  /** the text between the braces */
  readonly path: string;
  /** text before the first `[` or `.` */
  readonly root: string;
  readonly start: number;
  readonly end: number;
}

/** Syntactically valid placeholders in order of appearance. */
export function placeholders(template: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (const match of template.matchAll(CANDIDATE)) {
    const path = match[1];
    if (!VALID.test(path)) continue;
    const start = match.index ?? 0;
    found.push({ path, root: rootOf(path), start, end: start + match[0].length });
  }
  return found;
}

export function rootOf(path: string): string {
  const cut = path.search(/[[.]/);
  return cut < 0 ? path : path.slice(0, cut);
}

/** Anything with `has(name)`: the input-name map of a node works. */
export interface NameSet {
  has(name: string): boolean;
}

/** Signals that the placeholder must be replaced by its own path text (lookup failure). */
class LookupFailed extends Error {}

/**
 * The value of a placeholder path: root via `resolveRoot`, then plain key lookups and
 * non-negative `[i]` indexes. Index out of range → 20602; a failing key lookup → the path text.
 */
export function placeholderValue(path: string, resolveRoot: (root: string) => unknown): unknown {
  const segments = path.split('.');
  let value: unknown;
  segments.forEach((segment, i) => {
    const bracket = segment.indexOf('[');
    const key = bracket < 0 ? segment : segment.slice(0, bracket);
    if (i === 0) {
      try {
        value = resolveRoot(key);
      } catch {
        throw new LookupFailed();
      }
    } else if (isPlainObject(value)) {
      value = key in value ? value[key] : null;
    } else {
      throw new LookupFailed();
    }
    if (bracket >= 0) value = applyIndexes(path, value, segment.slice(bracket));
  });
  return value;
}

function applyIndexes(path: string, value: unknown, suffix: string): unknown {
  let current = value;
  for (const match of suffix.matchAll(/\[(-?\d+)\]/g)) {
    const index = Number(match[1]);
    if (index < 0) continue;
    if (typeof current === 'string' || Array.isArray(current)) {
      if (index >= current.length) throw parseError(path, 'list index out of range');
      current = current[index];
    } else {
      throw parseError(
        path,
        `${current === null ? 'NoneType' : typeof current} is not subscriptable`,
      );
    }
  }
  return current;
}

function parseError(path: string, reason: string): AppException {
  return new AppException(
    ErrorCode.VARIABLE_PARSE_ERROR,
    `Variable name: ${path} parsing failed, reason: ${reason}`,
  );
}

function render(
  template: string,
  inputNames: NameSet,
  resolveRoot: (root: string) => unknown,
  stringify: (value: unknown) => string,
): string {
  const found = placeholders(template);
  if (found.length === 0) return template;
  let out = '';
  let last = 0;
  for (const ph of found) {
    out += template.slice(last, ph.start);
    last = ph.end;
    if (!inputNames.has(ph.root)) {
      out += template.slice(ph.start, ph.end);
      continue;
    }
    try {
      out += stringify(placeholderValue(ph.path, resolveRoot));
    } catch (error) {
      if (!(error instanceof LookupFailed)) throw error;
      out += ph.path;
    }
  }
  return out + template.slice(last);
}

/** Renderer (a): display rule; unknown roots stay verbatim. */
export function renderDisplay(
  template: string,
  inputNames: NameSet,
  resolveRoot: (root: string) => unknown,
): string {
  return render(template, inputNames, resolveRoot, displayString);
}

/** Renderer (b): Python `str()` values; an empty value becomes a single space. */
export function renderPrompt(
  template: string,
  inputNames: NameSet,
  resolveRoot: (root: string) => unknown,
): string {
  return render(template, inputNames, resolveRoot, (value) => pyStr(value) || ' ');
}

export type TemplateUnit =
  | { readonly kind: 'constant'; readonly text: string }
  | { readonly kind: 'variable'; readonly path: string; readonly root: string };

/**
 * Renderer (c): split a template for streaming into constant and variable units. Placeholders
 * whose root is not an input stay constant text `{{X}}` (fix of the reference crash); those
 * whose input is a literal are rendered by the caller (`isLiteral`) as constants.
 */
export function streamingUnits(template: string, inputNames: NameSet): TemplateUnit[] {
  const units: TemplateUnit[] = [];
  let last = 0;
  let pending = '';
  for (const ph of placeholders(template)) {
    pending += template.slice(last, ph.start);
    last = ph.end;
    if (!inputNames.has(ph.root)) {
      pending += template.slice(ph.start, ph.end);
      continue;
    }
    units.push({ kind: 'constant', text: pending });
    pending = '';
    units.push({ kind: 'variable', path: ph.path, root: ph.root });
  }
  units.push({ kind: 'constant', text: pending + template.slice(last) });
  return units;
}
