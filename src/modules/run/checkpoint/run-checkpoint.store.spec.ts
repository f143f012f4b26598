import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../../core/config/database-url';
import { dataSourceOptions } from '../../../database/data-source-options';
import type { EventRecord } from '../run-registry';
import { RunCheckpointStore } from './run-checkpoint.store';

describe('RunCheckpointStore (SQLite in memory, real migrations)', () => {
  let dataSource: DataSource;
  let clock = 1_700_000_000_000;
  let store: RunCheckpointStore;

  beforeAll(async () => {
    dataSource = new DataSource(dataSourceOptions(parseDatabaseUrl('sqlite::memory:'), true));
    await dataSource.initialize();
    store = new RunCheckpointStore(dataSource, () => clock);
  });
  afterAll(() => dataSource.destroy());

  const event = (id: string, timeout = 60): EventRecord => ({
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
    await store.save({ event: event('e1'), state: { step: 1 } });
    await store.save({ event: event('e1'), state: { step: 2, text: 'ü"\n' } });
    expect(await store.load('e1')).toEqual({
      event: event('e1'),
      state: { step: 2, text: 'ü"\n' },
    });
    await store.delete('e1');
    expect(await store.load('e1')).toBeNull();
  });

  it('expires after the event timeout and sweeps expired rows', async () => {
    await store.save({ event: event('e2', 60), state: {} });
    clock += 61_000;
    expect(await store.load('e2')).toBeNull();
    await store.save({ event: event('e3'), state: {} });
    expect(await dataSource.getRepository('workflow_run_checkpoint').count()).toBe(1);
  });
});
