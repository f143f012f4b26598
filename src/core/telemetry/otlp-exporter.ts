import { exportTraceRequest } from './otlp-json';
import type { FinishedSpan } from './tracer';

export interface OtlpExporterOptions {
  /** OTEL_EXPORTER_OTLP_ENDPOINT; spans go to `<endpoint>/v1/traces` */
  endpoint: string;
  serviceName: string;
  /** told once per failed export (the batch is dropped) */
  warn: (message: string) => void;
  flushIntervalMs?: number;
  maxBatch?: number;
  requestTimeoutMs?: number;
}

const SCOPE = { name: 'astron-workflow' };

/**
 * Batches finished spans and posts them as OTLP/HTTP JSON: every second, as soon as 512 are
 * waiting, and on shutdown. `add` never waits; a failed post drops its batch with one warning,
 * so a dead collector costs a run nothing.
 */
export class OtlpTraceExporter {
  private readonly url: string;
  private readonly maxBatch: number;
  private readonly requestTimeoutMs: number;
  private readonly timer: NodeJS.Timeout;
  private pending: FinishedSpan[] = [];
  private readonly posts = new Set<Promise<void>>();

  constructor(private readonly options: OtlpExporterOptions) {
    this.url = `${options.endpoint.replace(/\/+$/, '')}/v1/traces`;
    this.maxBatch = options.maxBatch ?? 512;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.timer = setInterval(() => this.flush(), options.flushIntervalMs ?? 1000);
    this.timer.unref();
  }

  add(span: FinishedSpan): void {
    this.pending.push(span);
    if (this.pending.length >= this.maxBatch) this.flush();
  }

  /** Posts what is waiting (in the background; `shutdown` waits for the posts). */
  flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const post = this.post(batch).finally(() => this.posts.delete(post));
    this.posts.add(post);
  }

  async shutdown(): Promise<void> {
    clearInterval(this.timer);
    this.flush();
    await Promise.all([...this.posts]);
  }

  private async post(batch: FinishedSpan[]): Promise<void> {
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(exportTraceRequest(this.options.serviceName, SCOPE, batch)),
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
      // the body is not needed; reading it frees the connection
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
    } catch (error) {
      this.options.warn(
        `trace export to ${this.url} failed, ${batch.length} spans dropped: ${String(error)}`,
      );
    }
  }
}
