import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '../../../core/config/app-config';
import { RunRecordRepository } from '../../../database/repositories/run-record.repository';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Deletes run records older than `RUN_RETENTION_DAYS`, at start-up and every hour. */
@Injectable()
export class RunRecordRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RunRecordRetention');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    private readonly repository: RunRecordRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.runRecords.retentionDays <= 0) return;
    this.timer = setInterval(() => void this.sweepLogged(), HOUR_MS);
    this.timer.unref();
    void this.sweepLogged();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Deletes the runs started more than the retention before `now`; how many were deleted. */
  sweep(now: number = Date.now()): Promise<number> {
    const days = this.config.runRecords.retentionDays;
    if (days <= 0) return Promise.resolve(0);
    return this.repository.deleteStartedBefore(new Date(now - days * DAY_MS));
  }

  private async sweepLogged(): Promise<void> {
    try {
      const deleted = await this.sweep();
      if (deleted > 0) this.logger.log(`deleted ${deleted} run records past retention`);
    } catch (error) {
      this.logger.warn(`run record sweep failed (next in an hour): ${String(error)}`);
    }
  }
}
