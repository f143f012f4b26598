import { createParser } from 'eventsource-parser';
import type { AddressInfo } from 'node:net';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import {
  createApps,
  input,
  messageNode,
  output,
  ref,
  releasedFlow,
  type Json,
} from '../test/chat.helpers';
import { createTestApp, type TestApp } from '../test/helpers/test-app';
import {
  edge,
  END,
  llmNode,
  openaiModel,
  optionParam,
  promptEnd,
  protocol,
  questionNode,
  START,
  start,
} from '../test/llm/llm-flows';
import { line, target } from './report';

// 1. Added latency from a fixture token leaving the fake model to the matching frame reaching
//    the client, with 200 concurrent streaming runs (start → LLM → end, release view); the
//    model and the clients run in a child process so they do not share the service's loop.
// 2. Interrupt → resume → first frame latency on Redis (start → question-answer → message → end).

/** concurrent streams: the target load, and a light load for comparison */
const LOADS = [200, 20];
const RESUMES = 50;
const REDIS_URL = 'redis://127.0.0.1:6379';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** POSTs and calls `onFrame(frame, at)` for every SSE frame (or the one JSON body). */
async function post(
  url: string,
  body: Json,
  alias: string | undefined,
  onFrame: (frame: Json, at: number) => void,
) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(alias ? { 'x-consumer-username': alias } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) {
    onFrame((await res.json()) as Json, performance.now());
    return;
  }
  const parser = createParser({
    onEvent: (e) => onFrame(JSON.parse(e.data) as Json, performance.now()),
  });
  const decoder = new TextDecoder();
  for await (const piece of res.body as unknown as AsyncIterable<Uint8Array>) {
    parser.feed(decoder.decode(piece, { stream: true }));
  }
}

async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
}

async function tokenLatency(runs: number): Promise<void> {
  // the fake model and the clients run in a child process (see llm-load.ts)
  const child = fork(join(__dirname, 'llm-load.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
  });
  const next = <T>() => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
  const { chatUrl } = await next<{ chatUrl: string }>();
  const t = await createTestApp({ RUNTIME_ENV: 'test' });
  try {
    const base = await listen(t);
    const world = await createApps(t, `bench${Date.now() % 100000}`);
    const flowId = await releasedFlow(
      t,
      world,
      protocol(
        [
          start(),
          llmNode('l', openaiModel(chatUrl), {}),
          promptEnd('{{r}}', { r: ['spark-llm::l', 'output'] }),
        ],
        [edge(START, 'spark-llm::l'), edge('spark-llm::l', END)],
      ),
    );
    const result = next<{ latencies: number[]; missing: number; seconds: number }>();
    child.send({ base, flowId, caller: world.caller, runs });
    const { latencies, missing, seconds } = await result;
    const p99 = percentile(latencies, 99);
    line(
      `token → client frame, ${runs} concurrent streams`,
      `${latencies.length} frames`,
      `${seconds.toFixed(1)} s`,
    );
    line('  added latency p50', `${percentile(latencies, 50).toFixed(2)} ms`);
    line('  added latency p99', `${p99.toFixed(2)} ms`, target(p99 <= 5, '≤ 5 ms'));
    if (missing) line('  frames without a matching token', String(missing));
  } finally {
    child.kill();
    await t.close();
  }
}

async function resumeLatency(): Promise<void> {
  const t = await createTestApp({ RUNTIME_ENV: 'test', REDIS_URL });
  try {
    const base = await listen(t);
    const world = await createApps(t, `bres${Date.now() % 100000}`);
    const qa = 'question-answer::q';
    const flowId = await releasedFlow(
      t,
      world,
      protocol(
        [
          start(),
          questionNode('q', optionParam([{ id: 'a', name: 'A', content: 'Small' }]), [
            output('query', 'string'),
            output('id', 'string'),
            output('content', 'string'),
          ]),
          messageNode('m', 'You chose {{c}}', [input('c', 'string', ref(qa, 'content'))]),
          promptEnd('', {}),
        ],
        [edge(START, qa), edge(qa, 'message::m', 'option-one-of::a'), edge('message::m', END)],
      ),
    );
    const firstFrame: number[] = [];
    for (let i = 0; i < RESUMES; i += 1) {
      let eventId = '';
      await post(
        `${base}/workflow/v1/chat/completions`,
        { flow_id: flowId, parameters: { AGENT_USER_INPUT: 'x' }, stream: true },
        world.caller,
        (frame) => {
          const data = frame.event_data as { event_id?: string } | undefined;
          if (data?.event_id) eventId = data.event_id;
        },
      );
      const sent = performance.now();
      let first: number | undefined;
      await post(
        `${base}/workflow/v1/resume`,
        { event_id: eventId, content: 'A' },
        undefined,
        (_f, at) => {
          first ??= at;
        },
      );
      firstFrame.push(first! - sent);
    }
    const p50 = percentile(firstFrame, 50);
    line(
      `interrupt → resume → first frame (Redis), ${RESUMES} runs`,
      `${p50.toFixed(2)} ms`,
      target(p50 <= 20, '≤ 20 ms'),
    );
    line('  p99', `${percentile(firstFrame, 99).toFixed(2)} ms`);
  } finally {
    await t.close();
  }
}

export async function run(): Promise<void> {
  for (const runs of LOADS) await tokenLatency(runs);
  await resumeLatency();
}
