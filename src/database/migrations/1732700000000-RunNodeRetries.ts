import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// Retries in the node trace of run records (docs/api.md#run-records): how many attempts a node
// made after its first, and the error of its last failed attempt. Existing rows read 0 / null.
export class RunNodeRetries1732700000000 implements MigrationInterface {
  name = 'RunNodeRetries1732700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const type = queryRunner.connection.options.type;
    const mysql = type === 'mysql' || type === 'mariadb';
    await queryRunner.addColumns('workflow_run_node', [
      new TableColumn({ name: 'retries', type: 'int', default: 0 }),
      new TableColumn({ name: 'retry_error_code', type: 'int', isNullable: true }),
      // like error_message (capped at 4096 characters when recorded)
      new TableColumn({
        name: 'retry_error_message',
        type: mysql ? 'mediumtext' : 'text',
        isNullable: true,
      }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('workflow_run_node', [
      'retry_error_message',
      'retry_error_code',
      'retries',
    ]);
  }
}
