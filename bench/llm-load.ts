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
  runs: number;
  /** when set, the clients stream straight from the fake model: the harness's own floor */
  modelUrl?: string;
};
export type FixtureReport = { written: [string, number][]; cpuSeconds: number };
export type ClientsReport = {
  arrived: [string, number][];
  /** per run: first token frame and end of the stream */
  runs: { firstAt: number; endedAt: number }[];
  seconds: number;
  cpuSeconds: number;
};

export const TOKENS = 100;
export const TOKEN_DELAY_MS = 25;
/** runs start one after another over this ramp; each then streams for 2.5 s, so from the end
 * of the ramp until the first run ends all of them stream at once (the steady window) */
const RAMP_MS = 1000;
/** unmeasured runs first, so the service's code paths are compiled and its caches filled */
export const WARMUP_RUNS = 60;
const WARMUP_BATCH = 20;
const TOKEN = /\[(?:R|W)\d+T\d+\]/g;
const agent = new Agent({ keepAlive: true, maxSockets: 1000 });

const now = () => performance.timeOrigin + performance.now();

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function send(message: unknown): void {
  process.send?.(message);
}

function nextMessage<T>(): Promise<T> {
  return new Promise((resolve) => process.once('message', (m) => resolve(m as T)));
}

/**
 * POSTs a streaming run and calls `onToken(token, at)` for every scripted token in its frames.
 * A plain `node:http` client that only looks for the token markers: the load generator must
 * not spend the CPU the service needs (a full SSE + JSON parse per frame did, on 2 cores).
 */
function stream(
  url: string,
  body: unknown,
  caller: string,
  onToken: (token: string, at: number) => void,
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
        res.setEncoding('utf8');
        let carry = '';
        res.on('data', (chunk: string) => {
          const at = now();
          // a marker may be split across chunks: keep the unfinished frame for the next one
          const text = carry + chunk;
          const end = text.lastIndexOf('\n\n');
          if (end < 0) {
            carry = text;
            return;
          }
          carry = text.slice(end + 2);
          for (const match of text.slice(0, end).matchAll(TOKEN)) onToken(match[0], at);
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
  const written: [string, number][] = [];
  fixture.onTokenWritten = (piece) => written.push([piece, now()]);
  send({ chatUrl: fixture.chatUrl });
  const { runs } = await nextMessage<LoadSetup>();
  for (let run = 0; run < runs; run += 1) {
    const tokens = Array.from({ length: TOKENS }, (_, k) => `[R${run}T${k}]`);
    fixture.script.add({ match: `[RUN${run}]`, tokens, delayMs: TOKEN_DELAY_MS });
  }
  for (let run = 0; run < WARMUP_RUNS; run += 1) {
    const tokens = Array.from({ length: 5 }, (_, k) => `[W${run}T${k}]`);
    fixture.script.add({ match: `[WARM${run}]`, tokens, delayMs: 5 });
  }
  send({ ready: true });
  const cpuAtStart = cpuSeconds();
  await nextMessage<'report'>();
  send({ written, cpuSeconds: cpuSeconds() - cpuAtStart } satisfies FixtureReport);
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
  send('warmed-up');
  const arrived: [string, number][] = [];
  const cpuAtStart = cpuSeconds();
  const runs = Array.from({ length: setup.runs }, () => ({ firstAt: 0, endedAt: 0 }));
  const started = now();
  await Promise.all(
    runs.map(async (record, run) => {
      await new Promise((r) => setTimeout(r, (run * RAMP_MS) / setup.runs));
      await stream(chatUrl, runBody(`[RUN${run}]`), setup.caller, (token, at) => {
        if (!record.firstAt) record.firstAt = at;
        arrived.push([token, at]);
      });
      record.endedAt = now();
    }),
  );
  send({
    arrived,
    runs,
    seconds: (now() - started) / 1000,
    cpuSeconds: cpuSeconds() - cpuAtStart,
  } satisfies ClientsReport);
}

void (process.argv[2] === 'fixture' ? fixtureRole() : clientsRole());
