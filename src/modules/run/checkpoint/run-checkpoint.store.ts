import { DataSource, LessThan, Repository } from 'typeorm';
import type { EventRecord } from '../run-registry';
import { RunCheckpointEntity } from './run-checkpoint.entity';

export interface RunCheckpoint<S = unknown> {
  event: EventRecord;
  state: S;
}

/** Paused runs in the database (workflow_run_checkpoint), each valid for its event timeout. */
export class RunCheckpointStore {
  private readonly rows: Repository<RunCheckpointEntity>;

  constructor(
    dataSource: DataSource,
    private readonly now: () => number = Date.now,
  ) {
    this.rows = dataSource.getRepository(RunCheckpointEntity);
  }

  async save<S>(checkpoint: RunCheckpoint<S>): Promise<void> {
    const now = this.now();
    await this.rows.save({
      eventId: checkpoint.event.event_id,
      event: checkpoint.event,
      state: checkpoint.state,
      expireAt: new Date(now + checkpoint.event.timeout * 1000),
      updateTime: new Date(now),
    });
    // old paused runs nobody resumed
    await this.rows.delete({ expireAt: LessThan(new Date(now)) });
  }

  /** The checkpoint of a paused run, or null when absent or expired. */
  async load<S>(eventId: string): Promise<RunCheckpoint<S> | null> {
    const row = await this.rows.findOneBy({ eventId });
    if (!row || row.expireAt.getTime() <= this.now()) return null;
    return { event: row.event as EventRecord, state: row.state as S };
  }

  async delete(eventId: string): Promise<void> {
    await this.rows.delete({ eventId });
  }
}
