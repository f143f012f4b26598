import { Agent, request } from 'node:http';
import { OpenAiFixture } from '../test/fixtures/openai-fixture';
import { maxOverlap } from './report';

// Child processes of llm.bench.ts, one per role, so neither the fake model nor the 200
// streaming clients share a loop (or a core) with each other or with the service:
//   fixture — the OpenAI-compatible fake model; reports when it wrote each token;
//   clients — the streaming runs; report when each token's frame arrived.
// Times are absolute (timeOrigin + now, sub-millisecond), comparable across the processes.

export type LoadSetup = {
  base: string;
  flowId: string;
  caller: string;
  /** concurrent streams */
  runs: number;
  /**
   * `users`: each stream is a user running one run after another (`ROUNDS` each, first starts
   * at random over one run's length): always about `runs` at once, with starts and ends going
   * on all the time, as a service sees steady traffic. `burst`: `runs` runs start at random
   * over `pace.rampMs` once, and are measured while all of them stream (a thundering herd).
   */
  shape: 'users' | 'burst';
  /** when set, the clients stream straight from the fake model: the harness's own floor */
  modelUrl?: string;
  /** tokens per run and their rhythm; `STANDARD_PACE` unless a bench asks otherwise */
  pace: Pace;
};
/** One stream's length and rhythm, and (burst) the ramp over which the runs start. */
export type Pace = { tokens: number; delayMs: number; rampMs: number };
/** 100 tokens 25 ms apart (2.5 s per run); burst: runs start over 1 s, so from the end of the
 * ramp until the first run ends all of them stream at once (the steady window) */
export const STANDARD_PACE: Pace = { tokens: 100, delayMs: 25, rampMs: 1000 };
/** per token (index run × tokens + k): when it was written / its frame arrived; 0 = never */
export type FixtureReport = { written: number[]; cpuSeconds: number };
/** how the measured runs went, apart from their token times */
export type RunTally = {
  /** measured runs that ended complete (HTTP 200, every token, a last frame of code 0 and
   * finish_reason stop — `[DONE]` from the fake model) / that did not */
  completed: number;
  failed: number;
  /** what went wrong with the first failed run */
  firstFailure?: string;
  /** per measured run: ms from its request to its first token's frame (0: none came) */
  firstTokenMs: number[];
  /** the most measured runs at one moment: requested and not ended / streaming tokens */
  mostOpen: number;
  mostStreaming: number;
};
export type ClientsReport = RunTally & {
  arrived: number[];
  /** the measured window: from when every stream had its first frame until one stream stopped */
  from: number;
  until: number;
  seconds: number;
  cpuSeconds: number;
};
/** users: runs per user; the window is about (ROUNDS - 1) run lengths */
const ROUNDS = 3;

/** runs each stream makes, one after another */
function roundsOf(setup: LoadSetup): number {
  return setup.shape === 'users' ? ROUNDS : 1;
}

/** how many runs (fake-model scripts) a load needs */
export function runsOf(setup: LoadSetup): number {
  return setup.runs * roundsOf(setup);
}

/**
 * Start offsets of the streams: uniform over `spreadMs`, from a fixed seed (every repetition gets the
 * same ones). Independent users arrive at random; evenly spaced starts (every 5 ms for 200 runs)
 * would give the streams only five phases of the 25 ms token rhythm, 40 tokens due at once.
 */
function startOffsets(runs: number, spreadMs: number): number[] {
  let seed = 0x2545f491;
  const random = () => {
    // xorshift32: enough to scatter start times, and repeatable
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  return Array.from({ length: runs }, () => random() * spreadMs);
}

/** unmeasured runs first, so the service's code paths are compiled and its caches filled */
export const WARMUP_RUNS = 60;
const WARMUP_BATCH = 20;
const agent = new Agent({ keepAlive: true, maxSockets: 1000 });

const now = () => performance.timeOrigin + performance.now();

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/**
 * The load processes run with a young generation large enough for the whole measured load
 * (`LOAD_NODE_ARGS` in llm.bench.ts) and start it empty: a scavenge in the clients would hold
 * back every frame arriving meanwhile and be counted as the service's latency.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function send(message: unknown): void {
  process.send?.(message);
}

function nextMessage<T>(): Promise<T> {
  return new Promise((resolve) => process.once('message', (m) => resolve(m as T)));
}

/**
 * Finds the measured token markers `[R<run>T<k>]` in a byte stream, across chunk boundaries,
 * without making strings: the load generator must not spend the CPU the service needs, nor
 * pause for garbage collection while frames arrive (a pause here is counted as latency).
 */
class MarkerScanner {
  private state = 0; // 0 outside, 1 after "[", 2 run digits after "R", 3 token digits after "T"
  private run = 0;
  private token = 0;

  constructor(private readonly onMarker: (run: number, token: number) => void) {}

  scan(bytes: Buffer): void {
    for (let i = 0; i < bytes.length; i += 1) {
      const byte = bytes[i];
      const digit = byte - 48;
      switch (this.state) {
        case 1:
          this.state = byte === 82 /* R */ ? 2 : byte === 91 /* [ */ ? 1 : 0;
          this.run = 0;
          break;
        case 2:
          if (digit >= 0 && digit <= 9) this.run = this.run * 10 + digit;
          else if (byte === 84 /* T */) [this.state, this.token] = [3, 0];
          else this.state = byte === 91 ? 1 : 0;
          break;
        case 3:
          if (digit >= 0 && digit <= 9) this.token = this.token * 10 + digit;
          else {
            if (byte === 93 /* ] */) this.onMarker(this.run, this.token);
            this.state = byte === 91 ? 1 : 0;
          }
          break;
        default:
          if (byte === 91) this.state = 1;
      }
    }
  }
}

/** How a stream ended: undefined when complete, else why not. */
type Ending = string | undefined;

/**
 * Judges a stream by its last event: the service's and the relay's last frame has code 0 and
 * finish_reason `stop`; the fake model's stream ends with `data: [DONE]`. `tail` holds the
 * last two chunks, so the last event is whole in it.
 */
export function streamEnding(tail: string, direct: boolean): Ending {
  const events = tail.split('\n\n').filter((event) => event.startsWith('data: '));
  const last = events[events.length - 1];
  if (!last) return 'no event';
  if (direct) return last === 'data: [DONE]' ? undefined : `last event ${last.slice(0, 200)}`;
  try {
    const frame = JSON.parse(last.slice(6)) as {
      code?: number;
      choices?: { finish_reason?: string }[];
    };
    if (frame.code === 0 && frame.choices?.[0]?.finish_reason === 'stop') return undefined;
  } catch {
    /* reported below */
  }
  return `last frame ${last.slice(6, 300)}`;
}

/**
 * POSTs a streaming run, calls `onMarker(run, k, at)` for every measured token in its frames,
 * and answers how the stream ended (undefined: complete). Never rejects: a failed run is
 * counted, and the others go on.
 */
function stream(
  url: string,
  body: unknown,
  caller: string,
  direct: boolean,
  onMarker: (run: number, token: number, at: number) => void,
): Promise<Ending> {
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'x-consumer-username': caller,
        },
      },
      (res) => {
        let at = 0;
        const scanner = new MarkerScanner((run, token) => onMarker(run, token, at));
        // the last two chunks, kept by reference: no string per chunk (see MarkerScanner)
        let before: Buffer | undefined;
        let last: Buffer | undefined;
        res.on('data', (chunk: Buffer) => {
          at = now();
          scanner.scan(chunk);
          [before, last] = [last, chunk];
        });
        res.on('end', () => {
          if (res.statusCode !== 200) return resolve(`HTTP ${res.statusCode}`);
          const tail = Buffer.concat([before, last].filter((b) => b !== undefined));
          resolve(streamEnding(tail.toString('utf8').trim(), direct));
        });
        res.on('error', (error) => resolve(`response: ${error.message}`));
      },
    );
    req.on('error', (error) => resolve(`request: ${error.message}`));
    req.end(payload);
  });
}

async function fixtureRole(): Promise<void> {
  const fixture = await new OpenAiFixture().start();
  send({ chatUrl: fixture.chatUrl });
  const setup = await nextMessage<LoadSetup>();
  const runs = runsOf(setup);
  const { tokens: perRun, delayMs } = setup.pace;
  // preallocated: recording a write allocates nothing (no pauses of the fake model's own)
  const written = new Float64Array(runs * perRun);
  const indexOf = new Map<string, number>();
  for (let run = 0; run < runs; run += 1) {
    const tokens = Array.from({ length: perRun }, (_, k) => `[R${run}T${k}]`);
    tokens.forEach((token, k) => indexOf.set(token, run * perRun + k));
    fixture.script.add({ match: `[RUN${run}]`, tokens, delayMs });
  }
  fixture.onTokenWritten = (piece) => {
    const index = indexOf.get(piece);
    if (index !== undefined) written[index] = now();
  };
  for (let run = 0; run < WARMUP_RUNS; run += 1) {
    const tokens = Array.from({ length: 5 }, (_, k) => `[W${run}T${k}]`);
    fixture.script.add({ match: `[WARM${run}]`, tokens, delayMs: 5 });
  }
  collectGarbage();
  send({ ready: true });
  const cpuAtStart = cpuSeconds();
  await nextMessage<'report'>();
  send({ written: [...written], cpuSeconds: cpuSeconds() - cpuAtStart } satisfies FixtureReport);
}

async function clientsRole(): Promise<void> {
  const setup = await nextMessage<LoadSetup>();
  const chatUrl = setup.modelUrl ?? `${setup.base}/workflow/v1/chat/completions`;
  const direct = setup.modelUrl !== undefined;
  const { tokens: perRun, delayMs, rampMs } = setup.pace;
  const runBody = (input: string) =>
    setup.modelUrl
      ? { model: 'floor', messages: [{ role: 'user', content: input }], stream: true }
      : { flow_id: setup.flowId, parameters: { AGENT_USER_INPUT: input }, stream: true };
  for (let batch = 0; batch < WARMUP_RUNS; batch += WARMUP_BATCH) {
    await Promise.all(
      Array.from({ length: WARMUP_BATCH }, (_, k) =>
        stream(chatUrl, runBody(`[WARM${batch + k}]`), setup.caller, direct, () => undefined),
      ),
    );
  }
  collectGarbage();
  send('warmed-up');
  const runs = runsOf(setup);
  const arrived = new Float64Array(runs * perRun);
  const cpuAtStart = cpuSeconds();
  const started = now();
  let completed = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  const firstTokenMs = new Float64Array(runs);
  const open: [number, number][] = [];
  const streaming: [number, number][] = [];
  /** streams run `run`; answers when its first frame came (0: none) and whether it completed */
  const runOne = async (run: number): Promise<{ firstAt: number; ok: boolean }> => {
    let firstAt = 0;
    let seen = 0;
    const requestedAt = now();
    const ending = await stream(
      chatUrl,
      runBody(`[RUN${run}]`),
      setup.caller,
      direct,
      (r, k, at) => {
        firstAt ||= at;
        const index = r * perRun + k;
        if (r === run && k < perRun && !arrived[index]) {
          arrived[index] = at;
          seen += 1;
        }
      },
    );
    const failure = ending ?? (seen < perRun ? `${seen} of ${perRun} tokens` : undefined);
    if (failure === undefined) completed += 1;
    else {
      failed += 1;
      firstFailure ??= `run ${run}: ${failure}`;
    }
    const endedAt = now();
    open.push([requestedAt, endedAt]);
    if (firstAt) {
      firstTokenMs[run] = firstAt - requestedAt;
      streaming.push([firstAt, endedAt]);
    }
    return { firstAt, ok: failure === undefined };
  };
  const streams = setup.runs;
  const offsets = startOffsets(streams, setup.shape === 'users' ? perRun * delayMs : rampMs);
  // per stream: its first frame, when it stopped, whether all its runs completed
  const spans = await Promise.all(
    offsets.map(async (offset, user) => {
      await new Promise((r) => setTimeout(r, offset));
      const first = await runOne(user);
      let ok = first.ok;
      for (let round = 1; round < roundsOf(setup); round += 1) {
        ok = (await runOne(round * streams + user)).ok && ok;
      }
      return { firstAt: first.firstAt, stoppedAt: now(), ok };
    }),
  );
  // the window is set by the streams that went on as planned: a failed run (counted apart)
  // that stopped early must not close it for the others
  const whole = spans.filter((span) => span.ok);
  send({
    arrived: [...arrived],
    from: whole.length ? Math.max(...whole.map((span) => span.firstAt)) : 0,
    until: whole.length ? Math.min(...whole.map((span) => span.stoppedAt)) : 0,
    seconds: (now() - started) / 1000,
    cpuSeconds: cpuSeconds() - cpuAtStart,
    completed,
    failed,
    firstFailure,
    firstTokenMs: [...firstTokenMs],
    mostOpen: maxOverlap(open),
    mostStreaming: maxOverlap(streaming),
  } satisfies ClientsReport);
}

if (require.main === module) void (process.argv[2] === 'fixture' ? fixtureRole() : clientsRole());
