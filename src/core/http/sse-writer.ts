import type { ServerResponse } from 'node:http';
import { drainedOrClosed } from '../streams/drained';
import { streamOpened } from './live-streams';

/** Response headers of every SSE answer (docs/api.md#framing). */
export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache',
  'X-Accel-Buffering': 'no',
} as const;

/**
 * The one SSE writer of the service: `data: <json>\n\n` per event, headers with the first event,
 * no `[DONE]`, no pings. Lives in core so that every streaming route (run routes, protocol build)
 * writes the same bytes without depending on the run feature.
 */
export class SseWriter {
  constructor(
    private readonly res: ServerResponse,
    /** how an event's data becomes JSON text */
    private readonly toJson: (data: object) => string = JSON.stringify,
  ) {}

  /**
   * Writes one event. Answers a promise only when the socket pushed back (it resolves once the
   * socket drained or the client went away); nothing when the event was taken at once.
   */
  write(data: object): Promise<void> | void {
    const res = this.res;
    if (res.writableEnded || res.destroyed) return;
    if (!res.headersSent) {
      res.removeHeader('Content-Length');
      res.writeHead(200, SSE_HEADERS);
      streamOpened(res);
    }
    if (!res.write(`data: ${this.toJson(data)}\n\n`)) return drainedOrClosed(res);
  }

  end(): void {
    if (!this.res.headersSent) this.res.writeHead(200, SSE_HEADERS);
    if (!this.res.writableEnded) this.res.end();
  }
}
