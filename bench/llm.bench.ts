import { ChildProcess, fork } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { boxTimes, cpuFreezes, loopbackWriteCost } from './host-probe';
import { line, percentile, target } from './report';
import { type ClientsReport, type FixtureReport, type LoadSetup } from './llm-load';
import { resumeLatency } from './llm-resume';
import { Path, PINNED, pinProcesses, startTarget } from './llm-targets';

// 1. Added latency from a fixture token leaving the fake model to the matching frame reaching
//    the client, with 200 concurrent streaming runs (start → LLM → end, release view): 200
//    users each streaming runs back to back (steady traffic: runs start and end all the time,
//    about 200 at once), measured while all users are busy; the model and the clients run in
//    child processes so they do not share the service's loop. The target load runs 5 times,
//    each on a fresh service; the medians are the figures. The harness floor is the same load
//    read straight from the fake model (no service); the lean relay floor is the same load
//    through the leanest Node relay we could write (llm-relay.ts): what any Node service adds
//    on this host. The burst (200 runs arriving within one second, measured once all of them
//    stream) is printed beside them, without a target.
// 2. Interrupt → resume → first frame latency on Redis (llm-resume.ts).
// The service is the compiled one in its own process (service-process.ts), as users run it.
// The load is shaped like independent users: runs start at random moments over the ramp, each
// model stream keeps its own token rhythm (fixture-script.ts `framePacer`), and the load
// processes do not collect garbage while measuring — otherwise the harness adds bursts and
// pauses of its own that the figures would blame on the service. With 2 or more cores the
// service gets CPU 0 to itself and the load the others (llm-targets.ts, `BENCH_PIN=0`: off).
// Knobs: BENCH_LLM_LOADS, BENCH_LLM_REPEATS, BENCH_LLM_FLOOR=0, BENCH_LLM_RELAY=0,
// BENCH_LLM_BURST=0, BENCH_LLM_RESUME=0, BENCH_PIN=0, BENCH_SERVICE_ARGS (e.g. '--cpu-prof', '--trace-gc-nvp', '--inspect'),
// BENCH_LLM_LATE_MS, BENCH_LOAD_ARGS (node flags of the load processes, e.g. '--trace-gc').

/** concurrent streams: the target load, and a light load for comparison;
 * `BENCH_LLM_LOADS=200` runs one of them */
const LOADS = (process.env.BENCH_LLM_LOADS ?? '200,20').split(',').map(Number);
/** node flags for the service, e.g. `BENCH_SERVICE_ARGS='--cpu-prof'` when looking into a figure */
const SERVICE_ARGS = (process.env.BENCH_SERVICE_ARGS ?? '').split(' ').filter(Boolean);
/** repetitions of the target load (`BENCH_LLM_REPEATS`), each on a fresh service; when set, the
 * light load is repeated as often (otherwise it runs once) */
const REPEATS = Number(process.env.BENCH_LLM_REPEATS ?? 5);

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

interface Measurement {
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
}

type Shape = LoadSetup['shape'];

async function tokenLatency(runs: number, shape: Shape, path: Path): Promise<Measurement> {
  // the fake model and the clients run in child processes of their own (see llm-load.ts)
  const fixture = loadProcess('fixture');
  const clients = loadProcess('clients');
  const { chatUrl } = await nextFrom<{ chatUrl: string }>(fixture);
  const target = await startTarget(path, chatUrl, SERVICE_ARGS);
  try {
    pinProcesses(target.pid, [fixture.pid, clients.pid]);
    const setup: LoadSetup = {
      base: target.base ?? '',
      flowId: target.flowId,
      caller: target.caller,
      runs,
      shape,
      ...(path === 'direct' ? { modelUrl: chatUrl } : {}),
    };
    const fixtureReady = nextFrom(fixture);
    fixture.send(setup);
    await fixtureReady;
    // the service's CPU is counted from the end of the warm-up runs (which pay for compiling)
    const warmedUp = nextFrom<'warmed-up'>(clients);
    clients.send(setup);
    await warmedUp;
    const cpuBefore = target.cpuSeconds();
    const boxBefore = boxTimes();
    const clientsDone = nextFrom<ClientsReport>(clients);
    const report = await clientsDone;
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
    };
  } finally {
    fixture.kill();
    clients.kill();
    await target.close();
  }
}

function median(values: number[]): number {
  return percentile(values, 50);
}

/**
 * Runs a load `times` times, each on a fresh service, and prints every repetition and the
 * medians: on a shared 2-core VM single runs swing with the host (a stall of a few ms anywhere
 * on the box lands in some p99), the median of several does not.
 */
async function repeated(
  runs: number,
  shape: Shape,
  times: number,
  path: Path = 'service',
): Promise<void> {
  const reps: Measurement[] = [];
  for (let i = 0; i < times; i += 1) reps.push(await tokenLatency(runs, shape, path));
  const direct = path === 'direct';
  line(
    direct
      ? `harness floor: token → client, ${runs} users reading the fake model directly`
      : path === 'relay'
        ? `lean Node relay (llm-relay.ts) instead of the service, ${runs} users`
        : shape === 'users'
          ? `token → client frame, ${runs} users streaming runs back to back`
          : `token → client frame, burst: ${runs} runs started within 1 s`,
    `${times} × ${reps[0].frames} frames`,
  );
  const steady = reps.filter((rep) => rep.steady.length > 0);
  for (const [i, rep] of reps.entries()) {
    line(
      `  run ${i + 1}: ${runs} at once ${rep.windowSeconds.toFixed(1)} s`,
      rep.steady.length
        ? `p50 ${percentile(rep.steady, 50).toFixed(2)} ms, p99 ${percentile(rep.steady, 99).toFixed(2)} ms`
        : 'never all at once',
      `with ramp-up p99 ${percentile(rep.all, 99).toFixed(2)} ms` +
        (direct ? '' : `, ${path} ${((rep.cpu / rep.frames) * 1e6).toFixed(0)} µs/frame`),
    );
    line('    box: all its cores busy', `${(rep.boxBusy * 100).toFixed(0)}% of ${cpus().length}`);
    if (rep.missing) line('    tokens written that no client saw', String(rep.missing));
  }
  if (steady.length) {
    const p99 = median(steady.map((rep) => percentile(rep.steady, 99)));
    line(
      '  added latency p50 (median of runs)',
      `${median(steady.map((rep) => percentile(rep.steady, 50))).toFixed(2)} ms`,
    );
    // the target is for steady traffic of 200 streams; the burst and the floor are context
    const judged = shape === 'users' && path === 'service' && runs >= 100;
    line(
      '  added latency p99 (median of runs)',
      `${p99.toFixed(2)} ms`,
      judged ? target(p99 <= 5, '≤ 5 ms') : '',
    );
  }
  line(
    '  incl. the ramp-up: p99 (median)',
    `${median(reps.map((rep) => percentile(rep.all, 99))).toFixed(2)} ms`,
  );
  if (!direct && reps.every((rep) => Number.isFinite(rep.cpu))) {
    const cpu = median(reps.map((rep) => rep.cpu / rep.seconds));
    line(
      `  ${path} CPU (median)`,
      `${(cpu * 100).toFixed(0)}% of a core`,
      `${median(reps.map((rep) => (rep.cpu / rep.frames) * 1e6)).toFixed(0)} µs per frame`,
    );
    // the fake model and the clients share the box's cores with the service
    line(
      '  fake model / clients CPU (median)',
      `${median(reps.map((rep) => rep.modelCpu)).toFixed(2)} s / ${median(reps.map((rep) => rep.clientsCpu)).toFixed(2)} s`,
    );
  }
}

export async function run(): Promise<void> {
  // the price of one frame's write on this host and how often a busy process loses its core,
  // none of it ours (see host-probe.ts): they tell hosts apart when two sessions' figures differ
  const writeCost = await loopbackWriteCost();
  line('host: 600-byte loopback write waking a reader', `${writeCost.toFixed(0)} µs CPU`);
  const freezes = await cpuFreezes(cpus().length);
  line(
    `host: ${cpus().length} spinning processes, core lost > 1 ms`,
    `${freezes.perSecond.toFixed(1)} /s`,
    `worst ${freezes.worstMs.toFixed(1)} ms`,
  );
  line(
    'processes',
    PINNED ? 'pinned' : 'not pinned',
    PINNED
      ? 'service (or relay) on CPU 0, fake model + clients on the others (BENCH_PIN=0: off)'
      : '',
  );
  for (const runs of LOADS) {
    // the light load once, unless repetitions were asked for
    await repeated(runs, 'users', runs >= 100 || process.env.BENCH_LLM_REPEATS ? REPEATS : 1);
  }
  // the same users with the clients reading the fake model directly: what the harness adds
  if (process.env.BENCH_LLM_FLOOR !== '0') await repeated(LOADS[0], 'users', 3, 'direct');
  // the same users through the leanest Node relay: what any Node service adds on this host
  if (process.env.BENCH_LLM_RELAY !== '0') await repeated(LOADS[0], 'users', 3, 'relay');
  // all streams arriving within a second: run starts pile up, then measured while all stream
  if (process.env.BENCH_LLM_BURST !== '0') await repeated(LOADS[0], 'burst', 3);
  if (process.env.BENCH_LLM_RESUME !== '0') await resumeLatency();
}
