import { cpus } from 'node:os';
import { cpuFreezes, loopbackWriteCost } from './host-probe';
import { STANDARD_PACE } from './llm-load';
import { type Measurement, type Shape, tokenLatency } from './llm-measure';
import { resumeLatency } from './llm-resume';
import { Path, PINNED } from './llm-targets';
import { line, percentile, verdict } from './report';

// 1. Added latency from a fixture token leaving the fake model to the matching frame reaching
//    the client, with 200 concurrent streaming runs (start → LLM → end, release view): 200
//    users each streaming runs back to back (steady traffic: runs start and end all the time,
//    about 200 at once), measured while all users are busy; the model and the clients run in
//    child processes so they do not share the service's loop. The target load runs 5 times,
//    each on a fresh service; the medians are the figures. The harness floor is the same load
//    read straight from the fake model (no service); the lean relay floor is the same load
//    through the leanest Node relay we could write (llm-relay.ts): what any Node service adds
//    on this host. Verdict: the service's p99 ≤ 2 × the relay's. The burst (200 runs arriving
//    within one second, measured once all of them stream and none starts) runs through both
//    too; verdict: the service's p99 ≤ 1.3 × the relay's.
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

function median(values: number[]): number {
  return percentile(values, 50);
}

/** what a repeated load is judged on: the median over repetitions of each run's p99, while all
 * streamed (undefined when no repetition had all at once) and over every frame */
interface Summary {
  p99?: number;
  p99All: number;
  failed: number;
}

function loadLabel(runs: number, shape: Shape, path: Path): string {
  const who =
    path === 'direct'
      ? 'harness floor (clients read the fake model)'
      : path === 'relay'
        ? 'lean Node relay (llm-relay.ts)'
        : 'token → client frame';
  return shape === 'users'
    ? `${who}, ${runs} users streaming runs back to back`
    : `${who}, burst: ${runs} runs started within 1 s`;
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
): Promise<Summary> {
  const reps: Measurement[] = [];
  for (let i = 0; i < times; i += 1) {
    reps.push(await tokenLatency(runs, shape, path, STANDARD_PACE, SERVICE_ARGS));
  }
  const direct = path === 'direct';
  line(loadLabel(runs, shape, path), `${times} × ${reps[0].frames} frames`);
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
    if (rep.failed) line('    runs not complete', String(rep.failed), rep.firstFailure);
  }
  const summary: Summary = {
    p99All: median(reps.map((rep) => percentile(rep.all, 99))),
    failed: reps.reduce((sum, rep) => sum + rep.failed, 0),
  };
  if (steady.length) {
    summary.p99 = median(steady.map((rep) => percentile(rep.steady, 99)));
    line(
      '  added latency p50 (median of runs)',
      `${median(steady.map((rep) => percentile(rep.steady, 50))).toFixed(2)} ms`,
    );
    line('  added latency p99 (median of runs)', `${summary.p99.toFixed(2)} ms`);
  }
  line('  incl. the ramp-up: p99 (median)', `${summary.p99All.toFixed(2)} ms`);
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
  return summary;
}

/**
 * "service p99 ÷ relay p99" verdict: both measured in this run, on the same load. When either
 * never had all its streams at once (slow run starts on a loaded host), both are compared over
 * every frame instead, and the figure says so.
 */
function ratioVerdict(name: string, service: Summary, relay: Summary, limit: number): void {
  const steady = service.p99 !== undefined && relay.p99 !== undefined;
  const [ours, theirs] = steady ? [service.p99!, relay.p99!] : [service.p99All, relay.p99All];
  const ratio = ours / theirs;
  const failed = service.failed + relay.failed;
  verdict(
    name,
    `${ratio.toFixed(2)} × (${ours.toFixed(2)} / ${theirs.toFixed(2)} ms` +
      `${steady ? '' : ', over all frames: never all streaming'}` +
      `${failed ? `, ${failed} runs not complete` : ''})`,
    `≤ ${limit} × relay`,
    ratio <= limit && failed === 0,
  );
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
  const target = LOADS[0];
  const users: Summary[] = [];
  for (const runs of LOADS) {
    // the light load once, unless repetitions were asked for
    users.push(
      await repeated(runs, 'users', runs >= 100 || process.env.BENCH_LLM_REPEATS ? REPEATS : 1),
    );
  }
  // the same users with the clients reading the fake model directly: what the harness adds
  if (process.env.BENCH_LLM_FLOOR !== '0') await repeated(target, 'users', 3, 'direct');
  const relay = process.env.BENCH_LLM_RELAY !== '0';
  const burst = process.env.BENCH_LLM_BURST !== '0';
  // the same users through the leanest Node relay: what any Node service adds on this host
  if (relay) {
    const relayUsers = await repeated(target, 'users', 3, 'relay');
    ratioVerdict(`stream p99 ÷ relay p99, ${target} users`, users[0], relayUsers, 2);
  }
  // all streams arriving within a second: run starts pile up, then measured while all stream
  // (none starting): the window where the service only relays, judged against the relay's
  if (burst) {
    const serviceBurst = await repeated(target, 'burst', 3);
    if (relay) {
      const relayBurst = await repeated(target, 'burst', 3, 'relay');
      ratioVerdict(`burst p99 ÷ relay p99, ${target} streaming`, serviceBurst, relayBurst, 1.3);
    }
  }
  if (process.env.BENCH_LLM_RESUME !== '0') await resumeLatency();
}
