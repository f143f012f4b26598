import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../core/config/database-url';
import { dataSourceOptions } from '../data-source-options';
import { CheckpointEvent, RunCheckpointRepository } from './run-checkpoint.repository';

describe('RunCheckpointRepository (SQLite in memory, real migrations)', () => {
  let dataSource: DataSource;
  let clock = 1_700_000_000_000;
  let checkpoints: RunCheckpointRepository;

  beforeAll(async () => {
    dataSource = new DataSource(dataSourceOptions(parseDatabaseUrl('sqlite::memory:'), true));
    await dataSource.initialize();
    checkpoints = new RunCheckpointRepository(dataSource, () => clock);
  });
  afterAll(() => dataSource.destroy());

  const event = (id: string, timeout = 60): CheckpointEvent & Record<string, unknown> => ({
    event_id: id,
    app_id: 'a',
    uid: '',
    flow_id: '7381234567890123456',
    chat_id: '',
    is_stream: true,
    status: 'interrupt',
    timeout,
    interrupt_node: 'question-answer::q',
  });

  it('saves, overwrites and loads a checkpoint; deletes it', async () => {
    await checkpoints.save({ event: event('e1'), state: { step: 1 } });
    await checkpoints.save({ event: event('e1'), state: { step: 2, text: 'ü"\n' } });
    expect(await checkpoints.load('e1')).toEqual({
      event: event('e1'),
      state: { step: 2, text: 'ü"\n' },
    });
    await checkpoints.delete('e1');
    expect(await checkpoints.load('e1')).toBeNull();
  });

  it('expires after the event timeout and sweeps expired rows', async () => {
    await checkpoints.save({ event: event('e2', 60), state: {} });
    clock += 61_000;
    expect(await checkpoints.load('e2')).toBeNull();
    await checkpoints.save({ event: event('e3'), state: {} });
    expect(await dataSource.getRepository('workflow_run_checkpoint').count()).toBe(1);
  });
});
