import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { Condition, DatabaseParams, WhereCase } from './database-params';
import type { Sql, SqlPart } from './sql';

// Statements of modes 1–4 (docs/nodes.md#database). Unlike the reference, a condition compares
// the value of the input named by `varIndex`, and `in` / `not in` take a list.

const ZERO: Record<string, string> = {
  string: "''",
  integer: '0',
  number: '0.0',
  boolean: 'FALSE',
};

const OPERATORS: Record<string, string> = {
  '=': '=',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  like: 'LIKE',
  'not like': 'NOT LIKE',
};

type Lookup = (name: string) => unknown;

function conditionSql(c: Condition, valueOf: Lookup): SqlPart[] {
  const field = { ident: c.fieldName };
  const zero = ZERO[c.fieldType];
  switch (c.selectCondition) {
    case 'null':
      return zero ? ['(', field, ' IS NULL OR ', field, ` = ${zero})`] : [field, ' IS NULL'];
    case 'not null':
      return zero
        ? ['(', field, ' IS NOT NULL AND ', field, ` != ${zero})`]
        : [field, ' IS NOT NULL'];
    case 'in':
    case 'not in': {
      const raw = valueOf(c.varIndex);
      const items = Array.isArray(raw) ? raw : [raw];
      // an empty list matches nothing (in) / everything (not in)
      if (items.length === 0) return [c.selectCondition === 'in' ? '1 = 0' : '1 = 1'];
      return [field, c.selectCondition === 'in' ? ' IN ' : ' NOT IN ', { list: items }];
    }
    case 'like':
    case 'not like': {
      const raw = valueOf(c.varIndex);
      const text = typeof raw === 'string' ? raw : JSON.stringify(raw ?? '');
      return [field, ` ${OPERATORS[c.selectCondition]} `, { value: `%${text}%` }];
    }
    default:
      return [field, ` ${OPERATORS[c.selectCondition]} `, { value: valueOf(c.varIndex) }];
  }
}

/** ` WHERE …` or nothing. */
export function whereSql(where: WhereCase | undefined, valueOf: Lookup): SqlPart[] {
  if (!where || where.conditions.length === 0) return [];
  const joiner = where.logicalOperator === 'or' ? ' OR ' : ' AND ';
  const parts: SqlPart[] = [' WHERE '];
  where.conditions.forEach((c, i) => {
    if (i > 0) parts.push(joiner);
    parts.push(...conditionSql(c, valueOf));
  });
  return parts;
}

function requireWhere(where: SqlPart[], what: string): SqlPart[] {
  if (where.length === 0) {
    throw new AppException(
      ErrorCode.PG_SQL_NODE_EXECUTION_ERROR,
      `Database DML statement generation failed: ${what} requires WHERE conditions`,
    );
  }
  return where;
}

function commaList(items: readonly SqlPart[]): SqlPart[] {
  return items.flatMap((item, i) => (i === 0 ? [item] : [', ', item]));
}

export function insertSql(table: string, row: Record<string, unknown>): Sql {
  const columns = Object.keys(row);
  return [
    'INSERT INTO ',
    { ident: table },
    ' (',
    ...commaList(columns.map((c) => ({ ident: c }))),
    ') VALUES (',
    ...commaList(columns.map((c) => ({ value: row[c] }))),
    ')',
  ];
}

export function updateSql(p: DatabaseParams, valueOf: Lookup): Sql {
  const sets = p.assignmentList.map((c): SqlPart[] => [{ ident: c }, ' = ', { value: valueOf(c) }]);
  return [
    'UPDATE ',
    { ident: p.tableName },
    ' SET ',
    ...sets.flatMap((s, i) => (i === 0 ? s : [', ', ...s])),
    ...requireWhere(whereSql(p.where, valueOf), 'UPDATE'),
  ];
}

export function selectSql(p: DatabaseParams, valueOf: Lookup): Sql {
  const columns: SqlPart[] = p.assignmentList.length
    ? commaList(p.assignmentList.map((c) => ({ ident: c })))
    : ['*'];
  const order: SqlPart[] = p.orderData.length
    ? [
        ' ORDER BY ',
        ...p.orderData.flatMap((o, i): SqlPart[] => [
          ...(i > 0 ? [', '] : []),
          { ident: o.fieldName },
          o.order === 'desc' ? ' DESC' : ' ASC',
        ]),
      ]
    : [];
  return [
    'SELECT ',
    ...columns,
    ' FROM ',
    { ident: p.tableName },
    ...whereSql(p.where, valueOf),
    ...order,
    ` LIMIT ${p.limit}`,
  ];
}

export function deleteSql(p: DatabaseParams, valueOf: Lookup): Sql {
  return [
    'DELETE FROM ',
    { ident: p.tableName },
    ...requireWhere(whereSql(p.where, valueOf), 'DELETE'),
  ];
}

/** Post-processing of modes 1 and 2: the row(s) written, read back. */
export function selectWhereSql(table: string, where: SqlPart[]): Sql {
  return ['SELECT * FROM ', { ident: table }, ...where];
}
