import type { RunFrame } from './run-frame';

// A single-consumer async queue of frames: producers push synchronously, the run's async
// iterator pulls. Cheap on the hot path (one array push, one resolver call at most).

export class FrameChannel {
  private readonly items: RunFrame[] = [];
  private head = 0;
  private closed = false;
  private wake: (() => void) | null = null;

  push(frame: RunFrame): void {
    if (this.closed) return;
    this.items.push(frame);
    this.signal();
  }

  close(): void {
    this.closed = true;
    this.signal();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private signal(): void {
    const wake = this.wake;
    if (wake) {
      this.wake = null;
      wake();
    }
  }

  async *frames(): AsyncGenerator<RunFrame> {
    for (;;) {
      while (this.head < this.items.length) {
        const frame = this.items[this.head];
        this.head += 1;
        if (this.head > 1024 && this.head * 2 > this.items.length) {
          this.items.splice(0, this.head);
          this.head = 0;
        }
        yield frame;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}
