// better-sqlite3 reads 64-bit integers as JS numbers and loses digits of snowflake ids. Reader
// statements get safe integers (bigint) instead — except schema queries, which TypeORM's
// schema handling expects as plain numbers. Entities turn bigints back into strings/numbers.

interface Statement {
  reader: boolean;
  safeIntegers(on?: boolean): Statement;
}

interface Database {
  prepare(sql: string): Statement;
}

const SCHEMA_QUERY = /PRAGMA|sqlite_master|sqlite_sequence|sqlite_schema/i;

export function enableSafeIntegerReads(db: unknown): void {
  const database = db as Database;
  const prepare = database.prepare.bind(database);
  database.prepare = (sql: string) => {
    const statement = prepare(sql);
    if (statement.reader && !SCHEMA_QUERY.test(sql)) statement.safeIntegers(true);
    return statement;
  };
}
