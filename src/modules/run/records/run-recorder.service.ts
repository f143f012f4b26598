import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../core/config/app-config';
import { RunRecordRepository } from '../../../database/repositories/run-record.repository';
import type { FrameObserver } from '../runner/observed-frames';
import type { ObservedRun, RunWatcher } from '../runner/run-observers';
import { RunRecordObserver } from './run-record-observer';
import { RunRecordWriter } from './run-record-writer';

/**
 * Records every run for operators (docs/api.md#run-records): a `RunWatcher` of the runner whose
 * observers hand rows to a batch writer, so frames never wait on the database. Off when
 * `RUN_RETENTION_DAYS` is 0.
 */
@Injectable()
export class RunRecorder implements RunWatcher, BeforeApplicationShutdown {
  private readonly logger = new Logger('RunRecorder');
  private readonly writer: RunRecordWriter;
  private readonly enabled: boolean;
  private observerFailureReported = false;

  constructor(config: AppConfig, repository: RunRecordRepository) {
    this.enabled = config.runRecords.retentionDays > 0;
    this.writer = new RunRecordWriter(repository, (message) => this.logger.warn(message));
  }

  observer(run: ObservedRun): FrameObserver | undefined {
    if (!this.enabled) return undefined;
    return new RunRecordObserver(run, this.writer, (error) => this.reportOnce(error));
  }

  /** Writes the pending records now (shutdown; tests that read them at once). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private reportOnce(error: unknown): void {
    if (this.observerFailureReported) return;
    this.observerFailureReported = true;
    this.logger.warn(`run recording failed (runs go on; reported once): ${String(error)}`);
  }
}
