import type { EventEmitter } from 'node:events';

/**
 * Resolves once a writable that pushed back drained, or closed (its reader went away). Both
 * listeners go when either fires, so waiting after every push-back leaves nothing behind.
 */
export function drainedOrClosed(writable: EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      writable.off('drain', done);
      writable.off('close', done);
      resolve();
    };
    writable.on('drain', done);
    writable.on('close', done);
  });
}
