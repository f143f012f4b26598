import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

// The `fetch` the OpenAI client is given: node:http(s) with keep-alive agents, the response body
// a byte stream fed straight from the socket. Node's built-in fetch (undici) runs each body
// chunk through its own parser, a Node stream, an async iterator and a web stream before the
// SDK sees it — at 200 streaming runs that was a quarter of the service's allocations and the
// bulk of its young-generation GC work. What the SDK needs of fetch is small: a method, string
// headers, a string body, an abort signal, and a Response with status, headers and a stream.
// Redirects are not followed (model endpoints are called at their final URL).

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
/**
 * Idle keep-alive connections are closed by the agent after this, or 1 s before the timeout a
 * server announces (`Keep-Alive: timeout=5`), whichever is shorter. Node 20's agent applies
 * that announcement only when the agent has a timeout of its own; without one it kept idle
 * connections until the server closed them — and reused them as the server did.
 */
const IDLE_SOCKET_LIMIT_MS = 60_000;
/** how many times a request is sent again after a reused connection was lost (see `attempt`) */
const STALE_SOCKET_RETRIES = 2;
/** how a connection the server has closed answers the request written to it */
const STALE_SOCKET_ERRORS = new Set(['ECONNRESET', 'EPIPE']);
/** what `discardRest` reads past the reader's end before it cuts the connection instead */
const DISCARD_LIMIT = 64 * 1024;
const DISCARD_MS = 2_000;

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export function createNodeHttpFetch(): Fetch {
  // the agents' `timeout` only limits idle connections here: a socket timing out in use emits
  // an event nobody acts on (the SDK's and the provider's own timers govern requests)
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_LIMIT_MS }),
    'https:': new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_LIMIT_MS }),
  };
  return (input, init = {}) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return Promise.reject(new TypeError(`fetch: unsupported protocol ${url.protocol}`));
    }
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const body = init.body ?? undefined;
    if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      return Promise.reject(new TypeError('fetch: only string and byte bodies are supported'));
    }
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const options = {
      method: init.method ?? 'GET',
      headers,
      agent: agents[url.protocol as 'http:' | 'https:'],
    };
    /**
     * A keep-alive connection the server closes just as we reuse it (its close still on the
     * way, or not yet read by a busy loop) fails the request with a reset before any byte of
     * an answer: nothing was streamed, so the request is sent again — on another connection,
     * as the agent drops the dead one. A fresh connection's failure is final.
     */
    const attempt = (retriesLeft: number): Promise<Response> =>
      new Promise((resolve, reject) => {
        const req = send(url, options);
        const onAbort = () => req.destroy(abortError(signal!));
        const release = () => signal?.removeEventListener('abort', onAbort);
        signal?.addEventListener('abort', onAbort, { once: true });
        req.once('error', (error: NodeJS.ErrnoException) => {
          release();
          const stale = req.reusedSocket && STALE_SOCKET_ERRORS.has(error.code ?? '');
          if (stale && retriesLeft > 0 && !signal?.aborted) resolve(attempt(retriesLeft - 1));
          else reject(error);
        });
        req.once('response', (res) => resolve(toResponse(res, signal, release)));
        req.end(body);
      });
    return attempt(STALE_SOCKET_RETRIES);
  };
}

/** Where a body's bytes go: one sink per body, attached once (a web stream or a direct reader). */
export interface BodySink {
  chunk(bytes: Uint8Array): void;
  end(): void;
  fail(error: Error): void;
}

/**
 * A response body straight from the socket. Readers that can take bytes synchronously (the
 * event-stream reader of our OpenAI provider) attach here and skip the web stream and its
 * promise per chunk; everything else reads `response.body` as usual.
 */
export class DirectBody {
  private sink: BodySink | undefined;
  private settled = false;
  /** a failure before anyone reads is kept for the reader (and never left unhandled) */
  private failure: Error | undefined;

  constructor(
    private readonly res: IncomingMessage,
    private readonly source: Readable,
    private readonly signal: AbortSignal | undefined,
    private readonly release: () => void,
  ) {
    source.on('error', (error) => this.fail(error));
    // the connection went away before the body was complete (reset, abort)
    res.once('close', () => {
      if (!res.complete) this.fail(new Error('connection closed'));
    });
  }

  get attached(): boolean {
    return this.sink !== undefined;
  }

  attach(sink: BodySink): void {
    if (this.sink) throw new TypeError('fetch: the body is already being read');
    this.sink = sink;
    if (this.failure) return sink.fail(this.failure);
    this.source.on('data', (bytes: Buffer) => {
      if (!this.settled) sink.chunk(bytes); // after a cancel, what was buffered is dropped
    });
    this.source.once('end', () => {
      if (this.settled) return;
      this.settled = true;
      this.release();
      sink.end();
    });
  }

  pause(): void {
    this.source.pause();
  }

  resume(): void {
    this.source.resume();
  }

  /**
   * The reader has what it needs (a model's last chunk is in): the little that may follow (a
   * usage chunk, `[DONE]`) is read and dropped so the connection goes back to the agent for
   * the next call — for TLS endpoints that saves a handshake per call. A body that goes on for
   * more than DISCARD_LIMIT bytes or DISCARD_MS is cut instead.
   */
  discardRest(): void {
    if (this.settled) return;
    this.settled = true;
    this.release();
    let left = DISCARD_LIMIT;
    const timer = setTimeout(() => this.res.destroy(), DISCARD_MS);
    timer.unref();
    this.source.on('data', (bytes: Buffer) => {
      left -= bytes.length;
      if (left < 0) this.res.destroy();
    });
    this.source.once('end', () => clearTimeout(timer));
    this.res.once('close', () => clearTimeout(timer));
    this.source.resume();
  }

  /** no more reading: the connection is closed */
  cancel(): void {
    if (this.settled) return;
    this.settled = true;
    this.release();
    this.res.destroy();
  }

  private fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.release();
    // an abort surfaces as the abort (what the SDK checks for), not as the reset it causes;
    // a connection lost mid-body reads as it does with Node's fetch
    const reported = this.signal?.aborted
      ? abortError(this.signal)
      : new TypeError('terminated', { cause: error });
    if (this.sink) this.sink.fail(reported);
    else this.failure = reported;
  }
}

const DIRECT_BODIES = new WeakMap<Response, DirectBody>();

/** The socket-level body of a response made by this fetch, unless its web stream is in use. */
export function directBodyOf(response: Response): DirectBody | undefined {
  const direct = DIRECT_BODIES.get(response);
  return direct && !direct.attached && !response.bodyUsed ? direct : undefined;
}

function toResponse(
  res: IncomingMessage,
  signal: AbortSignal | undefined,
  release: () => void,
): Response {
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  const init = { status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers };
  if (NULL_BODY_STATUSES.has(init.status)) {
    res.once('end', release).resume();
    return new Response(null, init);
  }
  const direct = new DirectBody(res, decoded(res), signal, release);
  // the web stream attaches on its first read (highWaterMark 0: nothing is pulled before), so
  // a direct reader may take the body instead
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (direct.attached) return direct.resume();
        direct.attach({
          chunk: (bytes) => {
            controller.enqueue(bytes);
            if ((controller.desiredSize ?? 0) <= 0) direct.pause();
          },
          end: () => controller.close(),
          fail: (error) => controller.error(error),
        });
      },
      cancel() {
        direct.cancel();
      },
    },
    { highWaterMark: 0 },
  );
  const response = new Response(body, init);
  DIRECT_BODIES.set(response, direct);
  return response;
}

/** The body with its content encoding undone, as fetch does. */
function decoded(res: IncomingMessage): Readable {
  const encoding = res.headers['content-encoding']?.trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  if (!decoder) return res;
  res.on('error', (error) => decoder.destroy(error));
  return res.pipe(decoder);
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException('This operation was aborted', 'AbortError');
}

/** One per process: its agents keep connections to model endpoints alive across runs. */
export const nodeHttpFetch: Fetch = createNodeHttpFetch();
