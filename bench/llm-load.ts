import { createParser } from 'eventsource-parser';
import { OpenAiFixture } from '../test/fixtures/openai-fixture';

// Child process of llm.bench.ts: the fake model and the 200 streaming clients live here, away
// from the service's event loop, and share one clock, so "token written → frame received" is
// what the service adds (plus two loopback hops).

type Setup = { base: string; flowId: string; caller: string; runs: number };

const TOKENS = 40;
const TOKEN_DELAY_MS = 25;
/** runs start one after another over this ramp, then all stream at once (1 s per stream) */
const RAMP_MS = 1000;

function send(message: unknown): void {
  process.send?.(message);
}

async function stream(
  url: string,
  body: unknown,
  caller: string,
  onFrame: (content: string, at: number) => void,
) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-consumer-username': caller },
    body: JSON.stringify(body),
  });
  const parser = createParser({
    onEvent: (e) => {
      const frame = JSON.parse(e.data) as { choices: { delta: { content: string } }[] };
      onFrame(frame.choices[0].delta.content, performance.now());
    },
  });
  const decoder = new TextDecoder();
  for await (const piece of res.body as unknown as AsyncIterable<Uint8Array>) {
    parser.feed(decoder.decode(piece, { stream: true }));
  }
}

async function main(): Promise<void> {
  const fixture = await new OpenAiFixture().start();
  const written = new Map<string, number>();
  fixture.onTokenWritten = (piece) => written.set(piece, performance.now());
  send({ chatUrl: fixture.chatUrl });
  const setup = await new Promise<Setup>((resolve) =>
    process.once('message', (m) => resolve(m as Setup)),
  );
  for (let run = 0; run < setup.runs; run += 1) {
    const tokens = Array.from({ length: TOKENS }, (_, k) => `[R${run}T${k}]`);
    fixture.script.add({ match: `[RUN${run}]`, tokens, delayMs: TOKEN_DELAY_MS });
  }
  const latencies: number[] = [];
  let missing = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: setup.runs }, async (_, run) => {
      await new Promise((r) => setTimeout(r, (run * RAMP_MS) / setup.runs));
      await stream(
        `${setup.base}/workflow/v1/chat/completions`,
        { flow_id: setup.flowId, parameters: { AGENT_USER_INPUT: `[RUN${run}]` }, stream: true },
        setup.caller,
        (content, at) => {
          if (!content) return;
          const sent = written.get(content);
          if (sent === undefined) missing += 1;
          else latencies.push(at - sent);
        },
      );
    }),
  );
  send({ latencies, missing, seconds: (performance.now() - started) / 1000 });
  await fixture.close();
}

void main();
