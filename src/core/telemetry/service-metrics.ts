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

export type RunOutcomeLabel = 'succeeded' | 'failed' | 'paused' | 'cancelled';

export class ServiceMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'astron_http_requests_total',
    help: 'HTTP requests answered, by route pattern, status and business code',
    labelNames: ['method', 'route', 'status', 'code'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'astron_http_request_duration_seconds',
    help: 'Time from request to the end of its response (a streamed run: its last frame)',
    labelNames: ['method', 'route'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  readonly runs = new Counter({
    name: 'astron_runs_total',
    help: 'Runs ended (or paused) on this instance, by mode and outcome',
    labelNames: ['mode', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly runDuration = new Histogram({
    name: 'astron_run_duration_seconds',
    help: 'Time from the start of a run to its outcome',
    labelNames: ['mode', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  readonly liveRuns = new Gauge({
    name: 'astron_live_runs',
    help: 'Runs executing on this instance now (paused runs not counted)',
    labelNames: ['mode'] as const,
    registers: [this.registry],
  });

  readonly nodeDuration = new Histogram({
    name: 'astron_node_duration_seconds',
    help: 'Node execution time (the executed_time of its end frame), by node type',
    labelNames: ['node_type'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  readonly nodeFailures = new Counter({
    name: 'astron_node_failures_total',
    help: 'Nodes that ended with an error frame, by node type and code',
    labelNames: ['node_type', 'code'] as const,
    registers: [this.registry],
  });

  readonly timeToFirstToken = new Histogram({
    name: 'astron_model_time_to_first_token_seconds',
    help: 'Time from a model node start to the first answer text of the run',
    labelNames: ['node_type'] as const,
    buckets: TTFT_BUCKETS,
    registers: [this.registry],
  });

  readonly modelTokens = new Counter({
    name: 'astron_model_tokens_total',
    help: 'Model tokens reported by node end frames, by node type and kind',
    labelNames: ['node_type', 'kind'] as const,
    registers: [this.registry],
  });

  readonly uploadBytes = new Counter({
    name: 'astron_upload_bytes_total',
    help: 'Bytes of uploaded files stored',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    if (cluster.isWorker) offerMetricsToPrimary(this.registry);
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
