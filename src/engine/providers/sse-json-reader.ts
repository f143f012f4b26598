import type { DirectBody } from './node-http-fetch';

// Reads an OpenAI-style event stream (`data: <json>` events, `[DONE]` last) and hands each
// event's parsed JSON to `onData`, synchronously, as the bytes arrive. One pending read per
// stream and no generator layers: with hundreds of concurrent model streams, the per-token
// promises and buffers of a layered decoder were most of what each young-generation GC had to
// copy. Field handling follows the SSE format: `data` lines of one event are joined with "\n",
// `:` lines are comments, lines end with \n, \r\n or \r, a blank line ends an event.

/** `onData` answers false to stop reading (the rest of the body is cancelled). */
export type SseJsonHandler = (data: unknown) => boolean | void;

export async function readSseJson(
  body: ReadableStream<Uint8Array>,
  onData: SseJsonHandler,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseDataParser(onData);
  let finished = false;
  try {
    while (!parser.stopped) {
      const { done, value } = await reader.read();
      if (done) {
        parser.feed(decoder.decode(), true);
        finished = true;
        return;
      }
      parser.feed(decoder.decode(value, { stream: true }), false);
    }
  } finally {
    // stopped early (`[DONE]`, the handler, a throw): let the connection go
    if (!finished) void reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * The same, fed synchronously from the socket (a body of our node:http fetch): no promise per
 * chunk. Settles when the stream ends, `[DONE]` arrives or the handler stops or throws.
 */
export function pumpSseJson(body: DirectBody, onData: SseJsonHandler): Promise<void> {
  return new Promise((resolve, reject) => {
    const decoder = new TextDecoder();
    const parser = new SseDataParser(onData);
    body.attach({
      chunk: (bytes) => {
        try {
          parser.feed(decoder.decode(bytes, { stream: true }), false);
        } catch (error) {
          body.cancel();
          return reject(error as Error);
        }
        if (parser.stopped) {
          body.discardRest(); // `[DONE]` or the handler: the connection may serve the next call
          resolve();
        }
      },
      end: () => {
        try {
          if (!parser.stopped) parser.feed(decoder.decode(), true);
          resolve();
        } catch (error) {
          reject(error as Error);
        }
      },
      fail: reject,
    });
  });
}

/** @internal exported for tests: the line and event state across chunks */
export class SseDataParser {
  stopped = false;
  private carry = '';
  /** a trailing \r was the last char: a \n that starts the next chunk belongs to it */
  private skipLf = false;
  private data: string | null = null;

  constructor(private readonly onData: SseJsonHandler) {}

  feed(text: string, last: boolean): void {
    let start = 0;
    if (this.skipLf && text.charCodeAt(0) === 10) start = 1;
    this.skipLf = false;
    for (let i = start; i < text.length && !this.stopped; i += 1) {
      const code = text.charCodeAt(i);
      if (code !== 10 && code !== 13) continue;
      const line = this.carry + text.slice(start, i);
      this.carry = '';
      if (code === 13) {
        if (i + 1 === text.length) this.skipLf = true;
        else if (text.charCodeAt(i + 1) === 10) i += 1;
      }
      start = i + 1;
      this.line(line);
    }
    if (this.stopped) return;
    this.carry += text.slice(start);
    if (last) {
      if (this.carry) this.line(this.carry);
      this.carry = '';
      this.line(''); // an unterminated last event still counts
    }
  }

  private line(line: string): void {
    if (line === '') {
      const data = this.data;
      this.data = null;
      if (data !== null) this.dispatch(data);
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ":" comment
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field !== 'data') return; // `event`, `id`, `retry`: nothing a chat stream needs
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    this.data = this.data === null ? value : `${this.data}\n${value}`;
  }

  private dispatch(data: string): void {
    if (data.startsWith('[DONE]')) {
      this.stopped = true;
      return;
    }
    if (this.onData(JSON.parse(data)) === false) this.stopped = true;
  }
}
