import { Column } from 'typeorm';
import { intNumber } from '../column-transformers';

/**
 * The columns a recorded run and each of its node executions share (docs/api.md#run-records):
 * when it started and finished, its token usage and its error. Not a table of its own.
 */
export abstract class RunOutcomeColumns {
  @Column({ name: 'started_at' })
  startedAt!: Date;

  /** null: still running (a node: the run ended, cancelled or failed elsewhere, before it did) */
  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt!: Date | null;

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

/** The outcome of a run or node that has just started: not finished, no usage, no error. */
export function openOutcome(startedAt: Date): RunOutcomeColumns {
  return {
    startedAt,
    finishedAt: null,
    promptTokens: 0,
    completionTokens: 0,
    totalTokens: 0,
    errorCode: null,
    errorMessage: null,
  };
}
