import { Injectable, Logger } from '@nestjs/common';
import { ServiceMetrics } from '../../core/telemetry/service-metrics';
import { callerSpan } from '../../core/telemetry/trace-scope';
import { Tracer } from '../../core/telemetry/tracer';
import type { RunInfo, RunWatcher } from '../run/runner/run-observers';
import { RunObserver } from './run-observer';

/**
 * A watcher of every run (`WorkflowRunnerService.frames`, `run/runner/run-observers.ts`): the
 * run is observed for metrics and traced, its span parented to the `traceparent` of the
 * request that started it.
 */
@Injectable()
export class RunTelemetry implements RunWatcher {
  private readonly logger = new Logger('RunTelemetry');
  private warned = false;

  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly tracer: Tracer,
  ) {}

  /** The run's metrics and span observer (the runner's `RunWatcher`, next to the run records). */
  observer(info: RunInfo): RunObserver {
    return new RunObserver(this.metrics, this.tracer, info, callerSpan(), (error) =>
      this.reportOnce(error),
    );
  }

  private reportOnce(error: unknown): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(`run telemetry failed (runs go on; reported once): ${String(error)}`);
  }
}
