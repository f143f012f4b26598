import autocannon from 'autocannon';
import { readdirSync } from 'node:fs';
import { CHAT, releasedFlow } from '../test/chat.helpers';
import { smallFlow } from './flows';
import { ServiceProcess } from './service-process';

// Profiling aid, not a benchmark (run.ts runs only *.bench.ts): starts the compiled service
// under extra node flags, loads the 4-node flow of workers.bench.ts (or GET /health) with
// autocannon and leaves the profile files in PROFILE_DIR.
//   PROFILE_FLAGS="--cpu-prof" PROFILE_DIR=/tmp/prof \
//     node -r ts-node/register/transpile-only bench/profile-flow.ts [flow|health] [seconds]

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/7';

async function main(): Promise<void> {
  const target = process.argv[2] ?? 'flow';
  const seconds = Number(process.argv[3] ?? 10);
  const dir = process.env.PROFILE_DIR ?? '/tmp/profile';
  const flags = (process.env.PROFILE_FLAGS ?? '--cpu-prof').split(' ').filter(Boolean);
  const nodeArgs = flags.map((flag) =>
    flag.endsWith('-prof') ? `${flag} --${flag.slice(2)}-dir=${dir}` : flag,
  );
  const service = await ServiceProcess.start(
    { REDIS_URL, WORKERS: '1', ...extraEnv() },
    nodeArgs.flatMap((arg) => arg.split(' ')),
  );
  try {
    const world = await service.createApps(`pf${Date.now() % 100000}`);
    const flowId = await releasedFlow(service.asTestApp(), world, smallFlow());
    const body = JSON.stringify({
      flow_id: flowId,
      parameters: { AGENT_USER_INPUT: 'hi there' },
      stream: false,
    });
    const isFlow = target === 'flow';
    const cpuBefore = service.cpuSeconds() ?? 0;
    const result = await autocannon({
      url: `${service.base}${isFlow ? CHAT : '/health'}`,
      method: isFlow ? 'POST' : 'GET',
      connections: 16,
      duration: seconds,
      workers: 1,
      headers: { 'content-type': 'application/json', 'x-consumer-username': world.caller },
      body: isFlow ? body : undefined,
    });
    // CPU per request: steadier than req/s on a shared host
    const cpuMs = ((service.cpuSeconds() ?? 0) - cpuBefore) * 1000;
    process.stdout.write(
      `${target}: ${result.requests.average} req/s, ` +
        `${((cpuMs * 1000) / (result.requests as unknown as { total: number }).total).toFixed(0)} µs CPU/request, ` +
        `errors ${result.errors + result.non2xx}\n`,
    );
  } finally {
    await service.close();
  }
  process.stdout.write(`profiles in ${dir}: ${readdirSync(dir).join(', ')}\n`);
}

/** PROFILE_ENV="A=1 B=2": extra service settings (e.g. to switch a feature off and compare) */
function extraEnv(): Record<string, string> {
  const pairs = (process.env.PROFILE_ENV ?? '').split(' ').filter(Boolean);
  return Object.fromEntries(pairs.map((pair) => pair.split('=', 2) as [string, string]));
}

void main();
