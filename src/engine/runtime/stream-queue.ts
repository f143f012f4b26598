import type { StreamChunk } from './node-result';

// One producer → output-node queue (spec/engine.md §3.9). Every frame is kept, so each unit
// that references the producer replays from the first frame; reads wait at most
// `frameWaitMs` per frame and then stop silently.
// Readers are plain iterators rather than async generators: per streamed token they cost one
// promise at most, and one timer per reader is re-armed instead of a new timer per wait.

export const STREAM_FRAME_WAIT_MS = 120_000;

export class StreamQueue {
  private readonly items: StreamChunk[] = [];
  private ended = false;
  /** open readers (usually one): each is woken on a push and checks whether it waits */
  private readers: QueueReader[] = [];

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
  open(reader: QueueReader): void {
    this.readers.push(reader);
  }

  /** @internal */
  close(reader: QueueReader): void {
    const i = this.readers.indexOf(reader);
    if (i >= 0) this.readers.splice(i, 1);
  }

  private wakeAll(): void {
    // no per-token set or array churn: a woken reader that is not waiting does nothing
    const readers = this.readers;
    for (let i = 0; i < readers.length; i += 1) readers[i].wake();
  }

  read(
    signal: AbortSignal,
    frameWaitMs = STREAM_FRAME_WAIT_MS,
  ): AsyncIterableIterator<StreamChunk> {
    return new QueueReader(this, signal, frameWaitMs);
  }
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/** One pass over a queue from its first chunk. */
class QueueReader implements AsyncIterableIterator<StreamChunk> {
  private index = 0;
  private finished = false;
  private pending: ((result: IteratorResult<StreamChunk>) => void) | null = null;
  private timer: NodeJS.Timeout | undefined;
  private readonly onAbort = () => this.settle();

  constructor(
    private readonly queue: StreamQueue,
    private readonly signal: AbortSignal,
    private readonly frameWaitMs: number,
  ) {
    signal.addEventListener('abort', this.onAbort, { once: true });
    queue.open(this);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<StreamChunk> {
    return this;
  }

  next(): Promise<IteratorResult<StreamChunk>> {
    const ready = this.take();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => {
      this.pending = resolve;
      if (this.timer) this.timer.refresh();
      else this.timer = setTimeout(() => this.settle(), this.frameWaitMs);
    });
  }

  return(): Promise<IteratorResult<StreamChunk>> {
    this.finish();
    return Promise.resolve(DONE);
  }

  /** @internal a chunk arrived or the queue ended */
  wake(): void {
    if (!this.pending) return;
    const ready = this.take();
    if (ready) this.deliver(ready);
  }

  /** the next chunk, the end, or null when the reader has to wait */
  private take(): IteratorResult<StreamChunk> | null {
    if (this.finished) return DONE;
    const chunk = this.queue.itemAt(this.index);
    if (chunk) {
      this.index += 1;
      return { done: false, value: chunk };
    }
    if (this.queue.hasEnded || this.signal.aborted) {
      this.finish();
      return DONE;
    }
    return null;
  }

  /** aborted or timed out while waiting: the read stops silently */
  private settle(): void {
    if (!this.pending) return;
    this.finish();
    this.deliver(DONE);
  }

  private deliver(result: IteratorResult<StreamChunk>): void {
    const resolve = this.pending!;
    this.pending = null;
    resolve(result);
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.timer);
    this.signal.removeEventListener('abort', this.onAbort);
    this.queue.close(this);
  }
}
