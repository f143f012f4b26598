import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../core/config/database-url';
import { dataSourceOptions } from '../data-source-options';
import { WorkflowRunNodeEntity } from '../entities';
import { MIGRATIONS } from './index';
import { RunNodeRetries1732700000000 } from './1732700000000-RunNodeRetries';

// Upgrading a database that already holds run records: the node rows recorded before the
// retries columns read 0 retries and no retry error; going back drops the columns again.
describe('RunNodeRetries migration (SQLite in memory)', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    const options = dataSourceOptions(parseDatabaseUrl('sqlite::memory:'), false);
    const before = MIGRATIONS.filter((migration) => migration !== RunNodeRetries1732700000000);
    dataSource = new DataSource({ ...options, migrations: before });
    await dataSource.initialize();
    await dataSource.runMigrations();
  });
  afterAll(() => dataSource.destroy());

  /** the node table's columns that the migration is about */
  const retryColumns = async () => {
    const runner = dataSource.createQueryRunner();
    try {
      const table = await runner.getTable('workflow_run_node');
      return table!.columns.map((column) => column.name).filter((name) => name.startsWith('retr'));
    } finally {
      await runner.release();
    }
  };

  it('adds the columns; older rows read 0 retries and no retry error; down removes them', async () => {
    await dataSource.query(
      `INSERT INTO workflow_run_node (id, run_id, seq, node_id, node_type, alias_name, inputs,
        outputs, started_at, prompt_tokens, completion_tokens, total_tokens)
       VALUES ('n1', 'r1', 0, 'spark-llm::l', 'spark-llm', 'l', '{}', '{}', '2025-01-02 03:04:05.000', 0, 0, 0)`,
    );
    expect(await retryColumns()).toEqual([]);

    const runner = dataSource.createQueryRunner();
    try {
      await new RunNodeRetries1732700000000().up(runner);
      expect((await retryColumns()).sort()).toEqual([
        'retries',
        'retry_error_code',
        'retry_error_message',
      ]);
      const row = await dataSource
        .getRepository(WorkflowRunNodeEntity)
        .findOneByOrFail({ id: 'n1' });
      expect(row).toMatchObject({ retries: 0, retryErrorCode: null, retryErrorMessage: null });

      await new RunNodeRetries1732700000000().down(runner);
      expect(await retryColumns()).toEqual([]);
      expect(await dataSource.query('SELECT id FROM workflow_run_node')).toEqual([{ id: 'n1' }]);
    } finally {
      await runner.release();
    }
  });
});
