import { MigrationInterface, QueryRunner, Table } from 'typeorm';

// Paused-run checkpoints (beyond the reference: a paused run survives a restart).
export class RunCheckpoint1732500000000 implements MigrationInterface {
  name = 'RunCheckpoint1732500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const type = queryRunner.connection.options.type;
    const mysql = type === 'mysql' || type === 'mariadb';
    const postgres = type === 'postgres';
    const longText = mysql ? 'longtext' : 'text';
    const dateTime = postgres ? 'timestamp' : 'datetime';
    const precision = mysql || postgres ? 3 : undefined;
    await queryRunner.createTable(
      new Table({
        name: 'workflow_run_checkpoint',
        columns: [
          { name: 'event_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'event', type: longText },
          { name: 'state', type: longText },
          { name: 'expire_at', type: dateTime, precision },
          { name: 'update_time', type: dateTime, precision },
        ],
        indices: [{ name: 'idx_run_checkpoint_expire', columnNames: ['expire_at'] }],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('workflow_run_checkpoint', true);
  }
}
