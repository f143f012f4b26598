import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { createParser } from 'eventsource-parser';
import { AppException } from '../../../core/errors/app.exception';
import { ErrorCode } from '../../../core/errors/error-code';
import { type CancellableWait, FrameChannel, type RunFrame } from '../../../engine';
import { RunOutcome, RunResponseOptions, writeRunResponse } from './run-response';
import { frame, sampleRun } from '../testing/frames';

// The pump against a real HTTP server and client: framing, headers, ending, failures, abort.

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let handler: Handler;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Serves one response through writeRunResponse; resolves with its outcome. */
function serve(options: Omit<RunResponseOptions, 'res' | 'sid'>): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    handler = (_req, res) => {
      writeRunResponse({ ...options, res, sid: 'sid-1' }).then(resolve, reject);
    };
  });
}

async function* fromArray(frames: RunFrame[]): AsyncGenerator<RunFrame> {
  for (const f of frames) yield f;
}

/** Frames from a channel, as the run hands them over: a wait can be cut short. */
function channelFrames(channel: FrameChannel): AsyncIterableIterator<RunFrame> & CancellableWait {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => channel.next(),
    cancelWait: () => channel.cancelWait(),
    return: () => {
      channel.close();
      return Promise.resolve({ done: true, value: undefined });
    },
  };
}

async function readSse(response: Response): Promise<{ raw: string; events: unknown[] }> {
  const raw = await response.text();
  const events: unknown[] = [];
  const parser = createParser({ onEvent: (e) => events.push(JSON.parse(e.data)) });
  parser.feed(raw);
  return { raw, events };
}

describe('writeRunResponse', () => {
  it('streams release frames as SSE and closes after the stop frame', async () => {
    const abort = new AbortController();
    const outcome = serve({ frames: fromArray(sampleRun()), view: 'release', stream: true, abort });
    const response = await fetch(base);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('content-length')).toBeNull();
    const { raw, events } = await readSse(response);
    expect(raw).not.toContain('[DONE]');
    expect(
      raw
        .split('\n\n')
        .filter(Boolean)
        .every((line) => line.startsWith('data: {')),
    ).toBe(true);
    expect(events).toHaveLength(5);
    expect(events[0]).toMatchObject({ id: 'sid-1', workflow_step: { seq: 1 } });
    expect(events[4]).toMatchObject({ choices: [{ finish_reason: 'stop' }] });
    expect(await outcome).toBe('stop');
    expect(abort.signal.aborted).toBe(false); // a finished run is not cancelled
  });

  it('answers one JSON body when not streaming', async () => {
    const outcome = serve({ frames: fromArray(sampleRun()), view: 'debug', stream: false });
    const response = await fetch(base);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = await response.json();
    expect(body).toMatchObject({
      code: 0,
      id: 'sid-1',
      choices: [{ delta: { content: 'Hi thereBye!' } }],
    });
    expect(await outcome).toBe('stop');
  });

  it('turns a raised run error into its failure frame', async () => {
    async function* failing(): AsyncGenerator<RunFrame> {
      yield frame({ node: 'flow_obj' });
      throw new AppException(ErrorCode.FLOW_NOT_FOUND_ERROR);
    }
    const outcome = serve({ frames: failing(), view: 'debug', stream: true });
    const { events } = await readSse(await fetch(base));
    expect(events[1]).toMatchObject({
      code: 20201,
      message: 'Flow ID not found',
      workflow_step: { seq: 0, progress: 1 },
      choices: [{ finish_reason: 'stop' }],
    });
    expect(await outcome).toBe('stop');
  });

  it('gives up with 20804 when no frame arrives in time and aborts the run', async () => {
    const abort = new AbortController();
    async function* stalled(): AsyncGenerator<RunFrame> {
      yield frame({ node: 'message::m', content: 'a' });
      await new Promise((resolve) => abort.signal.addEventListener('abort', resolve));
    }
    const outcome = serve({
      frames: stalled(),
      view: 'release',
      stream: true,
      abort,
      frameWaitMs: 50,
    });
    const { events } = await readSse(await fetch(base));
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ code: 20804, message: 'OpenAPI output timeout' });
    expect(events[1]).not.toHaveProperty('workflow_step');
    expect(await outcome).toBe('timeout');
    expect(abort.signal.aborted).toBe(true);
  });

  it('aborts the run when the client disconnects', async () => {
    const abort = new AbortController();
    let finalized = false;
    async function* endless(): AsyncGenerator<RunFrame> {
      try {
        for (;;) {
          yield frame({ node: 'message::m', content: 'tick' });
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      } finally {
        finalized = true;
      }
    }
    const outcome = serve({ frames: endless(), view: 'release', stream: true, abort });
    const client = new AbortController();
    const response = await fetch(base, { signal: client.signal });
    const reader = response.body!.getReader();
    await reader.read();
    client.abort();
    expect(await outcome).toBe('disconnected');
    expect(abort.signal.aborted).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(finalized).toBe(true);
  });

  it("cuts a run's pending wait short: timeout and disconnect without another frame", async () => {
    // the channel never yields after the first frame: only cancelWait can end these waits
    const stalled = new FrameChannel();
    stalled.push(frame({ node: 'message::m', content: 'a' }));
    const abort = new AbortController();
    const timedOut = serve({
      frames: channelFrames(stalled),
      view: 'release',
      stream: true,
      abort,
      frameWaitMs: 50,
    });
    const { events } = await readSse(await fetch(base));
    expect(events[events.length - 1]).toMatchObject({ code: 20804 });
    expect(await timedOut).toBe('timeout');
    expect(abort.signal.aborted).toBe(true);

    const idle = new FrameChannel();
    idle.push(frame({ node: 'message::m', content: 'b' }));
    const left = serve({ frames: channelFrames(idle), view: 'release', stream: true });
    const client = new AbortController();
    const reader = (await fetch(base, { signal: client.signal })).body!.getReader();
    await reader.read();
    client.abort();
    expect(await left).toBe('disconnected');
    expect(idle.isClosed).toBe(true); // the response let go of the run
  });

  it('hands a paused run to the interrupt hook instead of aborting it', async () => {
    const abort = new AbortController();
    const interrupt = frame({ node: 'question-answer::q', finish: 'interrupt' });
    const after = frame({ node: 'flow_obj', finish: 'stop', progress: 1 });
    let rest: AsyncIterator<RunFrame> | undefined;
    const outcome = serve({
      frames: fromArray([interrupt, after]),
      view: 'release',
      stream: true,
      abort,
      hooks: { onInterrupt: (_chunk, remaining) => void (rest = remaining) },
    });
    const { events } = await readSse(await fetch(base));
    expect(events).toHaveLength(1);
    expect(await outcome).toBe('interrupt');
    expect(abort.signal.aborted).toBe(false);
    expect((await rest!.next()).value).toBe(after);
  });

  it('stops pulling frames while the client does not read (backpressure)', async () => {
    const big = 'x'.repeat(64 * 1024);
    const total = 200; // ~13 MB, far beyond socket buffers
    let pulled = 0;
    async function* flood(): AsyncGenerator<RunFrame> {
      for (let i = 0; i < total; i += 1) {
        pulled += 1;
        yield frame({ node: 'message::m', content: big });
      }
      yield frame({ node: 'flow_obj', finish: 'stop', progress: 1 });
    }
    const outcome = serve({ frames: flood(), view: 'debug', stream: true });
    const response = await fetch(base);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the client reads nothing yet
    expect(pulled).toBeLessThan(total / 2);
    const { events } = await readSse(response);
    expect(events).toHaveLength(total + 1);
    expect(await outcome).toBe('stop');
  });

  it('reports a run that ends without a terminal frame as 20805', async () => {
    const outcome = serve({
      frames: fromArray([frame({ node: 'message::m', content: 'a' })]),
      view: 'release',
      stream: false,
    });
    const body = await (await fetch(base)).json();
    expect(body).toMatchObject({ code: 20805, message: 'OpenAPI output error' });
    expect(await outcome).toBe('incomplete');
  });
});
