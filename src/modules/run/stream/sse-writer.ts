import type { ServerResponse } from 'node:http';
import { SseWriter } from '../../../core/http/sse-writer';
import { noteResponseCode } from '../../../core/logging/response-code';
import type { ChunkObject } from '../../../engine';
import { compactJson } from './chunk-json';

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

/** The run's frames over the service's SSE writer, null-valued keys omitted (docs/api.md#chunk-object). */
export class SseSink extends SseWriter implements ChunkSink {
  constructor(private readonly response: ServerResponse) {
    super(response, compactJson);
  }

  override write(chunk: ChunkObject): Promise<void> | void {
    noteResponseCode(this.response, chunk.code); // the last chunk's code is the run's
    return super.write(chunk);
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
