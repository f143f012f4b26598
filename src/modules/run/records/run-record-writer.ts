import type { WorkflowRunEntity, WorkflowRunNodeEntity } from '../../../database/entities';
import type { RunRecordRepository } from '../../../database/repositories/run-record.repository';
import type { RunRecordSink } from './run-record-observer';

/** Pending rows beyond this are dropped (a database that cannot keep up must not eat memory). */
const MAX_PENDING_NODES = 20_000;
const MAX_PENDING_RUNS = 5_000;

/**
 * Off the streaming path: observers hand rows here synchronously; they are written in batches
 * (a run's latest row once per batch, node rows in order) a moment later, one write at a time.
 * A failed batch is logged once and dropped: records are for operators, never worth a retry
 * that could pile up.
 */
export class RunRecordWriter implements RunRecordSink {
  private runs = new Map<string, WorkflowRunEntity>();
  private nodes: WorkflowRunNodeEntity[] = [];
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private overflowWarned = false;

  constructor(
    private readonly repository: Pick<RunRecordRepository, 'write'>,
    private readonly warn: (message: string) => void,
    private readonly delayMs = 200,
  ) {}

  saveRun(row: WorkflowRunEntity): void {
    if (!this.runs.has(row.runId) && this.runs.size >= MAX_PENDING_RUNS) return this.overflow();
    this.runs.set(row.runId, row);
    this.schedule();
  }

  addNode(row: WorkflowRunNodeEntity): void {
    if (this.nodes.length >= MAX_PENDING_NODES) return this.overflow();
    this.nodes.push(row);
    this.schedule();
  }

  /** Writes what is pending now; settles once it (and any earlier batch) is written or dropped. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const runs = [...this.runs.values()];
    const nodes = this.nodes;
    this.runs = new Map();
    this.nodes = [];
    this.writing = this.writing.then(() => this.write(runs, nodes));
    return this.writing;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
    this.timer.unref();
  }

  private async write(runs: WorkflowRunEntity[], nodes: WorkflowRunNodeEntity[]): Promise<void> {
    if (runs.length === 0 && nodes.length === 0) return;
    try {
      await this.repository.write(runs, nodes);
    } catch (error) {
      this.warn(
        `run records not written (${runs.length} runs, ${nodes.length} nodes dropped): ${String(error)}`,
      );
    }
  }

  private overflow(): void {
    if (this.overflowWarned) return;
    this.overflowWarned = true;
    this.warn('run records dropped: too many pending writes (reported once)');
  }
}
