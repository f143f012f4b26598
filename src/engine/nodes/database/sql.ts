import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';

// A statement as parts: SQL text written by the flow author (or generated), identifiers, and
// values that come from node inputs. Values never become SQL text unescaped: the remote service
// gets them as quoted PostgreSQL literals, the embedded mode as bound parameters
// (docs/nodes.md#database).

export type SqlValue = { readonly value: unknown };
/** a parenthesised value list (`IN (…)`) */
export type SqlList = { readonly list: readonly unknown[] };
export type SqlIdent = { readonly ident: string };
/** a string literal of the author with input values spliced in (`'%{{name}}%'`) */
export type SqlConcat = { readonly concat: readonly (string | SqlValue)[] };
export type SqlPart = string | SqlValue | SqlList | SqlIdent | SqlConcat;
export type Sql = readonly SqlPart[];

export type Dialect = 'postgres' | 'mysql';

export interface BoundSql {
  readonly text: string;
  readonly values: unknown[];
}

const SIMPLE_IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function generationError(detail: string): AppException {
  return new AppException(
    ErrorCode.PG_SQL_NODE_EXECUTION_ERROR,
    `Database DML statement generation failed: ${detail}`,
  );
}

/** Identifiers stay bare when plain (the service rewrites table names), else dialect-quoted. */
export function quoteIdent(name: string, dialect: Dialect): string {
  return name
    .split('.')
    .map((piece) => {
      if (SIMPLE_IDENT.test(piece)) return piece;
      if (!piece || piece.includes('\u0000')) throw generationError(`bad identifier "${name}"`);
      return dialect === 'mysql'
        ? `\`${piece.replace(/`/g, '``')}\``
        : `"${piece.replace(/"/g, '""')}"`;
    })
    .join('.');
}

/** Text form of a value spliced into a string literal: strings as is, others as JSON. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}

/** A PostgreSQL string literal (standard_conforming_strings: only `'` needs doubling). */
export function quoteString(text: string): string {
  if (text.includes('\u0000')) throw generationError('a value contains a NUL character');
  return `'${text.replace(/'/g, "''")}'`;
}

/** A PostgreSQL literal for one input value. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw generationError(`number ${value} has no SQL literal`);
    return String(value);
  }
  return quoteString(valueText(value));
}

function listItems(list: readonly unknown[]): unknown[] {
  if (list.length === 0) throw generationError('empty value list');
  return [...list];
}

/** The statement with every value inlined as a quoted PostgreSQL literal (remote service). */
export function inlineSql(sql: Sql): string {
  return sql
    .map((part) => {
      if (typeof part === 'string') return part;
      if ('ident' in part) return quoteIdent(part.ident, 'postgres');
      if ('list' in part) return `(${listItems(part.list).map(literal).join(', ')})`;
      if ('concat' in part) {
        return quoteString(
          part.concat.map((p) => (typeof p === 'string' ? p : valueText(p.value))).join(''),
        );
      }
      return literal(part.value);
    })
    .join('');
}

/** Parameter form of a value for the drivers: containers travel as JSON text. */
function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw generationError(`number ${value} has no SQL literal`);
  }
  if (typeof value === 'string' && value.includes('\u0000')) {
    throw generationError('a value contains a NUL character');
  }
  return value;
}

/** The statement with placeholders (`$n` / `?`) and its parameter values (embedded mode). */
export function boundSql(sql: Sql, dialect: Dialect): BoundSql {
  const values: unknown[] = [];
  const param = (value: unknown, asText = false): string => {
    values.push(asText ? valueText(value) : bindable(value));
    if (dialect === 'mysql') return '?';
    return asText ? `$${values.length}::text` : `$${values.length}`;
  };
  const text = sql
    .map((part) => {
      if (typeof part === 'string') return part;
      if ('ident' in part) return quoteIdent(part.ident, dialect);
      if ('list' in part)
        return `(${listItems(part.list)
          .map((v) => param(v))
          .join(', ')})`;
      if ('concat' in part) {
        const pieces = part.concat.map((p) =>
          typeof p === 'string' ? param(p, true) : param(p.value, true),
        );
        return dialect === 'mysql' ? `CONCAT(${pieces.join(', ')})` : `(${pieces.join(' || ')})`;
      }
      return param(part.value);
    })
    .join('');
  return { text, values };
}
