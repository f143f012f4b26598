import type { ServerResponse } from 'node:http';

// How many SSE responses are open in this process (the `astron_live_streams` gauge reads it).
// A plain counter, kept by the one SSE writer: a response counts from its SSE headers to its
// end or the client going away.

let open = 0;
const COUNTED = Symbol('live-stream');

/** The response just sent its SSE headers. */
export function streamOpened(res: ServerResponse): void {
  const marked = res as ServerResponse & { [COUNTED]?: true };
  if (marked[COUNTED]) return;
  marked[COUNTED] = true;
  open += 1;
  res.once('close', () => {
    open -= 1;
  });
}

export function liveStreams(): number {
  return open;
}
