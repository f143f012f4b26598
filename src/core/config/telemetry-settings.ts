import { readOptional, readString, readUrl } from './config.schema';

/** GET /metrics' optional bearer token; traces over OTLP/HTTP JSON when an endpoint is set. */
export interface TelemetrySettings {
  metricsToken?: string;
  otlpEndpoint?: string;
  serviceName: string;
}

export function readTelemetrySettings(env: Record<string, string | undefined>): TelemetrySettings {
  return {
    metricsToken: readOptional(env, 'METRICS_TOKEN'),
    otlpEndpoint: readUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', ['http:', 'https:']),
    serviceName: readString(env, 'OTEL_SERVICE_NAME', 'astron-workflow'),
  };
}
