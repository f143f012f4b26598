// Storage primitives the run registry needs (docs/api.md#run-events): values with a per-key TTL,
// compare-and-set, FIFO lists with blocking pop, and the `<queue>:metadata` hash. Two backends:
// in-process memory (one instance) and Redis (shared by every instance). An abstract class, not
// an interface, so that it can name the injected backend.

export interface QueueMetadata {
  /** 0 after the first push, +1 per later push */
  retries: number;
  /** Unix seconds of the last push */
  timestamp: number;
}

export abstract class RunEventRepository {
  abstract get(key: string): Promise<string | null>;
  abstract set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Writes the value only if the key does not exist; true when written. */
  abstract setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Writes `next` only if the key still holds `expected`; true when written. */
  abstract compareAndSet(
    key: string,
    expected: string,
    next: string,
    ttlMs: number,
  ): Promise<boolean>;
  abstract delete(...keys: string[]): Promise<void>;
  /**
   * Appends to the list `key` and updates `key:metadata`; list and metadata expire `ttlMs`
   * after this push. Returns the metadata's new `retries`.
   */
  abstract push(key: string, item: string, ttlMs: number, nowSec: number): Promise<number>;
  /**
   * Takes the oldest item of `key`, waiting up to `timeoutMs` for one; null on timeout. Rejects
   * with the signal's reason when it aborts.
   */
  abstract pop(key: string, timeoutMs: number, signal?: AbortSignal): Promise<string | null>;
  /**
   * Appends to the list `key` only when it is empty, leaving `key:metadata` as it is (an item
   * handed again after its taker died). True when pushed.
   */
  abstract pushIfEmpty(key: string, item: string, ttlMs: number): Promise<boolean>;
  abstract metadata(key: string): Promise<QueueMetadata | null>;
  /** Resolves when the backend answers (readiness). */
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}

export const metadataKey = (key: string): string => `${key}:metadata`;
