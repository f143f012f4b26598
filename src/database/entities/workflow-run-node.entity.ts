import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { intNumber, jsonText } from '../column-transformers';
import { RunOutcomeColumns } from './run-outcome-columns';

/** One node execution of a recorded run (its end frame), in the run's trace. */
@Entity({ name: 'workflow_run_node' })
@Index('idx_workflow_run_node_run', ['runId', 'startedAt', 'seq'])
export class WorkflowRunNodeEntity extends RunOutcomeColumns {
  /** random id of the row */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'run_id', type: 'varchar', length: 64 })
  runId!: string;

  /** order of the end frames within one observation of the run (ties of `started_at`) */
  @Column({ type: 'int', transformer: intNumber })
  seq!: number;

  @Column({ name: 'node_id', type: 'varchar', length: 255 })
  nodeId!: string;

  @Column({ name: 'node_type', type: 'varchar', length: 64 })
  nodeType!: string;

  @Column({ name: 'alias_name', type: 'varchar', length: 255 })
  aliasName!: string;

  /** redacted, capped JSON (docs/api.md#run-records) */
  @Column({ type: 'text', transformer: jsonText })
  inputs!: unknown;

  @Column({ type: 'text', transformer: jsonText })
  outputs!: unknown;

  /** the node's `executed_time` in milliseconds (the engine's own clock) */
  @Column({ name: 'duration_ms', type: 'int', nullable: true, transformer: intNumber })
  durationMs!: number | null;

  /** attempts after the first (retryConfig); 0 for a node without error handling */
  @Column({ type: 'int', default: 0, transformer: intNumber })
  retries!: number;

  /** the error of its last failed attempt, when one failed and was retried or handled */
  @Column({ name: 'retry_error_code', type: 'int', nullable: true, transformer: intNumber })
  retryErrorCode!: number | null;

  @Column({ name: 'retry_error_message', type: 'text', nullable: true })
  retryErrorMessage!: string | null;
}
