// Pieces of the async-iterator protocol shared by the run's frame iterators.

/** The one "iteration is over" result (frozen: safe to hand out again and again). */
export const DONE: IteratorReturnResult<undefined> = Object.freeze({
  done: true,
  value: undefined,
});

// An async iterator whose consumer may stop waiting: `cancelWait()` settles a pending `next()`
// at once with done, taking nothing away (frames not yet taken stay for a later `next()`).
// The run's frame iterators offer it so an HTTP response can give up on a client that left or
// a frame that never came without racing a fresh promise against every frame.

export interface CancellableWait {
  cancelWait(): void;
}

export function canCancelWait<T>(
  iterator: AsyncIterator<T>,
): iterator is AsyncIterator<T> & CancellableWait {
  return typeof (iterator as Partial<CancellableWait>).cancelWait === 'function';
}
