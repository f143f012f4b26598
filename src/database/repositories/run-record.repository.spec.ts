import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../core/config/database-url';
import { dataSourceOptions } from '../data-source-options';
import { openOutcome, type WorkflowRunEntity, type WorkflowRunNodeEntity } from '../entities';
import { RunRecordRepository } from './run-record.repository';

describe('RunRecordRepository.write (SQLite in memory, real migrations)', () => {
  let dataSource: DataSource;
  let records: RunRecordRepository;

  beforeAll(async () => {
    dataSource = new DataSource(dataSourceOptions(parseDatabaseUrl('sqlite::memory:'), true));
    await dataSource.initialize();
    records = new RunRecordRepository(dataSource);
  });
  afterAll(() => dataSource.destroy());

  const run = (runId: string, over: Partial<WorkflowRunEntity> = {}): WorkflowRunEntity => ({
    runId,
    parentRunId: null,
    sid: 'sid-1',
    flowId: '7381234567890123456',
    version: '',
    appId: 'app',
    uid: 'u',
    chatId: 'c',
    mode: 'release',
    status: 'running',
    updatedAt: new Date(1_700_000_000_000),
    ...openOutcome(new Date(1_700_000_000_000)),
    ...over,
  });

  const node = (runId: string, seq: number): WorkflowRunNodeEntity => ({
    id: `${runId}-n${seq}`,
    runId,
    seq,
    nodeId: `text-joiner::j${seq}`,
    nodeType: 'text-joiner',
    aliasName: 'j',
    inputs: { x: 'ü"\n', n: [1, null] },
    outputs: {},
    startedAt: new Date(1_700_000_000_000 + seq),
    finishedAt: new Date(1_700_000_000_500 + seq),
    durationMs: 500,
    promptTokens: 1,
    completionTokens: 2,
    totalTokens: 3,
    errorCode: seq === 1 ? 20500 : null,
    errorMessage: seq === 1 ? 'boom' : null,
    retries: seq === 1 ? 2 : 0,
    retryErrorCode: seq === 1 ? 20500 : null,
    retryErrorMessage: seq === 1 ? 'first try' : null,
  });

  it('writes runs and node rows that read back as written, in batches past one statement', async () => {
    const runs = Array.from({ length: 130 }, (_, i) => run(`r${i}`));
    const nodes = runs.flatMap((r) => [node(r.runId, 0), node(r.runId, 1)]);
    await records.write(runs, nodes);
    expect(await records.findRun('r129')).toEqual(run('r129'));
    expect(await records.findNodes('r7')).toEqual([node('r7', 0), node('r7', 1)]);
    expect((await records.list({}, 0, 1)).total).toBe(130);
  });

  it('upserts a run by id: later fields win, started_at and sid stay as first written', async () => {
    await records.write([run('u1')], []);
    const later = run('u1', {
      status: 'succeeded',
      sid: null,
      startedAt: new Date(1_700_000_009_000),
      finishedAt: new Date(1_700_000_010_000),
      totalTokens: 42,
    });
    await records.write([later], []);
    expect(await records.findRun('u1')).toEqual({
      ...later,
      sid: 'sid-1',
      startedAt: new Date(1_700_000_000_000),
    });
  });
});
