import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

// Run records for operators (beyond the reference: docs/api.md#run-records): one row per run,
// one per node execution; swept after RUN_RETENTION_DAYS.
export class RunRecords1732600000000 implements MigrationInterface {
  name = 'RunRecords1732600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const type = queryRunner.connection.options.type;
    const mysql = type === 'mysql' || type === 'mariadb';
    const postgres = type === 'postgres';
    // capped at 16 KiB of JSON per field, but a message or a few fields may exceed 64 KiB
    const longText = mysql ? 'mediumtext' : 'text';
    const dateTime = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: postgres ? 'timestamp' : 'datetime',
      precision: mysql || postgres ? 3 : undefined,
      isNullable: nullable,
    });
    const varchar = (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    const int = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'int',
      isNullable: nullable,
    });
    const tokens = [int('prompt_tokens'), int('completion_tokens'), int('total_tokens')];
    const error = [
      int('error_code', true),
      { name: 'error_message', type: longText, isNullable: true },
    ];
    await queryRunner.createTable(
      new Table({
        name: 'workflow_run',
        columns: [
          { ...varchar('run_id', 64), isPrimary: true },
          varchar('parent_run_id', 64, true),
          varchar('sid', 64, true),
          varchar('flow_id', 64),
          varchar('version', 128),
          varchar('app_id', 255),
          varchar('uid', 255),
          varchar('chat_id', 255),
          varchar('mode', 16),
          varchar('status', 16),
          dateTime('started_at'),
          dateTime('updated_at'),
          dateTime('finished_at', true),
          ...tokens,
          ...error,
        ],
        indices: [
          { name: 'idx_workflow_run_app_started', columnNames: ['app_id', 'started_at'] },
          { name: 'idx_workflow_run_flow', columnNames: ['flow_id'] },
          { name: 'idx_workflow_run_status', columnNames: ['status'] },
          // the retention sweep and the unfiltered newest-first listing
          { name: 'idx_workflow_run_started', columnNames: ['started_at'] },
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'workflow_run_node',
        columns: [
          { ...varchar('id', 40), isPrimary: true },
          varchar('run_id', 64),
          int('seq'),
          varchar('node_id', 255),
          varchar('node_type', 64),
          varchar('alias_name', 255),
          { name: 'inputs', type: longText },
          { name: 'outputs', type: longText },
          dateTime('started_at'),
          dateTime('finished_at', true),
          int('duration_ms', true),
          ...tokens,
          ...error,
        ],
        indices: [
          { name: 'idx_workflow_run_node_run', columnNames: ['run_id', 'started_at', 'seq'] },
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('workflow_run_node', true);
    await queryRunner.dropTable('workflow_run', true);
  }
}
