import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** Rows per statement: keeps a statement's parameters far below every driver's limit. */
const ROWS_PER_STATEMENT = 100;

/**
 * Inserts many rows (upserting on `conflictColumns` when given) as a few multi-row statements
 * built straight from the entity's columns. TypeORM's insert builder names, checks and copies
 * every parameter through dictionaries and regexes: for a batch of run records that cost more
 * CPU than the runs they record. Values still go through the driver's own conversion
 * (`preparePersistentValue`: column transformers, dates), so rows read back the same.
 * For tables whose columns have no defaults: a missing value is written as NULL.
 */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: readonly T[],
  conflictColumns: readonly (keyof T & string)[] = [],
): Promise<void> {
  const driver = manager.connection.driver;
  const metadata = manager.connection.getMetadata(target);
  const columns = metadata.columns.filter((column) => column.isInsert);
  const names = columns.map((column) => driver.escape(column.databaseName)).join(', ');
  const head = `INSERT INTO ${driver.escape(metadata.tableName)} (${names}) VALUES `;
  const tail = conflictColumns.length ? upsertClause(manager, columns, conflictColumns) : '';
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const slice = rows.slice(start, start + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    const tuples = slice.map((row) => {
      const marks = columns.map((column) => {
        params.push(driver.preparePersistentValue(row[column.propertyName], column) ?? null);
        return driver.createParameter(`p${params.length}`, params.length - 1);
      });
      return `(${marks.join(', ')})`;
    });
    await manager.query(head + tuples.join(', ') + tail, params);
  }
}

/** Every other column takes the new row's value when the conflict key exists. */
function upsertClause<T>(
  manager: EntityManager,
  columns: ColumnMetadata[],
  conflictColumns: readonly (keyof T & string)[],
): string {
  const driver = manager.connection.driver;
  const keys = columns.filter((column) => conflictColumns.includes(column.propertyName as never));
  const updated = columns.filter((column) => !keys.includes(column));
  const quoted = (column: ColumnMetadata) => driver.escape(column.databaseName);
  if (driver.supportedUpsertTypes.includes('on-conflict-do-update')) {
    const set = updated.map((column) => `${quoted(column)} = EXCLUDED.${quoted(column)}`);
    return ` ON CONFLICT (${keys.map(quoted).join(', ')}) DO UPDATE SET ${set.join(', ')}`;
  }
  const set = updated.map((column) => `${quoted(column)} = VALUES(${quoted(column)})`);
  return ` ON DUPLICATE KEY UPDATE ${set.join(', ')}`;
}
