import { abortReason, waitForDelivery } from '../../engine';
import { metadataKey, QueueMetadata, RunEventRepository } from './run-event.repository';

interface Entry {
  expiresAt: number;
  value?: string;
  list?: string[];
  meta?: QueueMetadata;
}

/** a pop waiting for an item (null: the repository is closing) */
type Waiter = (item: string | null) => void;

/**
 * The in-process backend (default without REDIS_URL). Expiry is checked on access and swept
 * once a minute; a push hands its item straight to the oldest waiting pop.
 */
export class MemoryRunEventRepository extends RunEventRepository {
  private readonly entries = new Map<string, Entry>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    super();
    this.sweeper = setInterval(() => this.sweep(), 60_000).unref();
  }

  get(key: string): Promise<string | null> {
    return Promise.resolve(this.live(key)?.value ?? null);
  }

  set(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    return Promise.resolve();
  }

  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return Promise.resolve(false);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    return Promise.resolve(true);
  }

  compareAndSet(key: string, expected: string, next: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)?.value !== expected) return Promise.resolve(false);
    this.entries.set(key, { value: next, expiresAt: this.now() + ttlMs });
    return Promise.resolve(true);
  }

  delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
    return Promise.resolve();
  }

  push(key: string, item: string, ttlMs: number, nowSec: number): Promise<number> {
    const expiresAt = this.now() + ttlMs;
    const previous = this.live(metadataKey(key))?.meta;
    const retries = previous ? previous.retries + 1 : 0;
    this.entries.set(metadataKey(key), { meta: { retries, timestamp: nowSec }, expiresAt });
    const waiter = this.waiters.get(key)?.shift();
    if (waiter) {
      waiter(item);
      return Promise.resolve(retries);
    }
    const entry = this.live(key);
    const list = entry?.list ?? [];
    list.push(item);
    this.entries.set(key, { list, expiresAt });
    return Promise.resolve(retries);
  }

  pushIfEmpty(key: string, item: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)?.list?.length) return Promise.resolve(false);
    const waiter = this.waiters.get(key)?.shift();
    if (waiter) waiter(item);
    else this.entries.set(key, { list: [item], expiresAt: this.now() + ttlMs });
    return Promise.resolve(true);
  }

  pop(key: string, timeoutMs: number, signal?: AbortSignal): Promise<string | null> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const item = this.live(key)?.list?.shift();
    if (item !== undefined) return Promise.resolve(item);
    return waitForDelivery<string | null>(
      (waiter) => {
        const queue = this.waiters.get(key) ?? [];
        queue.push(waiter);
        this.waiters.set(key, queue);
      },
      (waiter) => this.stopWaiting(key, waiter),
      timeoutMs,
      signal,
    );
  }

  private stopWaiting(key: string, waiter: Waiter): void {
    const queue = this.waiters.get(key);
    const index = queue?.indexOf(waiter) ?? -1;
    if (index >= 0) queue!.splice(index, 1);
    if (queue?.length === 0) this.waiters.delete(key);
  }

  metadata(key: string): Promise<QueueMetadata | null> {
    return Promise.resolve(this.live(metadataKey(key))?.meta ?? null);
  }

  /** Stops the sweeper; pending pops end as timed out. */
  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    for (const queue of [...this.waiters.values()]) for (const waiter of [...queue]) waiter(null);
    return Promise.resolve();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    for (const key of this.entries.keys()) this.live(key);
  }
}
