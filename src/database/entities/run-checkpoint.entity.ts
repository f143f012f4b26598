import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonText } from '../column-transformers';

/**
 * A paused run, saved when its interrupt reached the client, so that `/resume` can take it up
 * after a restart of the service (or on an instance that never saw it). Deleted when the run
 * ends; `expire_at` bounds how long it may be resumed.
 */
@Entity({ name: 'workflow_run_checkpoint' })
@Index('idx_run_checkpoint_expire', ['expireAt'])
export class RunCheckpointEntity {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 64 })
  eventId!: string;

  /** the event record of the registry (status, timeout, interrupt node …) */
  @Column({ name: 'event', type: 'text', transformer: jsonText })
  event!: unknown;

  /** what is needed to rebuild and continue the run (flow, view, engine snapshot) */
  @Column({ name: 'state', type: 'text', transformer: jsonText })
  state!: unknown;

  @Column({ name: 'expire_at' })
  expireAt!: Date;

  @Column({ name: 'update_time' })
  updateTime!: Date;
}
