import { DataSource, LessThan, Repository } from 'typeorm';
import { RunCheckpointEntity } from '../entities';

/** What a checkpoint needs of a run's event record: its id and its timeout in seconds. */
export interface CheckpointEvent {
  event_id: string;
  timeout: number;
}

export interface RunCheckpointRecord<E extends CheckpointEvent, S> {
  event: E;
  state: S;
}

/** Paused runs in the database (workflow_run_checkpoint), each valid for its event timeout. */
export class RunCheckpointRepository {
  private readonly rows: Repository<RunCheckpointEntity>;

  constructor(
    dataSource: DataSource,
    private readonly now: () => number = Date.now,
  ) {
    this.rows = dataSource.getRepository(RunCheckpointEntity);
  }

  async save<E extends CheckpointEvent, S>(checkpoint: RunCheckpointRecord<E, S>): Promise<void> {
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
  async load<E extends CheckpointEvent, S>(
    eventId: string,
  ): Promise<RunCheckpointRecord<E, S> | null> {
    const row = await this.rows.findOneBy({ eventId });
    if (!row || row.expireAt.getTime() <= this.now()) return null;
    return { event: row.event as E, state: row.state as S };
  }

  async delete(eventId: string): Promise<void> {
    await this.rows.delete({ eventId });
  }
}
