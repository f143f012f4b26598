import type { StreamChunk } from './node-result';

// One producer → output-node queue (docs/engine.md#output-rendering). Every frame is kept, so each unit
// that references the producer replays from the first frame; reads wait at most
// `frameWaitMs` per frame and then stop silently.
// A pass over the queue is a drain: chunks go to a synchronous handler as they are pushed (no
// promise per streamed token), with one re-armed timer per pass for the per-frame wait.

export const STREAM_FRAME_WAIT_MS = 120_000;

export class StreamQueue {
  private readonly items: StreamChunk[] = [];
  private ended = false;
  /** open passes (usually one), woken on every push */
  private readers: QueueListener[] = [];

  push(chunk: StreamChunk): void {
    if (this.ended) return;
    this.items.push(chunk);
    if (chunk.end || (chunk.code !== undefined && chunk.code !== 0)) this.ended = true;
    this.wakeAll();
  }

  /** no more frames (producer finished or the run stopped) */
  end(): void {
    this.ended = true;
    this.wakeAll();
  }

  get hasEnded(): boolean {
    return this.ended;
  }

  /** @internal the reader's view */
  itemAt(index: number): StreamChunk | undefined {
    return this.items[index];
  }

  /** @internal */
  open(reader: QueueListener): void {
    this.readers.push(reader);
  }

  /** @internal */
  close(reader: QueueListener): void {
    const i = this.readers.indexOf(reader);
    if (i >= 0) this.readers.splice(i, 1);
  }

  private wakeAll(): void {
    // a woken pass may finish and leave the list: walk a copy when there are several
    const readers = this.readers.length > 1 ? this.readers.slice() : this.readers;
    for (let i = 0; i < readers.length; i += 1) readers[i].wake();
  }

  /**
   * One pass from the first chunk, handing each chunk to `take` synchronously — inside the
   * producer's push once caught up, so a streamed token reaches its output node without a
   * promise per chunk. `take` answers true to stop; the promise resolves with the chunk it
   * stopped at, or undefined when the stream ended, the run stopped or a chunk took longer than
   * `frameWaitMs`. A `take` that throws rejects the promise (never the producer's push).
   */
  drain(
    signal: AbortSignal,
    take: (chunk: StreamChunk) => boolean,
    frameWaitMs = STREAM_FRAME_WAIT_MS,
  ): Promise<StreamChunk | undefined> {
    return new Promise((resolve, reject) => {
      new QueueDrain(this, signal, frameWaitMs, take, resolve, reject).start();
    });
  }
}

/** What a queue wakes on a push: a reader or a drain. */
interface QueueListener {
  wake(): void;
}

/** `StreamQueue.drain`: pushes chunks into a synchronous handler. */
class QueueDrain implements QueueListener {
  private index = 0;
  private finished = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly onAbort = () => this.finish(undefined);

  constructor(
    private readonly queue: StreamQueue,
    private readonly signal: AbortSignal,
    private readonly frameWaitMs: number,
    private readonly take: (chunk: StreamChunk) => boolean,
    private readonly resolve: (stoppedAt: StreamChunk | undefined) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  start(): void {
    this.signal.addEventListener('abort', this.onAbort, { once: true });
    this.queue.open(this);
    this.wake();
  }

  /** a chunk arrived, the queue ended, or the pass starts: take what is there */
  wake(): void {
    if (this.finished) return;
    for (;;) {
      const chunk = this.queue.itemAt(this.index);
      if (!chunk) break;
      this.index += 1;
      let stop: boolean;
      try {
        stop = this.take(chunk);
      } catch (error) {
        this.finish(undefined, error);
        return;
      }
      if (stop) return this.finish(chunk);
    }
    if (this.queue.hasEnded || this.signal.aborted) return this.finish(undefined);
    // waiting for the next chunk: at most frameWaitMs (one timer per pass, re-armed)
    if (this.timer) this.timer.refresh();
    else this.timer = setTimeout(() => this.finish(undefined), this.frameWaitMs);
  }

  private finish(stoppedAt: StreamChunk | undefined, error?: unknown): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.timer);
    this.signal.removeEventListener('abort', this.onAbort);
    this.queue.close(this);
    if (error !== undefined) this.reject(error);
    else this.resolve(stoppedAt);
  }
}
