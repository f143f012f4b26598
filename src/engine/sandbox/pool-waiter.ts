import type { SandboxSlot } from './sandbox-slot';

/**
 * Asked before a sandbox is started for a run: throws to refuse the start (the run fails with
 * that error), else answers the function to call once the start is over.
 */
export type StartGate = () => () => void;

/** A run waiting for a sandbox: queued, or waiting for a fresh one started for it. */
export interface Waiter {
  tenant: string;
  /** times a later waiter of the freed sandbox's tenant went first (bounded: no starvation) */
  passed: number;
  /** answered, failed or gone (aborted, pool closed); settles once */
  settled: boolean;
  /** hands the slot over; false if the waiter had already settled (the slot is not taken) */
  resolve: (slot: SandboxSlot) => boolean;
  reject: (error: Error) => void;
  /** see `StartGate` */
  gate?: StartGate;
}

/**
 * A waiter that settles exactly once: handed a slot, failed, or gone when its signal aborts
 * (then `hooks.aborted` takes it out of wherever it waits). `hooks.settled` runs on each end.
 */
export function newWaiter(
  tenant: string,
  signal: AbortSignal | undefined,
  resolve: (slot: SandboxSlot) => void,
  reject: (error: Error) => void,
  hooks: { aborted: () => void; settled: () => void },
): Waiter {
  const settle = () => {
    waiter.settled = true;
    hooks.settled();
    signal?.removeEventListener('abort', onAbort);
  };
  const waiter: Waiter = {
    tenant,
    passed: 0,
    settled: false,
    resolve: (slot) => {
      if (waiter.settled) return false;
      settle();
      resolve(slot);
      return true;
    },
    reject: (error) => {
      if (waiter.settled) return;
      settle();
      reject(error);
    },
  };
  const onAbort = () => {
    hooks.aborted();
    waiter.reject(new Error('run aborted while waiting for a sandbox'));
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  return waiter;
}
