import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { intNumber, jsonText } from '../column-transformers';

/** One node execution of a recorded run (its end frame), in the run's trace. */
@Entity({ name: 'workflow_run_node' })
@Index('idx_workflow_run_node_run', ['runId', 'startedAt', 'seq'])
export class WorkflowRunNodeEntity {
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

  @Column({ name: 'started_at' })
  startedAt!: Date;

  /** null: the run ended (cancelled, failed elsewhere) while the node was still running */
  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt!: Date | null;

  /** the node's `executed_time` in milliseconds (the engine's own clock) */
  @Column({ name: 'duration_ms', type: 'int', nullable: true, transformer: intNumber })
  durationMs!: number | null;

  @Column({ name: 'prompt_tokens', type: 'int', transformer: intNumber })
  promptTokens!: number;

  @Column({ name: 'completion_tokens', type: 'int', transformer: intNumber })
  completionTokens!: number;

  @Column({ name: 'total_tokens', type: 'int', transformer: intNumber })
  totalTokens!: number;

  @Column({ name: 'error_code', type: 'int', nullable: true, transformer: intNumber })
  errorCode!: number | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;
}
