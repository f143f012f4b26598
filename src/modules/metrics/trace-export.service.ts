import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import { OtlpTraceExporter } from '../../core/telemetry/otlp-exporter';
import { Tracer } from '../../core/telemetry/tracer';

/**
 * The service's tracer: spans go to the OTLP exporter when OTEL_EXPORTER_OTLP_ENDPOINT is set,
 * nowhere otherwise (and nobody builds them). What is still batched is sent on shutdown.
 */
@Injectable()
export class TraceExport implements OnApplicationShutdown {
  private readonly logger = new Logger('TraceExport');
  private readonly exporter?: OtlpTraceExporter;
  readonly tracer: Tracer;

  constructor(config: AppConfig) {
    const { otlpEndpoint, serviceName } = config.telemetry;
    if (otlpEndpoint) {
      this.exporter = new OtlpTraceExporter({
        endpoint: otlpEndpoint,
        serviceName,
        warn: (message) => this.logger.warn(message),
      });
    }
    const exporter = this.exporter;
    this.tracer = new Tracer(exporter ? (span) => exporter.add(span) : undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.exporter?.shutdown();
  }
}
