import { createParser } from 'eventsource-parser';
import type { Json } from '../test/chat.helpers';

// One run request against the service, as a client makes it: POSTs, then calls `onFrame` for
// every SSE frame as it arrives (or once for a plain JSON answer). Answers the HTTP status.

export async function postRun(
  url: string,
  body: Json,
  alias: string | undefined,
  onFrame: (frame: Json, at: number) => void,
  signal?: AbortSignal,
): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(alias ? { 'x-consumer-username': alias } : {}),
    },
    body: JSON.stringify(body),
    signal,
  });
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) {
    onFrame((await res.json()) as Json, performance.now());
    return res.status;
  }
  const parser = createParser({
    onEvent: (e) => onFrame(JSON.parse(e.data) as Json, performance.now()),
  });
  const decoder = new TextDecoder();
  for await (const piece of res.body as unknown as AsyncIterable<Uint8Array>) {
    parser.feed(decoder.decode(piece, { stream: true }));
  }
  return res.status;
}
