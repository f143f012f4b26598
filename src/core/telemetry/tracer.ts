import { newSpanId, newTraceId, type SpanContext } from './trace-context';

// Spans of runs and nodes, in our own small form: started and ended by the run observer,
// handed whole to an exporter. No context propagation magic: the parent is passed explicitly.

export type SpanKind = 'internal' | 'server';
export type SpanAttributes = Record<string, string | number | boolean>;

export interface FinishedSpan extends SpanContext {
  parentSpanId?: string;
  name: string;
  kind: SpanKind;
  startNs: bigint;
  endNs: bigint;
  attributes: SpanAttributes;
  /** undefined: unset; the span's outcome otherwise */
  status?: { ok: boolean; message?: string };
}

/** Wall-clock time in nanoseconds since the epoch (sub-millisecond from the monotonic clock). */
export function nowNs(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
}

export class ActiveSpan {
  readonly context: SpanContext;
  private ended = false;

  constructor(
    private readonly sink: (span: FinishedSpan) => void,
    private readonly name: string,
    private readonly kind: SpanKind,
    private readonly parent: SpanContext | undefined,
    private readonly attributes: SpanAttributes,
    private readonly startNs: bigint,
  ) {
    this.context = { traceId: parent?.traceId ?? newTraceId(), spanId: newSpanId() };
  }

  setAttribute(key: string, value: string | number | boolean): void {
    this.attributes[key] = value;
  }

  /** Ends the span once (later calls are ignored). */
  end(status?: FinishedSpan['status'], endNs: bigint = nowNs()): void {
    if (this.ended) return;
    this.ended = true;
    this.sink({
      ...this.context,
      parentSpanId: this.parent?.spanId,
      name: this.name,
      kind: this.kind,
      startNs: this.startNs,
      endNs,
      attributes: this.attributes,
      status,
    });
  }
}

export class Tracer {
  /** `sink` undefined: tracing is off and callers skip span work altogether */
  constructor(private readonly sink?: (span: FinishedSpan) => void) {}

  get enabled(): boolean {
    return this.sink !== undefined;
  }

  start(
    name: string,
    options: {
      kind?: SpanKind;
      parent?: SpanContext;
      attributes?: SpanAttributes;
      startNs?: bigint;
    } = {},
  ): ActiveSpan {
    return new ActiveSpan(
      this.sink ?? (() => undefined),
      name,
      options.kind ?? 'internal',
      options.parent,
      { ...options.attributes },
      options.startNs ?? nowNs(),
    );
  }
}
