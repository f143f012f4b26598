// An async iterator whose source is made by an async step on the first `next()` (checks that
// must run when iteration starts, as an async generator's body would), then forwarded call for
// call: unlike `yield*` in an async generator, no extra promise per item.

import { canCancelWait, DONE, type CancellableWait } from './iterator-protocol';

export function lazyIterator<T>(open: () => Promise<AsyncIterator<T>>): AsyncIterableIterator<T> {
  return new LazyIterator(open);
}

class LazyIterator<T> implements AsyncIterableIterator<T>, CancellableWait {
  private inner: AsyncIterator<T> | undefined;
  private opening: Promise<AsyncIterator<T>> | undefined;
  private finished = false;
  /** settles the first `next()` while the source is still being made */
  private cancelOpening: (() => void) | undefined;

  constructor(private readonly open: () => Promise<AsyncIterator<T>>) {}

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.finished) return Promise.resolve(DONE);
    if (this.inner) return this.inner.next();
    this.opening ??= this.open();
    return new Promise((resolve, reject) => {
      let cancelled = false;
      this.cancelOpening = () => {
        cancelled = true;
        resolve(DONE);
      };
      this.opening!.then(
        (inner) => {
          this.inner = inner;
          this.cancelOpening = undefined;
          // given up on while opening: take nothing from the source for this call
          if (this.finished || cancelled) return resolve(DONE);
          inner.next().then(resolve, reject);
        },
        (error: unknown) => {
          // like a generator that threw: this call rejects, later ones are done
          this.finished = true;
          reject(error as Error);
        },
      );
    });
  }

  cancelWait(): void {
    if (this.inner && canCancelWait(this.inner)) this.inner.cancelWait();
    this.cancelOpening?.();
  }

  async return(): Promise<IteratorResult<T>> {
    if (this.finished) return DONE;
    this.finished = true;
    await this.inner?.return?.();
    return DONE;
  }
}
