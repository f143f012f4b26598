import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

// The five tables of docs/api.md#tables, written once for SQLite, PostgreSQL and MySQL/MariaDB
// through TypeORM's Table API; only the column types that differ are chosen per driver.

function dialect(queryRunner: QueryRunner) {
  const type = queryRunner.connection.options.type;
  const mysql = type === 'mysql' || type === 'mariadb';
  const postgres = type === 'postgres';
  return {
    longText: mysql ? 'mediumtext' : 'text',
    dateTime: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: postgres ? 'timestamp' : 'datetime',
      precision: mysql || postgres ? 3 : undefined,
      isNullable: nullable,
    }),
  };
}

const id = (): TableColumnOptions => ({ name: 'id', type: 'bigint', isPrimary: true });
const int = (name: string, def: number | null, nullable = false): TableColumnOptions => ({
  name,
  type: 'int',
  isNullable: nullable,
  default: def === null ? undefined : String(def),
});
const varchar = (
  name: string,
  length: number,
  nullable = false,
  def?: string,
): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
  default: def === undefined ? undefined : `'${def}'`,
});

export class InitialSchema1732400000000 implements MigrationInterface {
  name = 'InitialSchema1732400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'flow',
        columns: [
          id(),
          { name: 'group_id', type: 'bigint', default: '0' },
          varchar('name', 128),
          { name: 'data', type: d.longText, isNullable: true },
          { name: 'release_data', type: d.longText, isNullable: true },
          varchar('description', 1024, true),
          varchar('version', 128, false, ''),
          int('status', 0),
          int('release_status', 0, true),
          varchar('app_id', 255, true, ''),
          int('source', 0),
          int('tag', 0, true),
          { name: 'create_by', type: 'bigint', default: '0' },
          { name: 'update_by', type: 'bigint', isNullable: true },
          d.dateTime('create_at'),
          d.dateTime('update_at'),
        ],
        uniques: [{ name: 'uk_flow_group_version', columnNames: ['group_id', 'version'] }],
        indices: [{ name: 'idx_flow_name', columnNames: ['name'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'app',
        columns: [
          id(),
          varchar('name', 30),
          varchar('alias_id', 64),
          varchar('api_key', 50),
          varchar('api_secret', 50),
          varchar('description', 255, true),
          int('is_tenant', 0),
          int('source', 0),
          int('actual_source', 0),
          int('plat_release_auth', 0),
          int('status', 1),
          int('audit_policy', 0),
          { name: 'create_by', type: 'bigint', default: '0' },
          { name: 'update_by', type: 'bigint', isNullable: true },
          d.dateTime('create_at'),
          d.dateTime('update_at'),
        ],
        uniques: [{ name: 'uk_app_alias_id', columnNames: ['alias_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'app_source',
        columns: [
          id(),
          int('source', 0),
          varchar('source_id', 32),
          varchar('description', 16, true),
          d.dateTime('create_at'),
          d.dateTime('update_at'),
        ],
        indices: [{ name: 'idx_app_source_source_id', columnNames: ['source_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'license',
        columns: [
          id(),
          { name: 'app_id', type: 'bigint' },
          { name: 'group_id', type: 'bigint' },
          int('status', 1),
          d.dateTime('create_at'),
          d.dateTime('update_at'),
        ],
        uniques: [{ name: 'uk_license_app_group', columnNames: ['app_id', 'group_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'workflow_node_history',
        columns: [
          id(),
          varchar('node_id', 255),
          varchar('uid', 255),
          varchar('chat_id', 255, true),
          { name: 'raw_question', type: d.longText, isNullable: true },
          { name: 'raw_answer', type: d.longText, isNullable: true },
          d.dateTime('create_time'),
          varchar('flow_id', 255),
        ],
        indices: [{ name: 'idx_node_history_lookup', columnNames: ['flow_id', 'uid', 'node_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['workflow_node_history', 'license', 'app_source', 'app', 'flow']) {
      await queryRunner.dropTable(table, true);
    }
  }
}
