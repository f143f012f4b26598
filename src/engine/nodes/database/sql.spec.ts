import { customSql } from './custom-sql';
import { boundSql, inlineSql } from './sql';
import { checkStatement } from './statement-guard';

describe('database SQL rendering', () => {
  const inputs = { name: "o'neil ’x", ids: [1, 2], n: 3 };
  const sql = customSql(
    "SELECT * FROM t WHERE a = {{name}} AND b = '%{{name}}%' AND c IN {{ids}} AND d = {{n}} AND e = {{zz}}",
    inputs,
  );

  it('inlines quoted PostgreSQL literals', () => {
    expect(inlineSql(sql)).toBe(
      "SELECT * FROM t WHERE a = 'o''neil ’x' AND b = '%o''neil ’x%' AND c IN (1, 2) AND d = 3 AND e = {{zz}}",
    );
  });

  it('binds parameters per dialect', () => {
    expect(boundSql(sql, 'postgres')).toEqual({
      text: 'SELECT * FROM t WHERE a = $1 AND b = ($2::text || $3::text || $4::text) AND c IN ($5, $6) AND d = $7 AND e = {{zz}}',
      values: ["o'neil ’x", '%', "o'neil ’x", '%', 1, 2, 3],
    });
    expect(boundSql(sql, 'mysql').text).toBe(
      'SELECT * FROM t WHERE a = ? AND b = CONCAT(?, ?, ?) AND c IN (?, ?) AND d = ? AND e = {{zz}}',
    );
  });

  it('quotes odd identifiers and refuses NUL', () => {
    expect(inlineSql(['SELECT * FROM ', { ident: 'my "t"' }])).toBe('SELECT * FROM "my ""t"""');
    expect(boundSql([{ ident: 'a`b' }], 'mysql').text).toBe('`a``b`');
    expect(() => inlineSql([{ value: 'a\u0000' }])).toThrow();
  });

  it('allows one DML statement only', () => {
    expect(checkStatement(["SELECT ';' FROM t;"])).toBe('select');
    expect(checkStatement(['(select 1)'])).toBe('select');
    for (const bad of [
      'DROP TABLE t',
      'SELECT 1; SELECT 2',
      'SELECT * INTO x FROM t',
      'select 1 /* x */',
      'TRUNCATE t',
      "SELECT 'x",
    ]) {
      expect(() => checkStatement([bad])).toThrow(expect.objectContaining({ code: 21002 }));
    }
  });
});
