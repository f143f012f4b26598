import { Injectable, Logger } from '@nestjs/common';
import { ServiceMetrics } from '../../core/telemetry/service-metrics';
import { callerSpan } from '../../core/telemetry/trace-scope';
import { Tracer } from '../../core/telemetry/tracer';
import type { RunFrame } from '../../engine';
import { ObservedFrames } from './observed-frames';
import { RunObserver, type RunInfo } from './run-observer';

/**
 * The run feature hands every run's frames through here (`WorkflowRunnerService.frames`): the
 * run is observed for metrics and traced, its span parented to the `traceparent` of the
 * request that started it.
 */
@Injectable()
export class RunTelemetry {
  private readonly logger = new Logger('RunTelemetry');
  private warned = false;

  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly tracer: Tracer,
  ) {}

  observe(frames: AsyncIterator<RunFrame>, info: RunInfo): AsyncIterableIterator<RunFrame> {
    const observer = new RunObserver(this.metrics, this.tracer, info, callerSpan(), (error) =>
      this.reportOnce(error),
    );
    return new ObservedFrames(frames, observer);
  }

  private reportOnce(error: unknown): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(`run telemetry failed (runs go on; reported once): ${String(error)}`);
  }
}
