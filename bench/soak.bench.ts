import { answerOf, CHAT, releasedFlow, type Json } from '../test/chat.helpers';
import { OpenAiFixture } from '../test/fixtures/openai-fixture';
import { oneOptionQuestionFlow } from '../test/llm/llm-flows';
import { pythonThenJavascriptFlow, smallFlow } from './flows';
import { llmFlow } from './llm-targets';
import { openDescriptors, residentMb, Sampler, type Series } from './proc-figures';
import { leastSquaresSlope, line, verdict } from './report';
import { ServiceProcess } from './service-process';
import { postRun } from './sse-post';

// Soak: the compiled service in its own process (service-process.ts, scratch SQLite, Redis)
// under a steady mix of clients for BENCH_SOAK_SECONDS, each running one run after another:
//   streaming  — start → LLM → end, streamed from the loopback fake model (20 tokens, 20 ms);
//   non-stream — the 4-node flow (start → if-else → text-joiner → end), one JSON answer;
//   question   — start → question-answer → message → end: pauses (interrupt frame), waits a
//                moment as a user would, then answers through POST /workflow/v1/resume;
//   code       — start → Python code → JavaScript code → end (both sandboxes).
// Every run is checked: HTTP 200, every frame code 0, the stream ends (finish_reason stop, or
// interrupt before a resume) with the expected answer; anything else is an error.
// The service's resident size and open descriptors (/proc/<pid>/fd: sockets, pipes, files) are
// sampled every BENCH_SOAK_SAMPLE_S. The first 20 % is warm-up (code compiled, caches and
// sandbox pools filled, the heap sized) and left out; over the rest a least-squares slope gives
// the growth per minute, and the growth over the window (slope × its length) is judged:
//   RSS flat: growth < 5 % of the mean. V8 sizes its heap in steps of a few MB and the runs in
//     flight at a sample come and go, so a healthy service wanders by a few % around its mean;
//     a leak of 1 KB per run at this mix's ~60 runs/s would add ~28 MB over 8 minutes (≈ 9 %).
//   handles flat: growth < max(5, 1 % of the mean). Each run in flight holds a socket or two,
//     so a sample reads ± the clients' count; fitted over ~100 samples that noise leaves a
//     growth of ±2 or so, while one socket leaked per thousand runs leaves ~28.
//   errors: 0.
// Beside them, not judged: the JS heap in use and its total size, and the external memory
// (Buffers, WASM) from the service's GET /metrics, to tell where a growing RSS sits. Under
// steady load V8 lets the heap's total grow to several times what survives a collection and
// keeps the freed pages mapped, so RSS follows the heap *total* up to a ceiling and levels off
// there while the heap in use stays flat; a slope is judged on runs of the full 600 s.
// Knobs: BENCH_SOAK_SECONDS (600), BENCH_SOAK_SAMPLE_S (5),
// BENCH_SOAK_REDIS_URL (redis://127.0.0.1:6379/6), BENCH_SOAK_CLIENTS (streaming,non-stream,
// question,code clients: 8,4,2,2).

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const SAMPLE_S = Number(process.env.BENCH_SOAK_SAMPLE_S ?? 5);
const REDIS_URL = process.env.BENCH_SOAK_REDIS_URL ?? 'redis://127.0.0.1:6379/6';
const CLIENTS = (process.env.BENCH_SOAK_CLIENTS ?? '8,4,2,2').split(',').map(Number);
const WARM_UP_SHARE = 0.2;
const RSS_GROWTH_SHARE = 0.05;
const HANDLE_GROWTH = { share: 0.01, least: 5 };
/** a run longer than this is a stream that did not end */
const RUN_TIMEOUT_MS = 60_000;
const TOKENS = Array.from({ length: 20 }, (_, k) => `tok${k} `);
const INPUT = 'hi there';

interface Frames {
  status: number;
  frames: Json[];
}

type Kind = 'streaming' | 'non-stream' | 'question' | 'code';

/** what a client does once: undefined when the run went as it should, else what went wrong */
type RunOnce = () => Promise<string | undefined>;

function finishOf(frame: Json | undefined): unknown {
  return (frame?.choices as { finish_reason?: string }[] | undefined)?.[0]?.finish_reason;
}

/** what is wrong with a run's answer, or undefined */
function problem(run: Frames, finish: 'stop' | 'interrupt', answer?: string): string | undefined {
  if (run.status !== 200) return `HTTP ${run.status}`;
  const failed = run.frames.find((frame) => frame.code !== 0);
  if (failed) return `code ${String(failed.code)}: ${String(failed.message)}`;
  const last = run.frames[run.frames.length - 1];
  if (finishOf(last) !== finish) return `ended without finish_reason ${finish}`;
  if (answer === undefined) return undefined;
  const text = answerOf(run.frames);
  return text === answer ? undefined : `answer ${JSON.stringify(text)}, not ${answer}`;
}

class Mix {
  readonly runs = new Map<Kind, number>();
  readonly errors = new Map<Kind, number>();
  readonly firstErrors: string[] = [];

  constructor(
    private readonly base: string,
    private readonly caller: string,
  ) {}

  async post(path: string, body: Json, caller = this.caller): Promise<Frames> {
    const frames: Json[] = [];
    const status = await postRun(
      `${this.base}${path}`,
      body,
      caller,
      (frame) => frames.push(frame),
      AbortSignal.timeout(RUN_TIMEOUT_MS),
    );
    return { status, frames };
  }

  /** one client: runs `once` back to back until `deadline`, counting runs and errors */
  async client(kind: Kind, deadline: number, once: RunOnce): Promise<void> {
    while (Date.now() < deadline) {
      let failure: string | undefined;
      try {
        failure = await once();
      } catch (error) {
        failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
      this.runs.set(kind, (this.runs.get(kind) ?? 0) + 1);
      if (failure !== undefined) {
        this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
        if (this.firstErrors.length < 5) this.firstErrors.push(`${kind}: ${failure}`);
      }
    }
  }
}

interface Flatness {
  perMinute: number;
  growth: number;
  mean: number;
  minutes: number;
  samples: number;
}

/** least-squares growth of a series after the warm-up */
function flatness(series: Series, seconds: number): Flatness {
  const measured = series.filter(([at]) => at >= seconds * WARM_UP_SHARE);
  const perMinute = leastSquaresSlope(measured.map(([at, value]) => [at / 60, value]));
  const minutes = measured.length ? (measured[measured.length - 1][0] - measured[0][0]) / 60 : 0;
  const mean = measured.reduce((sum, [, value]) => sum + value, 0) / measured.length;
  return { perMinute, growth: perMinute * minutes, mean, minutes, samples: measured.length };
}

/** the sample at each whole minute (the last one closing the list): the curve at a glance */
/** `name`'s value in MB from the service's Prometheus text (`GET /metrics`, Node's defaults) */
async function scrapeMb(base: string, name: string): Promise<number | undefined> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1];
  return value === undefined ? undefined : Number(value) / 2 ** 20;
}

function byMinute(series: Series): string {
  const picked = series.filter(
    ([at], i) =>
      i === series.length - 1 || Math.floor(at / 60) > Math.floor((series[i - 1]?.[0] ?? -60) / 60),
  );
  return picked.map(([, value]) => value.toFixed(0)).join(' ');
}

function describe(f: Flatness, unit: string): string {
  const sign = f.growth >= 0 ? '+' : '';
  return (
    `${f.perMinute.toFixed(2)} ${unit}/min (${sign}${f.growth.toFixed(1)} ${unit} over ` +
    `${f.minutes.toFixed(1)} min, mean ${f.mean.toFixed(0)} ${unit}, ${f.samples} samples)`
  );
}

export async function run(): Promise<void> {
  const fixture = await new OpenAiFixture().start();
  fixture.script.add({ tokens: TOKENS, delayMs: 20 });
  const service = await ServiceProcess.start({ REDIS_URL });
  try {
    const world = await service.createApps(`soak${Date.now() % 100000}`);
    const app = service.asTestApp();
    const flows = {
      llm: await releasedFlow(app, world, llmFlow(fixture.chatUrl)),
      small: await releasedFlow(app, world, smallFlow()),
      question: await releasedFlow(app, world, oneOptionQuestionFlow()),
      code: await releasedFlow(app, world, pythonThenJavascriptFlow()),
    };
    const mix = new Mix(service.base, world.caller);
    const runBody = (flowId: string, stream: boolean) => ({
      flow_id: flowId,
      parameters: { AGENT_USER_INPUT: INPUT },
      stream,
    });
    const kinds: [Kind, RunOnce][] = [
      [
        'streaming',
        async () => {
          fixture.requests.length = 0; // the fake model's own record would grow for nothing
          return problem(await mix.post(CHAT, runBody(flows.llm, true)), 'stop', TOKENS.join(''));
        },
      ],
      [
        'non-stream',
        async () =>
          problem(await mix.post(CHAT, runBody(flows.small, false)), 'stop', `Hello ${INPUT}!`),
      ],
      [
        'question',
        async () => {
          const paused = await mix.post(CHAT, runBody(flows.question, true));
          const wrong = problem(paused, 'interrupt');
          if (wrong) return `before the pause: ${wrong}`;
          const last = paused.frames[paused.frames.length - 1];
          const eventId = (last.event_data as { event_id?: string } | undefined)?.event_id;
          if (!eventId) return 'interrupt frame without event_id';
          // the user reads the question for a moment
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 500));
          const resumed = await mix.post(
            '/workflow/v1/resume',
            { event_id: eventId, content: 'A' },
            '',
          );
          const after = problem(resumed, 'stop', 'You chose Small');
          return after && `resume: ${after}`;
        },
      ],
      [
        'code',
        async () =>
          problem(
            await mix.post(CHAT, runBody(flows.code, true)),
            'stop',
            `${INPUT.length}:${INPUT.length * 2}`,
          ),
      ],
    ];
    line(
      'clients: streaming / non-stream / question / code',
      CLIENTS.join(' / '),
      `for ${SECONDS} s, samples every ${SAMPLE_S} s`,
    );
    const rss = new Sampler(() => residentMb(service.pid), SAMPLE_S * 1000);
    const handles = new Sampler(() => openDescriptors(service.pid), SAMPLE_S * 1000);
    // where a growing RSS sits: the JS heap (objects kept) or outside it (buffers, WASM, native)
    const heap = new Sampler(
      () => scrapeMb(service.base, 'nodejs_heap_size_used_bytes'),
      SAMPLE_S * 1000,
    );
    const heapTotal = new Sampler(
      () => scrapeMb(service.base, 'nodejs_heap_size_total_bytes'),
      SAMPLE_S * 1000,
    );
    const external = new Sampler(
      () => scrapeMb(service.base, 'nodejs_external_memory_bytes'),
      SAMPLE_S * 1000,
    );
    const deadline = Date.now() + SECONDS * 1000;
    await Promise.all(
      kinds.flatMap(([kind, once], index) =>
        Array.from({ length: CLIENTS[index] ?? 0 }, () => mix.client(kind, deadline, once)),
      ),
    );
    const rssFlat = flatness(rss.stop(), SECONDS);
    const handlesFlat = flatness(handles.stop(), SECONDS);
    const heapFlat = flatness(heap.stop(), SECONDS);
    const externalFlat = flatness(external.stop(), SECONDS);
    heapTotal.stop();
    let runs = 0;
    let errors = 0;
    for (const [kind] of kinds) {
      runs += mix.runs.get(kind) ?? 0;
      errors += mix.errors.get(kind) ?? 0;
      line(`  ${kind}: runs / errors`, `${mix.runs.get(kind) ?? 0} / ${mix.errors.get(kind) ?? 0}`);
    }
    for (const error of mix.firstErrors) line('  error', '', error);
    line('  runs per second', (runs / SECONDS).toFixed(1));
    line('  service RSS (MB), each minute', '', byMinute(rss.series));
    line('  JS heap used (MB), each minute', '', byMinute(heap.series));
    line('  JS heap total (MB), each minute', '', byMinute(heapTotal.series));
    line('  external memory (MB), each minute', '', byMinute(external.series));
    line('  open descriptors, each minute', '', byMinute(handles.series));
    line('  JS heap used after warm-up', '', describe(heapFlat, 'MB'));
    line('  external memory after warm-up', '', describe(externalFlat, 'MB'));
    const rssLimit = RSS_GROWTH_SHARE * rssFlat.mean;
    verdict(
      'soak: RSS slope after warm-up',
      describe(rssFlat, 'MB'),
      `growth < ${RSS_GROWTH_SHARE * 100} % of mean (${rssLimit.toFixed(1)} MB)`,
      rssFlat.samples >= 3 && rssFlat.growth < rssLimit,
    );
    const handleLimit = Math.max(HANDLE_GROWTH.least, HANDLE_GROWTH.share * handlesFlat.mean);
    verdict(
      'soak: open handles slope after warm-up',
      describe(handlesFlat, 'fds'),
      `growth < max(${HANDLE_GROWTH.least}, ${HANDLE_GROWTH.share * 100} % of mean) = ${handleLimit.toFixed(1)}`,
      handlesFlat.samples >= 3 && handlesFlat.growth < handleLimit,
    );
    verdict('soak: errors', `${errors} in ${runs} runs`, '0', errors === 0 && runs > 0);
  } finally {
    await service.close();
    await fixture.close();
  }
}
