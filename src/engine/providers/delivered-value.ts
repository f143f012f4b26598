import { abortReason } from './idle-timer';

/**
 * Waits for a value another caller hands over (a queue pop, a reply): `enlist(deliver)` puts the
 * waiter where the producer will find it, `unlist(deliver)` takes it out again. Resolves with
 * the delivered value, with null after `timeoutMs`, or rejects with the signal's reason when it
 * aborts; whichever comes first unlists the waiter.
 */
export function waitForDelivery<T>(
  enlist: (deliver: (value: T) => void) => void,
  unlist: (deliver: (value: T) => void) => void,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<T | null> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T | null>((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      unlist(deliver);
    };
    const deliver = (value: T) => {
      finish();
      resolve(value);
    };
    const onAbort = () => {
      finish();
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      finish();
      resolve(null);
    }, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    enlist(deliver);
  });
}
