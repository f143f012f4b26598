import { AsyncLocalStorage } from 'node:async_hooks';
import type { SpanContext } from './trace-context';

// The incoming request's `traceparent`, kept for the duration of its handling so that the run it
// starts (deep inside the run feature) can parent its span to the caller's without the header
// being threaded through every request object.

const scope = new AsyncLocalStorage<SpanContext | undefined>();

export function withCallerSpan<T>(caller: SpanContext | undefined, work: () => T): T {
  return scope.run(caller, work);
}

/** The caller's span of the request being handled, if it sent one. */
export function callerSpan(): SpanContext | undefined {
  return scope.getStore();
}
