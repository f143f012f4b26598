import autocannon from 'autocannon';
import { request } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { CHAT, releasedFlow } from '../test/chat.helpers';
import { smallFlow } from './flows';
import { line, median, verdict } from './report';
import { ServiceProcess } from './service-process';

// Throughput of the small non-stream flow (start → if-else → text-joiner → end) with 1 and 2
// workers (WORKERS, docs/deployment.md#workers), each as a ratio to the same service's bare
// `GET /health` under the same autocannon load (issue "performance and scale": ≥ 60 %). Both
// services run on Redis (required with 2 workers; the same stores for both).

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/10';
/** default: a scratch SQLite file per service (WAL, shared by its workers) */
const DATABASE_URL = process.env.BENCH_DATABASE_URL;
const ROUNDS = 3;
const ROUND_SEC = 3;
const CONNECTIONS = 16;
const TARGET = 0.6;

interface Rate {
  rps: number;
  p50: number;
  errors: number;
}

/** GET `url` without a body; with one, POST it as the caller app `caller`. */
async function rate(url: string, seconds: number, body?: string, caller = ''): Promise<Rate> {
  const result = await autocannon({
    url,
    method: body === undefined ? 'GET' : 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    // the load generator in a thread of its own: it does not share the bench's event loop
    workers: 1,
    headers: { 'content-type': 'application/json', 'x-consumer-username': caller },
    body,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    errors: result.errors + result.non2xx,
  };
}

/** The X-Worker of one GET /health on a fresh connection (a connection stays on one worker). */
function workerAnswering(base: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/health`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.headers['x-worker'] ?? '')));
    });
    req.on('error', reject);
    req.end();
  });
}

/** `/ready` answers once one worker is up: wait until `workers` distinct ones answer. */
async function allWorkersUp(base: string, workers: number): Promise<void> {
  const seen = new Set<string>();
  const deadline = Date.now() + 120_000;
  while (seen.size < workers) {
    if (Date.now() > deadline) throw new Error(`only ${seen.size} of ${workers} workers answer`);
    seen.add(await workerAnswering(base));
    if (seen.size < workers) await new Promise((r) => setTimeout(r, 50));
  }
}

interface Measured {
  health: number;
  flow: number;
  ratio: number;
  p50: number;
  errors: number;
}

async function measure(workers: number): Promise<Measured> {
  const env = { WORKERS: String(workers), REDIS_URL };
  const service = await ServiceProcess.start(DATABASE_URL ? { ...env, DATABASE_URL } : env);
  try {
    await allWorkersUp(service.base, workers);
    const world = await service.createApps(`wk${workers}${Date.now() % 100000}`);
    const flowId = await releasedFlow(service.asTestApp(), world, smallFlow());
    const body = JSON.stringify({
      flow_id: flowId,
      parameters: { AGENT_USER_INPUT: 'hi there' },
      stream: false,
    });
    const health = `${service.base}/health`;
    const chat = `${service.base}${CHAT}`;
    const check = await rate(chat, 1, body, world.caller);
    if (check.errors > 0) throw new Error(`the flow failed ${check.errors} times`);
    const flowRate = (seconds: number) => rate(chat, seconds, body, world.caller);
    await rate(health, 2); // warm-up both paths
    await flowRate(2);
    // alternating short rounds: load from elsewhere on the machine hits both alike
    const bare: Rate[] = [];
    const flows: Rate[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      bare.push(await rate(health, ROUND_SEC));
      flows.push(await flowRate(ROUND_SEC));
    }
    return {
      health: median(bare.map((r) => r.rps)),
      flow: median(flows.map((r) => r.rps)),
      ratio: median(flows.map((r, i) => r.rps / bare[i].rps)),
      p50: median(flows.map((r) => r.p50)),
      errors: [...bare, ...flows].reduce((sum, r) => sum + r.errors, 0),
    };
  } finally {
    await service.close();
  }
}

export async function run(): Promise<void> {
  line('host', `${availableParallelism()} CPUs`, `load ${loadavg()[0].toFixed(2)} (shared host)`);
  line('database', DATABASE_URL ? 'BENCH_DATABASE_URL' : 'SQLite file (WAL)');
  const one = await measure(1);
  const two = await measure(2);
  const setup = `${CONNECTIONS} conn, ${ROUNDS}×${ROUND_SEC} s`;
  for (const [label, m] of [
    ['1 worker', one],
    ['2 workers', two],
  ] as const) {
    line(`${label}: GET /health (${setup})`, `${m.health.toFixed(0)} req/s`);
    line(`${label}: 4-node flow, non-stream`, `${m.flow.toFixed(0)} req/s`, `p50 ${m.p50} ms`);
    line(`${label}: flow / health`, `${(m.ratio * 100).toFixed(1)} %`);
    line(`${label}: non-2xx or errors`, String(m.errors));
  }
  line('flow req/s, 2 workers / 1 worker', `${(two.flow / one.flow).toFixed(2)} ×`);
  // judged on one worker (one process against its own /health); two workers printed beside it
  const errors = one.errors + two.errors;
  verdict(
    '4-node flow ÷ GET /health throughput',
    `${(one.ratio * 100).toFixed(1)} % (2 workers: ${(two.ratio * 100).toFixed(1)} %` +
      `${errors ? `, ${errors} errors` : ''})`,
    `≥ ${TARGET * 100} %`,
    one.ratio >= TARGET && one.errors === 0,
  );
}
