import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { Sql } from './sql';

// Embedded mode allow-list (docs/nodes.md#database-embedded-mode): one DML statement
// (SELECT / INSERT / UPDATE / DELETE), no comments, no `SELECT … INTO`, no second statement.
// Quoted text is skipped, so a `;` or keyword inside a literal is harmless. The operator should
// still connect with a user that holds DML rights only: a SELECT may call functions.

export type StatementKind = 'select' | 'insert' | 'update' | 'delete';

const ALLOWED = new Set<StatementKind>(['select', 'insert', 'update', 'delete']);

function refuse(detail: string): AppException {
  return new AppException(ErrorCode.PG_SQL_PARAM_ERROR, `Statement refused: ${detail}`);
}

/** The SQL text outside quotes, values replaced by `?`. */
function skeleton(sql: Sql): string {
  const text = sql
    .map((p) => (typeof p === 'string' ? p : typeof p === 'object' && 'ident' in p ? 'x' : '?'))
    .join('');
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < text.length) {
        if (text[j] === ch && text[j + 1] === ch) j += 2;
        else if (text[j] === '\\' && ch !== '"')
          j += 2; // MySQL escapes: never end early
        else if (text[j] === ch) break;
        else j += 1;
      }
      if (j >= text.length) throw refuse('unterminated quoted text');
      out += ' ? ';
      i = j + 1;
      continue;
    }
    if ((ch === '-' && text[i + 1] === '-') || (ch === '/' && text[i + 1] === '*') || ch === '#') {
      throw refuse('comments are not allowed');
    }
    if (ch === '$') throw refuse('dollar quoting and positional parameters are not allowed');
    out += ch;
    i += 1;
  }
  return out;
}

export function checkStatement(sql: Sql): StatementKind {
  const text = skeleton(sql).trim().replace(/;\s*$/, '');
  if (text.includes(';')) throw refuse('only one statement is allowed');
  const first = /^[\s(]*([A-Za-z]+)/.exec(text)?.[1]?.toLowerCase() ?? '';
  if (!ALLOWED.has(first as StatementKind)) {
    throw refuse(
      `only SELECT, INSERT, UPDATE and DELETE are allowed, got "${first || text.slice(0, 20)}"`,
    );
  }
  if (first === 'select' && /\binto\b/i.test(text)) throw refuse('SELECT … INTO is not allowed');
  return first as StatementKind;
}

/** The statement without its trailing `;` (drivers run exactly one statement). */
export function withoutTerminator(sql: Sql): Sql {
  const parts = [...sql];
  const last = parts[parts.length - 1];
  if (typeof last === 'string') parts[parts.length - 1] = last.replace(/;\s*$/, '');
  return parts;
}
