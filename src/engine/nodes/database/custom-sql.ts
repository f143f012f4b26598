import type { Sql, SqlPart, SqlValue } from './sql';

// Mode 0 (docs/nodes.md#database): `{{name}}` placeholders of the author's SQL become values of
// the same-named inputs. Outside quotes a placeholder is a value (a list for an array, for
// `IN {{ids}}`); `'{{name}}'` is that value as a string; inside a longer literal
// (`'%{{name}}%'`) the value is spliced in as text. Unknown names stay as written.

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

function splitPlaceholders(
  text: string,
  inputs: Readonly<Record<string, unknown>>,
): (string | SqlValue)[] {
  const pieces: (string | SqlValue)[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (!Object.hasOwn(inputs, match[1])) continue;
    pieces.push(text.slice(last, match.index));
    pieces.push({ value: inputs[match[1]] });
    last = match.index + match[0].length;
  }
  pieces.push(text.slice(last));
  return pieces.filter((p) => p !== '');
}

/** Length of the quoted token starting at `start` (`'…'`, `"…"` or `` `…` ``, doubled quotes). */
function quotedLength(sql: string, start: number): number {
  const quote = sql[start];
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1 - start;
    }
    i += 1;
  }
  return sql.length - start;
}

function unquote(token: string): string {
  return token.slice(1, -1).replace(/''/g, "'");
}

export function customSql(sql: string, inputs: Readonly<Record<string, unknown>>): Sql {
  const parts: SqlPart[] = [];
  let i = 0;
  let plainStart = 0;
  const flushPlain = (end: number) => {
    for (const piece of splitPlaceholders(sql.slice(plainStart, end), inputs)) {
      parts.push(
        typeof piece === 'string' || !Array.isArray(piece.value) ? piece : { list: piece.value },
      );
    }
  };
  while (i < sql.length) {
    const ch = sql[i];
    if (ch !== "'" && ch !== '"' && ch !== '`') {
      i += 1;
      continue;
    }
    const length = quotedLength(sql, i);
    const token = sql.slice(i, i + length);
    const pieces =
      ch === "'" && token.endsWith("'") && length > 1
        ? splitPlaceholders(unquote(token), inputs)
        : [];
    if (pieces.some((p) => typeof p !== 'string')) {
      flushPlain(i);
      parts.push({ concat: pieces });
      plainStart = i + length;
    }
    i += length;
  }
  flushPlain(sql.length);
  return parts;
}
