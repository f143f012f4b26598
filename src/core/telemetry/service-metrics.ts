import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CollectFunction,
} from 'prom-client';
import cluster from 'node:cluster';
import { clusterMetricsText, offerMetricsToPrimary } from '../cluster/cluster-metrics';

// Every metric family of the service (docs/operations.md#metrics), on a registry of its own so
// that several apps in one process (the e2e specs) never collide in prom-client's global one.
// Writers call `inc` / `observe` / `set` only: synchronous, no await on the streaming path.

/** Seconds: 5 ms … 2 min (HTTP answers, whole streamed runs, nodes). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
/** Seconds: first model text, 50 ms … 30 s. */
const TTFT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30];

/** The help text of each family, by name: what `/metrics` says a family counts. */
const HELP = {
  astron_http_requests_total: 'HTTP requests answered, by route pattern, status and business code',
  astron_http_request_duration_seconds:
    'Time from request to the end of its response (a streamed run: its last frame)',
  astron_runs_total: 'Runs ended (or paused) on this instance, by mode and outcome',
  astron_run_duration_seconds: 'Time from the start of a run to its outcome',
  astron_live_runs: 'Runs executing on this instance now (paused runs not counted)',
  astron_node_duration_seconds:
    'Node execution time (the executed_time of its end frame), by node type',
  astron_node_failures_total: 'Nodes that ended with an error frame, by node type and code',
  astron_node_retries_total:
    'Node attempts made after the first (retryConfig), by node type, counted at the node end',
  astron_model_time_to_first_token_seconds:
    'Time from a model node start to the first answer text of the run',
  astron_model_tokens_total: 'Model tokens reported by node end frames, by node type and kind',
  astron_upload_bytes_total: 'Bytes of uploaded files stored',
};
type FamilyName = keyof typeof HELP;

export type RunOutcomeLabel = 'succeeded' | 'failed' | 'paused' | 'cancelled';

export class ServiceMetrics {
  readonly registry = new Registry();

  readonly httpRequests = this.counter('astron_http_requests_total', [
    'method',
    'route',
    'status',
    'code',
  ]);
  readonly httpDuration = this.histogram(
    'astron_http_request_duration_seconds',
    ['method', 'route'],
    DURATION_BUCKETS,
  );
  readonly runs = this.counter('astron_runs_total', ['mode', 'outcome']);
  readonly runDuration = this.histogram(
    'astron_run_duration_seconds',
    ['mode', 'outcome'],
    DURATION_BUCKETS,
  );
  readonly liveRuns = this.gauge('astron_live_runs', ['mode']);
  readonly nodeDuration = this.histogram(
    'astron_node_duration_seconds',
    ['node_type'],
    DURATION_BUCKETS,
  );
  readonly nodeFailures = this.counter('astron_node_failures_total', ['node_type', 'code']);
  readonly nodeRetries = this.counter('astron_node_retries_total', ['node_type']);
  readonly timeToFirstToken = this.histogram(
    'astron_model_time_to_first_token_seconds',
    ['node_type'],
    TTFT_BUCKETS,
  );
  readonly modelTokens = this.counter('astron_model_tokens_total', ['node_type', 'kind']);
  readonly uploadBytes = this.counter('astron_upload_bytes_total', []);

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    if (cluster.isWorker) offerMetricsToPrimary(this.registry);
  }

  // One builder per kind, so each family above is declared by what differs: name and labels.
  private counter<L extends string>(name: FamilyName, labelNames: readonly L[]) {
    return new Counter<L>({ name, help: HELP[name], labelNames, registers: [this.registry] });
  }

  private gauge<L extends string>(name: FamilyName, labelNames: readonly L[]) {
    return new Gauge<L>({ name, help: HELP[name], labelNames, registers: [this.registry] });
  }

  private histogram<L extends string>(
    name: FamilyName,
    labelNames: readonly L[],
    buckets: number[],
  ) {
    const help = HELP[name];
    return new Histogram<L>({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /** A gauge whose value is read when scraped (pool sizes, registry counts). */
  readGauge(
    name: string,
    help: string,
    labelNames: readonly string[],
    collect: CollectFunction<Gauge>,
  ): Gauge {
    return new Gauge({ name, help, labelNames, collect, registers: [this.registry] });
  }

  /**
   * A counter mirroring a total kept elsewhere (the sandbox pools' cold starts): at each scrape
   * it moves by what the source grew since the previous one.
   */
  mirroredCounter(
    name: string,
    help: string,
    labelNames: readonly string[],
    read: () => { labels: Record<string, string>; total: number }[],
  ): Counter {
    const seen = new Map<string, number>();
    return new Counter({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        for (const { labels, total } of read()) {
          const key = JSON.stringify(labels);
          const grown = total - (seen.get(key) ?? 0);
          if (grown > 0) this.inc(labels, grown);
          seen.set(key, total);
        }
      },
    });
  }

  /** This process's metrics; in a cluster worker, every worker's (docs/deployment.md#workers). */
  text(): Promise<string> {
    return cluster.isWorker ? clusterMetricsText() : this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
