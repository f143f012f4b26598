import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { boxTimes } from './host-probe';
import {
  type ClientsReport,
  type FixtureReport,
  type LoadSetup,
  type Pace,
  type RunTally,
} from './llm-load';
import { Path, pinProcesses, startTarget } from './llm-targets';
import { residentMb, Sampler } from './proc-figures';
import { line } from './report';

// One measured streaming load (llm.bench.ts, streams1000.bench.ts): the fake model and the
// clients in child processes of their own (llm-load.ts), the service (or the lean relay) in
// its own process, token → client frame latency from their timestamps.

/** the load processes: no garbage collection while the measured load runs (see llm-load.ts) */
const LOAD_NODE_ARGS = ['--min-semi-space-size=256', '--max-semi-space-size=256', '--expose-gc'];

function loadProcess(role: 'fixture' | 'clients'): ChildProcess {
  return fork(join(__dirname, 'llm-load.ts'), [role], {
    execArgv: [
      ...LOAD_NODE_ARGS,
      ...(process.env.BENCH_LOAD_ARGS ?? '').split(' ').filter(Boolean),
      '-r',
      'ts-node/register/transpile-only',
    ],
  });
}

function nextFrom<T>(child: ChildProcess): Promise<T> {
  return new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
}

/** `BENCH_LLM_LATE_MS=4`: when in the steady window the tokens slower than that were sent */
const LATE_MS = Number(process.env.BENCH_LLM_LATE_MS ?? 0);

/** Late tokens by 10 ms of sending time: a stall shows as one crowded window, noise does not. */
function printLate(late: [number, number][], of: number): void {
  const windows = new Map<number, number[]>();
  for (const [sentAt, latency] of late) {
    const window = Math.floor(sentAt / 10) * 10;
    const latencies = windows.get(window) ?? [];
    latencies.push(latency);
    windows.set(window, latencies);
  }
  const list = [...windows]
    .sort((a, b) => a[0] - b[0])
    .map(([at, all]) => `${at} ms: ${all.length} (max ${Math.max(...all).toFixed(1)})`);
  line(`    tokens over ${LATE_MS} ms: ${late.length} of ${of}`, list.join(', ') || '-');
}

export interface Measurement extends RunTally {
  frames: number;
  seconds: number;
  /** the steady window: all streams at once */
  windowSeconds: number;
  steady: number[];
  all: number[];
  missing: number;
  cpu: number;
  modelCpu: number;
  clientsCpu: number;
  /** share of all the box's cores busy while the measured load ran (any process) */
  boxBusy: number;
  /** the largest resident size of the target process while the measured load ran (MB) */
  maxRssMb: number;
}

export type Shape = LoadSetup['shape'];

export async function tokenLatency(
  runs: number,
  shape: Shape,
  path: Path,
  pace: Pace,
  serviceArgs: string[] = [],
): Promise<Measurement> {
  // the fake model and the clients run in child processes of their own (see llm-load.ts)
  const fixture = loadProcess('fixture');
  const clients = loadProcess('clients');
  const { chatUrl } = await nextFrom<{ chatUrl: string }>(fixture);
  const target = await startTarget(path, chatUrl, serviceArgs);
  try {
    pinProcesses(target.pid, [fixture.pid, clients.pid]);
    const setup: LoadSetup = {
      base: target.base ?? '',
      flowId: target.flowId,
      caller: target.caller,
      runs,
      shape,
      pace,
      ...(path === 'direct' ? { modelUrl: chatUrl } : {}),
    };
    const fixtureReady = nextFrom(fixture);
    fixture.send(setup);
    await fixtureReady;
    // the service's CPU is counted from the end of the warm-up runs (which pay for compiling)
    const warmedUp = nextFrom<'warmed-up'>(clients);
    clients.send(setup);
    await warmedUp;
    const rss = new Sampler(() => residentMb(target.pid), 250);
    const cpuBefore = target.cpuSeconds();
    const boxBefore = boxTimes();
    const clientsDone = nextFrom<ClientsReport>(clients);
    const report = await clientsDone;
    rss.stop();
    const cpu = (target.cpuSeconds() ?? NaN) - (cpuBefore ?? NaN);
    const boxAfter = boxTimes();
    const boxBusy = (boxAfter.busy - boxBefore.busy) / (boxAfter.total - boxBefore.total);
    const writtenReport = nextFrom<FixtureReport>(fixture);
    fixture.send('report');
    const fixtureReport = await writtenReport;
    const written = fixtureReport.written;
    const { from, until } = report;
    const all: number[] = [];
    const steady: number[] = [];
    let missing = 0;
    const late: [number, number][] = [];
    report.arrived.forEach((at, index) => {
      const sent = written[index];
      if (!at || !sent) {
        if (sent) missing += 1;
        return;
      }
      all.push(at - sent);
      if (sent > from && sent < until) {
        steady.push(at - sent);
        if (LATE_MS && at - sent > LATE_MS) late.push([sent - from, at - sent]);
      }
    });
    if (LATE_MS) printLate(late, steady.length);
    return {
      frames: all.length,
      seconds: report.seconds,
      windowSeconds: steady.length ? (until - from) / 1000 : 0,
      steady,
      all,
      missing,
      cpu,
      modelCpu: fixtureReport.cpuSeconds,
      clientsCpu: report.cpuSeconds,
      boxBusy,
      completed: report.completed,
      failed: report.failed,
      firstFailure: report.firstFailure,
      // the runs that never streamed have no first token (0)
      firstTokenMs: report.firstTokenMs.filter((ms) => ms > 0),
      mostOpen: report.mostOpen,
      mostStreaming: report.mostStreaming,
      maxRssMb: rss.series.length ? rss.max() : NaN,
    };
  } finally {
    fixture.kill();
    clients.kill();
    await target.close();
  }
}
