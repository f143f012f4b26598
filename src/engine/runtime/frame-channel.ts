import { DONE } from './iterator-protocol';
import type { RunFrame } from './run-frame';

// A single-consumer async queue of frames: producers push synchronously, the run's consumer
// pulls with `next()`. Cheap on the hot path: a frame pushed while the consumer waits goes
// straight to it (one resolver call), others wait in an array. A frame is let go as soon as it
// is taken: frames kept for a whole run were copied by every young-generation GC and then
// promoted, which made those pauses the service's latency tail.

export class FrameChannel {
  private items: (RunFrame | undefined)[] = [];
  private head = 0;
  private closed = false;
  private waiting: ((result: IteratorResult<RunFrame>) => void) | null = null;

  push(frame: RunFrame): void {
    if (this.closed) return;
    const waiting = this.waiting;
    if (waiting) {
      // the consumer waits only on an empty queue, so handing over keeps the order
      this.waiting = null;
      waiting({ done: false, value: frame });
      return;
    }
    this.items.push(frame);
  }

  close(): void {
    this.closed = true;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(DONE);
  }

  /** settles a pending `next()` with done now; the channel stays open */
  cancelWait(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(DONE);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** The next frame; done once the channel is closed and drained. One caller at a time. */
  next(): Promise<IteratorResult<RunFrame>> {
    if (this.head < this.items.length) return Promise.resolve({ done: false, value: this.take() });
    if (this.closed) return Promise.resolve(DONE);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  private take(): RunFrame {
    const frame = this.items[this.head] as RunFrame;
    this.items[this.head] = undefined;
    this.head += 1;
    if (this.head === this.items.length) {
      // drained (the usual case: the consumer keeps up): start over with an empty array
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    return frame;
  }
}
