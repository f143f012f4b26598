import type { WorkflowRunEntity, WorkflowRunNodeEntity } from '../../../database/entities';
import { RunRecordWriter } from './run-record-writer';

const run = (runId: string, status: string) => ({ runId, status }) as WorkflowRunEntity;
const node = (runId: string, nodeId: string) => ({ runId, nodeId }) as WorkflowRunNodeEntity;

describe('RunRecordWriter', () => {
  it("writes a run's latest row once per batch and its node rows in order", async () => {
    const batches: [string[], string[]][] = [];
    const writer = new RunRecordWriter(
      {
        write: (runs, nodes) => {
          batches.push([runs.map((r) => `${r.runId}:${r.status}`), nodes.map((n) => n.nodeId)]);
          return Promise.resolve();
        },
      },
      () => undefined,
      10_000,
    );
    writer.saveRun(run('a', 'running'));
    writer.addNode(node('a', 'n1'));
    writer.addNode(node('a', 'n2'));
    writer.saveRun(run('a', 'succeeded'));
    await writer.flush();
    await writer.flush(); // nothing pending: no write
    expect(batches).toEqual([[['a:succeeded'], ['n1', 'n2']]]);
  });

  it('drops a batch that failed with one warning and writes the next', async () => {
    const warnings: string[] = [];
    let fail = true;
    const written: string[] = [];
    const writer = new RunRecordWriter(
      {
        write: (runs) => {
          if (fail) return Promise.reject(new Error('database gone'));
          written.push(...runs.map((r) => r.runId));
          return Promise.resolve();
        },
      },
      (message) => warnings.push(message),
      10_000,
    );
    writer.saveRun(run('a', 'running'));
    await writer.flush();
    fail = false;
    writer.saveRun(run('b', 'running'));
    await writer.flush();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('database gone');
    expect(written).toEqual(['b']);
  });

  it('writes on its own a moment after the first row', async () => {
    const written: string[] = [];
    const writer = new RunRecordWriter(
      {
        write: (runs) => {
          written.push(...runs.map((r) => r.runId));
          return Promise.resolve();
        },
      },
      () => undefined,
      5,
    );
    writer.saveRun(run('a', 'running'));
    expect(written).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(written).toEqual(['a']);
  });
});
