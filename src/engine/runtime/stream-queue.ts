import type { StreamChunk } from './node-result';

// One producer → output-node queue (spec/engine.md §3.9). Every frame is kept, so each unit
// that references the producer replays from the first frame; reads wait at most
// `frameWaitMs` per frame and then stop silently.

export const STREAM_FRAME_WAIT_MS = 120_000;

export class StreamQueue {
  private readonly items: StreamChunk[] = [];
  private ended = false;
  private waiters: (() => void)[] = [];

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

  private wakeAll(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  async *read(
    signal: AbortSignal,
    frameWaitMs = STREAM_FRAME_WAIT_MS,
  ): AsyncGenerator<StreamChunk> {
    let index = 0;
    // one abort listener per reader, not per wait: EventTarget listeners are costly per frame
    let settle: ((arrived: boolean) => void) | null = null;
    const onAbort = () => settle?.(false);
    const onArrival = () => settle?.(true);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        while (index < this.items.length) yield this.items[index++];
        if (this.ended || signal.aborted) return;
        const arrived = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => settle?.(false), frameWaitMs);
          settle = (value: boolean) => {
            settle = null;
            clearTimeout(timer);
            resolve(value);
          };
          this.waiters.push(onArrival);
        });
        if (!arrived) return;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
}
