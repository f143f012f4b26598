import { Agent, request } from 'node:http';
import { OpenAiFixture } from '../test/fixtures/openai-fixture';

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
   * over `RAMP_MS` once, and are measured while all of them stream (a thundering herd).
   */
  shape: 'users' | 'burst';
  /** when set, the clients stream straight from the fake model: the harness's own floor */
  modelUrl?: string;
};
/** per token (index run × TOKENS + k): when it was written / its frame arrived; 0 = never */
export type FixtureReport = { written: number[]; cpuSeconds: number };
export type ClientsReport = {
  arrived: number[];
  /** the measured window: from when every stream had its first frame until one stream stopped */
  from: number;
  until: number;
  seconds: number;
  cpuSeconds: number;
};

export const TOKENS = 100;
export const TOKEN_DELAY_MS = 25;
/** burst: runs start at random moments over this ramp; each then streams for 2.5 s, so from the
 * end of the ramp until the first run ends all of them stream at once (the steady window) */
const RAMP_MS = 1000;
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

/** POSTs a streaming run and calls `onMarker(run, k, at)` for every measured token in its frames. */
function stream(
  url: string,
  body: unknown,
  caller: string,
  onMarker: (run: number, token: number, at: number) => void,
): Promise<void> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
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
        res.on('data', (chunk: Buffer) => {
          at = now();
          scanner.scan(chunk);
        });
        res.on('end', resolve);
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function fixtureRole(): Promise<void> {
  const fixture = await new OpenAiFixture().start();
  send({ chatUrl: fixture.chatUrl });
  const runs = runsOf(await nextMessage<LoadSetup>());
  // preallocated: recording a write allocates nothing (no pauses of the fake model's own)
  const written = new Float64Array(runs * TOKENS);
  const indexOf = new Map<string, number>();
  for (let run = 0; run < runs; run += 1) {
    const tokens = Array.from({ length: TOKENS }, (_, k) => `[R${run}T${k}]`);
    tokens.forEach((token, k) => indexOf.set(token, run * TOKENS + k));
    fixture.script.add({ match: `[RUN${run}]`, tokens, delayMs: TOKEN_DELAY_MS });
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
  const runBody = (input: string) =>
    setup.modelUrl
      ? { model: 'floor', messages: [{ role: 'user', content: input }], stream: true }
      : { flow_id: setup.flowId, parameters: { AGENT_USER_INPUT: input }, stream: true };
  for (let batch = 0; batch < WARMUP_RUNS; batch += WARMUP_BATCH) {
    await Promise.all(
      Array.from({ length: WARMUP_BATCH }, (_, k) =>
        stream(chatUrl, runBody(`[WARM${batch + k}]`), setup.caller, () => undefined),
      ),
    );
  }
  collectGarbage();
  send('warmed-up');
  const runs = runsOf(setup);
  const arrived = new Float64Array(runs * TOKENS);
  const cpuAtStart = cpuSeconds();
  const started = now();
  /** streams run `run`; answers when its first frame came (0: none) */
  const runOne = async (run: number): Promise<number> => {
    let firstAt = 0;
    await stream(chatUrl, runBody(`[RUN${run}]`), setup.caller, (markerRun, k, at) => {
      firstAt ||= at;
      const index = markerRun * TOKENS + k;
      if (markerRun < runs && k < TOKENS && !arrived[index]) arrived[index] = at;
    });
    return firstAt;
  };
  const streams = setup.runs;
  const offsets = startOffsets(
    streams,
    setup.shape === 'users' ? TOKENS * TOKEN_DELAY_MS : RAMP_MS,
  );
  // per stream: its first frame and when it stopped
  const spans = await Promise.all(
    offsets.map(async (offset, user) => {
      await new Promise((r) => setTimeout(r, offset));
      const firstAt = await runOne(user);
      for (let round = 1; round < roundsOf(setup); round += 1) await runOne(round * streams + user);
      return { firstAt, stoppedAt: now() };
    }),
  );
  send({
    arrived: [...arrived],
    from: Math.max(...spans.map((span) => span.firstAt)),
    until: Math.min(...spans.map((span) => span.stoppedAt)),
    seconds: (now() - started) / 1000,
    cpuSeconds: cpuSeconds() - cpuAtStart,
  } satisfies ClientsReport);
}

void (process.argv[2] === 'fixture' ? fixtureRole() : clientsRole());
