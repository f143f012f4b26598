import { Global, Module } from '@nestjs/common';
import { ServiceMetrics } from '../../core/telemetry/service-metrics';
import { Tracer } from '../../core/telemetry/tracer';
import { InstanceGauges } from './instance-gauges';
import { METRICS_WATCHER } from '../run/runner/run-observers';
import { MetricsController } from './metrics.controller';
import { RunTelemetry } from './run-telemetry.service';
import { TraceExport } from './trace-export.service';

/**
 * Operators' view (docs/operations.md): `GET /metrics` and the run / node spans. Global, so the
 * run feature and uploads reach `RunTelemetry` / `ServiceMetrics` without importing it.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    ServiceMetrics,
    TraceExport,
    { provide: Tracer, useFactory: (traces: TraceExport) => traces.tracer, inject: [TraceExport] },
    RunTelemetry,
    { provide: METRICS_WATCHER, useExisting: RunTelemetry },
    InstanceGauges,
  ],
  exports: [ServiceMetrics, RunTelemetry, METRICS_WATCHER],
})
export class MetricsModule {}
