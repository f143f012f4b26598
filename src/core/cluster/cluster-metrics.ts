import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

// GET /metrics under WORKERS > 1: whichever worker the scrape lands on answers for the whole
// cluster. It asks the primary, which gathers every worker's registry through prom-client's
// AggregatorRegistry (counters and histograms summed, per-process gauges as prom-client says).

const REQUEST = 'astron:metrics-request';
const ANSWER = 'astron:metrics-answer';
/** longer than AggregatorRegistry's own 5 s, so its timeout is the one reported */
const ANSWER_TIMEOUT_MS = 6_000;

interface MetricsAnswer {
  type: typeof ANSWER;
  id: number;
  text?: string;
  error?: string;
}

/** Primary: answers a worker's request with the aggregate of every worker's metrics. */
export function answerMetricsRequests(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: { type?: string; id?: number }) => {
    if (message?.type !== REQUEST) return;
    const reply = (fields: Partial<MetricsAnswer>) =>
      worker.isConnected() && worker.send({ type: ANSWER, id: message.id, ...fields });
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (error: Error) => reply({ error: error.message }),
    );
  });
}

/** Worker: lets the primary read this registry (prom-client answers its requests). */
export function offerMetricsToPrimary(registry: Registry): void {
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry(); // registers the worker's listener for the primary's requests
}

let nextId = 0;

/** Worker: the whole cluster's metrics, in the Prometheus text format. */
export function clusterMetricsText(): Promise<string> {
  const id = (nextId += 1);
  return new Promise((resolve, reject) => {
    const onMessage = (message: MetricsAnswer) => {
      if (message?.type !== ANSWER || message.id !== id) return;
      finish();
      if (message.error !== undefined) reject(new Error(`cluster metrics: ${message.error}`));
      else resolve(message.text ?? '');
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error('cluster metrics: the primary did not answer'));
    }, ANSWER_TIMEOUT_MS);
    const finish = () => {
      clearTimeout(timer);
      process.off('message', onMessage);
    };
    process.on('message', onMessage);
    process.send?.({ type: REQUEST, id });
  });
}
