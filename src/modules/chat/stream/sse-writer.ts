import type { ServerResponse } from 'node:http';
import { noteResponseCode } from '../../../core/logging/response-code';
import { drainedOrClosed } from '../../../core/streams/drained';
import type { ChunkObject } from '../../../engine/runtime/run-frame';
import { compactJson, sseEvent } from './chunk-json';

// The two transports of a run response: an SSE stream (docs/api.md#framing) or one JSON body
// (docs/api.md#non-streaming-response). Both report whether the client is still there and respect backpressure.

export interface ChunkSink {
  /**
   * Writes one chunk. Answers a promise only when the socket pushed back (it resolves once the
   * socket drained or the client went away); nothing when the chunk was taken at once.
   */
  write(chunk: ChunkObject): Promise<void> | void;
  end(): void;
}

export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache',
  'X-Accel-Buffering': 'no',
} as const;

/** `data: <json>\n\n` per frame, headers on the first frame, no `[DONE]`, no pings. */
export class SseSink implements ChunkSink {
  constructor(private readonly res: ServerResponse) {}

  write(chunk: ChunkObject): Promise<void> | void {
    const res = this.res;
    if (res.writableEnded || res.destroyed) return;
    noteResponseCode(res, chunk.code); // the last chunk's code is the run's
    if (!res.headersSent) {
      res.removeHeader('Content-Length');
      res.writeHead(200, SSE_HEADERS);
    }
    if (!res.write(sseEvent(chunk))) return drainedOrClosed(res);
  }

  end(): void {
    if (!this.res.headersSent) this.res.writeHead(200, SSE_HEADERS);
    if (!this.res.writableEnded) this.res.end();
  }
}

/** A single JSON object as the whole body (non-streaming runs). */
export class JsonSink implements ChunkSink {
  private written = false;

  constructor(private readonly res: ServerResponse) {}

  write(chunk: ChunkObject): void {
    const res = this.res;
    if (this.written || res.writableEnded || res.destroyed) return;
    this.written = true;
    noteResponseCode(res, chunk.code);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(compactJson(chunk));
  }

  end(): void {
    if (!this.res.writableEnded) this.res.end();
  }
}
