import { createParser } from 'eventsource-parser';

// A streaming POST over real HTTP (a child process, not supertest): the SSE frames and how long
// the client waited without a byte (before the first one and between any two).

export type Frame = Record<string, unknown>;

export interface StreamResult {
  frames: Frame[];
  /** the longest silence, from the request to the first byte or between two reads */
  longestWaitMs: number;
}

export async function postStream(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<StreamResult> {
  const frames: Frame[] = [];
  const parser = createParser({ onEvent: (event) => frames.push(JSON.parse(event.data) as Frame) });
  let last = Date.now();
  let longestWaitMs = 0;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const decoder = new TextDecoder();
  for await (const piece of res.body as unknown as AsyncIterable<Uint8Array>) {
    longestWaitMs = Math.max(longestWaitMs, Date.now() - last);
    last = Date.now();
    parser.feed(decoder.decode(piece, { stream: true }));
  }
  return { frames, longestWaitMs };
}

/** The streamed text of a release-view response. */
export function answerText(frames: Frame[]): string {
  return frames
    .map((f) => (f.choices as { delta: { content: string } }[] | undefined)?.[0].delta.content)
    .join('');
}
