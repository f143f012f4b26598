import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { RunOutcomeColumns } from './run-outcome-columns';

/**
 * One run's record for operators (docs/api.md#run-records): who ran which flow how, its status
 * and usage, kept `RUN_RETENTION_DAYS`. Written off the streaming path; a paused run keeps its
 * row and goes on when resumed.
 */
@Entity({ name: 'workflow_run' })
@Index('idx_workflow_run_app_started', ['appId', 'startedAt'])
@Index('idx_workflow_run_flow', ['flowId'])
@Index('idx_workflow_run_status', ['status'])
@Index('idx_workflow_run_started', ['startedAt'])
export class WorkflowRunEntity extends RunOutcomeColumns {
  /** the run's event id */
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 64 })
  runId!: string;

  /** the run that started this one (an in-process sub-flow's parent) */
  @Column({ name: 'parent_run_id', type: 'varchar', length: 64, nullable: true })
  parentRunId!: string | null;

  /** the sid of the request that started it (the frames' `id`) */
  @Column({ type: 'varchar', length: 64, nullable: true })
  sid!: string | null;

  @Column({ name: 'flow_id', type: 'varchar', length: 64 })
  flowId!: string;

  @Column({ type: 'varchar', length: 128 })
  version!: string;

  @Column({ name: 'app_id', type: 'varchar', length: 255 })
  appId!: string;

  @Column({ type: 'varchar', length: 255 })
  uid!: string;

  @Column({ name: 'chat_id', type: 'varchar', length: 255 })
  chatId!: string;

  /** `release` or `debug` */
  @Column({ type: 'varchar', length: 16 })
  mode!: string;

  /** running, paused, succeeded, failed or cancelled */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'updated_at' })
  updatedAt!: Date;
}
