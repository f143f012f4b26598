import type { FinishedSpan } from './tracer';

// The OTLP/HTTP JSON encoding of an ExportTraceServiceRequest
// (opentelemetry-proto, trace/v1): ids as hex, times and 64-bit integers as decimal strings,
// enums as their numbers.

const SPAN_KIND = { internal: 1, server: 2 } as const;
const STATUS_OK = 1;
const STATUS_ERROR = 2;

type AnyValue =
  { stringValue: string } | { boolValue: boolean } | { intValue: string } | { doubleValue: number };

function anyValue(value: string | number | boolean): AnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
}

function attributes(values: Record<string, string | number | boolean>) {
  return Object.entries(values).map(([key, value]) => ({ key, value: anyValue(value) }));
}

function encodeSpan(span: FinishedSpan) {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
    name: span.name,
    kind: SPAN_KIND[span.kind],
    startTimeUnixNano: span.startNs.toString(),
    endTimeUnixNano: span.endNs.toString(),
    attributes: attributes(span.attributes),
    status: span.status
      ? {
          code: span.status.ok ? STATUS_OK : STATUS_ERROR,
          ...(span.status.message ? { message: span.status.message } : {}),
        }
      : {},
  };
}

export function exportTraceRequest(
  serviceName: string,
  scope: { name: string; version?: string },
  spans: readonly FinishedSpan[],
) {
  return {
    resourceSpans: [
      {
        resource: { attributes: attributes({ 'service.name': serviceName }) },
        scopeSpans: [{ scope, spans: spans.map(encodeSpan) }],
      },
    ],
  };
}
