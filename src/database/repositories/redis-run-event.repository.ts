import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { closeRedis, logRedisErrors, REDIS_CLIENT_OPTIONS } from '../../core/redis/redis-client';
import { abortReason } from '../../engine';
import { metadataKey, QueueMetadata, RunEventRepository } from './run-event.repository';

const logger = new Logger('RedisRunEventRepository');

// Atomic scripts: a compare-and-set of a value, and a push that maintains the metadata hash
// (retries 0 on the first push, +1 after) with the list and the hash expiring together.
const COMPARE_AND_SET = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

const PUSH_WITH_METADATA = `
local retries = redis.call('HGET', KEYS[2], 'retries')
if retries then retries = tonumber(retries) + 1 else retries = 0 end
redis.call('HSET', KEYS[2], 'retries', retries, 'timestamp', ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return retries`;

const PUSH_IF_EMPTY = `
if redis.call('LLEN', KEYS[1]) > 0 then return 0 end
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

const MAX_IDLE_BLOCKING = 32;

type ScriptedRedis = Redis & {
  runCompareAndSet(key: string, expected: string, next: string, ttlMs: number): Promise<number>;
  runPush(list: string, meta: string, item: string, ttlMs: number, now: number): Promise<number>;
  runPushIfEmpty(list: string, item: string, ttlMs: number): Promise<number>;
};

/**
 * The shared backend (REDIS_URL): every instance sees the same events and queues, so a
 * `/resume` can be served by any of them. Blocking pops use their own connections (BLPOP
 * blocks the connection); an aborted pop drops its connection.
 */
export class RedisRunEventRepository extends RunEventRepository {
  private readonly client: ScriptedRedis;
  private readonly idleBlocking: Redis[] = [];
  private readonly busyBlocking = new Set<Redis>();

  constructor(private readonly url: string) {
    super();
    // commands of all runs issued in the same tick go out as one write (most runs cost one
    // register, one lease and one delete: under load, one socket write each was a hotspot)
    this.client = new Redis(url, {
      ...REDIS_CLIENT_OPTIONS,
      lazyConnect: false,
      enableAutoPipelining: true,
    }) as ScriptedRedis;
    logRedisErrors(this.client, (message) => logger.warn(message));
    this.client.defineCommand('runCompareAndSet', { numberOfKeys: 1, lua: COMPARE_AND_SET });
    this.client.defineCommand('runPush', { numberOfKeys: 2, lua: PUSH_WITH_METADATA });
    this.client.defineCommand('runPushIfEmpty', { numberOfKeys: 1, lua: PUSH_IF_EMPTY });
  }

  get(key: string): Promise<string | null> {
    return this.client.get(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.client.set(key, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const ttl = Math.max(1, Math.ceil(ttlMs));
    return (await this.client.set(key, value, 'PX', ttl, 'NX')) === 'OK';
  }

  async compareAndSet(
    key: string,
    expected: string,
    next: string,
    ttlMs: number,
  ): Promise<boolean> {
    const ttl = Math.max(1, Math.ceil(ttlMs));
    return (await this.client.runCompareAndSet(key, expected, next, ttl)) === 1;
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length) await this.client.del(...keys);
  }

  push(key: string, item: string, ttlMs: number, nowSec: number): Promise<number> {
    const ttl = Math.max(1, Math.ceil(ttlMs));
    return this.client.runPush(key, metadataKey(key), item, ttl, nowSec);
  }

  async pushIfEmpty(key: string, item: string, ttlMs: number): Promise<boolean> {
    const ttl = Math.max(1, Math.ceil(ttlMs));
    return (await this.client.runPushIfEmpty(key, item, ttl)) === 1;
  }

  async pop(key: string, timeoutMs: number, signal?: AbortSignal): Promise<string | null> {
    if (signal?.aborted) throw abortReason(signal);
    const connection =
      this.idleBlocking.pop() ??
      // one blocking command at a time on it: nothing to pipeline
      this.client.duplicate({ enableAutoPipelining: false });
    this.busyBlocking.add(connection);
    const onAbort = () => connection.disconnect();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // BLPOP takes seconds (fractions allowed since Redis 6); 0 would mean "forever"
      const seconds = Math.max(0.001, timeoutMs / 1000);
      const result = await connection.blpop(key, seconds);
      return result ? result[1] : null;
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.busyBlocking.delete(connection);
      if (signal?.aborted || connection.status !== 'ready') connection.disconnect();
      else if (this.idleBlocking.length < MAX_IDLE_BLOCKING) this.idleBlocking.push(connection);
      else connection.disconnect();
    }
  }

  async metadata(key: string): Promise<QueueMetadata | null> {
    const hash = await this.client.hgetall(metadataKey(key));
    if (hash.retries === undefined) return null;
    return { retries: Number(hash.retries), timestamp: Number(hash.timestamp ?? 0) };
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    for (const connection of [...this.idleBlocking, ...this.busyBlocking]) connection.disconnect();
    this.idleBlocking.length = 0;
    await closeRedis(this.client);
  }
}
