import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { type Pace } from './llm-load';
import { type Measurement, tokenLatency } from './llm-measure';
import { Path, PINNED } from './llm-targets';
import { line, percentile, verdict } from './report';

// 1,000 concurrent streaming runs on one service process (start → LLM → end, release view):
// the runs start at random over BENCH_1000_RAMP_S, each streams BENCH_1000_TOKENS tokens
// BENCH_1000_DELAY_MS apart from the fake model, so once the ramp is over all of them stream at
// once until the first ends. The same machinery as llm.bench.ts (llm-measure.ts): the fake model
// and the clients in processes of their own, the compiled service in its own, pinned the same
// way. The same load then goes through the lean relay (llm-relay.ts), whose p99 stands beside
// the service's. Verdicts: every run complete (HTTP 200, every token, a last frame of code 0 and
// finish_reason stop), none failed, the service's largest resident size ≤ 600 MB, printed as
// one verdict with the two p99s beside it (they have no target). About 2 × (ramp + stream + warm-up) ≈ 1.5 minutes.
// The token rhythm is slower than llm.bench.ts's (200 ms instead of 25 ms): 1,000 streams at
// 40 tokens/s would ask 40,000 frames/s of the fake model and the clients, which share one core
// on a 2-core host — the figures would be the load generator's, not the service's. At 5,000
// frames/s the load processes keep up; the test is of 1,000 runs held open at once.
// Sockets: 1,000 client connections into the service and 1,000 from it to the fake model; the
// check below wants a descriptor limit of at least 3 × the streams (children inherit it).
// Knobs: BENCH_1000_STREAMS (1000), BENCH_1000_RAMP_S (10), BENCH_1000_TOKENS (100),
// BENCH_1000_DELAY_MS (200), BENCH_1000_RELAY=0 (skip the relay), BENCH_PIN=0 (llm-targets.ts).

const STREAMS = Number(process.env.BENCH_1000_STREAMS ?? 1000);
const PACE: Pace = {
  tokens: Number(process.env.BENCH_1000_TOKENS ?? 100),
  delayMs: Number(process.env.BENCH_1000_DELAY_MS ?? 200),
  rampMs: Number(process.env.BENCH_1000_RAMP_S ?? 10) * 1000,
};
const RSS_LIMIT_MB = 600;

/** the soft limit on open files of this process (inherited by the service and the load) */
function openFilesLimit(): number {
  try {
    return Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
  } catch {
    return NaN;
  }
}

function report(path: Path, m: Measurement): void {
  const who = path === 'relay' ? 'lean relay' : 'service';
  line(
    `${who}: ${STREAMS} streams, all at once for`,
    `${m.windowSeconds.toFixed(1)} s`,
    `${m.frames} frames, box ${(m.boxBusy * 100).toFixed(0)}% of ${cpus().length} cores`,
  );
  line('  most runs open / streaming at once', `${m.mostOpen} / ${m.mostStreaming}`);
  line(
    `  runs complete / not complete`,
    `${m.completed} / ${m.failed}`,
    m.firstFailure ? `first: ${m.firstFailure}` : '',
  );
  if (m.missing) line('  tokens written that no client saw', String(m.missing));
  if (m.steady.length) {
    line(
      '  token → client frame, all streaming',
      `p50 ${percentile(m.steady, 50).toFixed(2)} ms`,
      `p99 ${percentile(m.steady, 99).toFixed(2)} ms`,
    );
  }
  line('  incl. the ramp-up: p99', `${percentile(m.all, 99).toFixed(2)} ms`);
  if (m.firstTokenMs.length) {
    line(
      '  request → first token frame',
      `p50 ${percentile(m.firstTokenMs, 50).toFixed(0)} ms`,
      `p99 ${percentile(m.firstTokenMs, 99).toFixed(0)} ms, max ${Math.max(...m.firstTokenMs).toFixed(0)} ms`,
    );
  }
  line(
    `  ${who} CPU`,
    `${((m.cpu / m.seconds) * 100).toFixed(0)}% of a core`,
    `${((m.cpu / m.frames) * 1e6).toFixed(0)} µs per frame`,
  );
  line(`  ${who} resident size, largest`, `${m.maxRssMb.toFixed(0)} MB`);
}

/** the p99s of service and relay: while all streamed, or over every frame when in either run
 * they never all streamed at once (slow starts) — the two always on the same footing */
function p99s(service: Measurement, relay?: Measurement): string {
  const steady = service.steady.length > 0 && (!relay || relay.steady.length > 0);
  const p99 = (m: Measurement) => percentile(steady ? m.steady : m.all, 99).toFixed(1);
  return (
    `p99 ${p99(service)} ms (relay ${relay ? p99(relay) : '-'} ms)` +
    (steady ? '' : ' over all frames: never all streaming')
  );
}

export async function run(): Promise<void> {
  const limit = openFilesLimit();
  line('open files limit (ulimit -n)', String(limit), `needs ≥ ${3 * STREAMS}`);
  if (!(limit >= 3 * STREAMS)) {
    throw new Error(`ulimit -n is ${limit}: raise it to ${3 * STREAMS} or more (ulimit -n 20000)`);
  }
  line('processes', PINNED ? 'pinned' : 'not pinned');
  line(
    'pace',
    `${PACE.tokens} × ${PACE.delayMs} ms`,
    `starts over ${PACE.rampMs / 1000} s, ${((STREAMS * 1000) / PACE.delayMs).toFixed(0)} frames/s at full load`,
  );
  const service = await tokenLatency(STREAMS, 'burst', 'service', PACE);
  report('service', service);
  const relay =
    process.env.BENCH_1000_RELAY === '0'
      ? undefined
      : await tokenLatency(STREAMS, 'burst', 'relay', PACE);
  if (relay) report('relay', relay);
  const runs = service.completed + service.failed;
  const ok =
    service.mostOpen === STREAMS &&
    runs === STREAMS &&
    service.completed === STREAMS &&
    service.missing === 0 &&
    service.maxRssMb <= RSS_LIMIT_MB;
  // one verdict with every figure of the target; the p99s are context (the issue sets none)
  verdict(
    `${STREAMS} concurrent streams`,
    `${service.mostOpen} open at once, ${service.completed} complete, ${service.failed} failed, ` +
      `RSS ${service.maxRssMb.toFixed(0)} MB, ${p99s(service, relay)}`,
    `${STREAMS} open at once, all complete, 0 failed, RSS ≤ ${RSS_LIMIT_MB} MB`,
    ok,
  );
}
