// An async iterator whose source is made by an async step on the first `next()` (checks that
// must run when iteration starts, as an async generator's body would), then forwarded call for
// call: unlike `yield*` in an async generator, no extra promise per item.

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

export function lazyIterator<T>(open: () => Promise<AsyncIterator<T>>): AsyncIterableIterator<T> {
  return new LazyIterator(open);
}

class LazyIterator<T> implements AsyncIterableIterator<T> {
  private inner: AsyncIterator<T> | undefined;
  private opening: Promise<AsyncIterator<T>> | undefined;
  private finished = false;

  constructor(private readonly open: () => Promise<AsyncIterator<T>>) {}

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.finished) return Promise.resolve(DONE);
    if (this.inner) return this.inner.next();
    this.opening ??= this.open();
    return this.opening.then(
      (inner) => {
        this.inner = inner;
        return this.finished ? DONE : inner.next();
      },
      (error: unknown) => {
        // like a generator that threw: this call rejects, later ones are done
        this.finished = true;
        throw error;
      },
    );
  }

  async return(): Promise<IteratorResult<T>> {
    if (this.finished) return DONE;
    this.finished = true;
    await this.inner?.return?.();
    return DONE;
  }
}
