import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../../core/config/database-url';
import { dataSourceOptions } from '../../../database/data-source-options';
import { NodeHistoryRepository } from '../../../database/repositories/node-history.repository';
import { PersistedNodeHistory } from './persisted-node-history';

describe('PersistedNodeHistory (SQLite in memory)', () => {
  let dataSource: DataSource;
  let store: PersistedNodeHistory;

  beforeAll(async () => {
    dataSource = new DataSource(dataSourceOptions(parseDatabaseUrl('sqlite::memory:'), true));
    await dataSource.initialize();
    store = new PersistedNodeHistory(new NodeHistoryRepository(dataSource));
  });
  afterAll(() => dataSource.destroy());

  const key = { flowId: '7381234567890123456', uid: 'u1', nodeId: 'spark-llm::a' };

  it('returns the stored turns in chronological order, for that flow, uid and node only', async () => {
    await store.append(key, 'c1', 'q1', 'a1');
    await new Promise((r) => setTimeout(r, 5));
    await store.append(key, 'c1', 'q2', 'a2');
    await store.append({ ...key, uid: 'other' }, 'c1', 'qx', 'ax');
    await store.append({ ...key, nodeId: 'spark-llm::b' }, 'c1', 'qy', 'ay');
    expect(await store.load(key, 2048)).toEqual([
      { role: 'user', content: 'q1' },
      { role: 'assistant', content: 'a1' },
      { role: 'user', content: 'q2' },
      { role: 'assistant', content: 'a2' },
    ]);
  });

  it('admits turns only within 0.8 × maxTokens bytes, newest first', async () => {
    // each turn is ~75 bytes of JSON: 100 tokens admit one turn, 0 admit none
    expect(await store.load(key, 100)).toEqual([
      { role: 'user', content: 'q2' },
      { role: 'assistant', content: 'a2' },
    ]);
    expect(await store.load(key, 0)).toEqual([]);
  });
});
