import { Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { closeRedis, logRedisErrors, REDIS_CLIENT_OPTIONS } from '../../core/redis/redis-client';
import { encodeVariable, VariableRepository } from './variable.repository';

const logger = new Logger('RedisVariableRepository');

/**
 * The shared backend (REDIS_URL): one Redis hash per scope, so every instance sees the values.
 * Connects on first use; closes its client when the app stops.
 */
export class RedisVariableRepository extends VariableRepository implements OnApplicationShutdown {
  private readonly client: Redis;

  constructor(url: string) {
    super();
    this.client = new Redis(url, { ...REDIS_CLIENT_OPTIONS, lazyConnect: true });
    logRedisErrors(this.client, (message) => logger.warn(message));
  }

  async set(scope: string, values: Record<string, unknown>): Promise<void> {
    const entries = Object.entries(values);
    if (entries.length === 0) return;
    const hash = Object.fromEntries(entries.map(([name, value]) => [name, encodeVariable(value)]));
    await this.client.hset(scope, hash);
  }

  async get(scope: string, names: readonly string[]): Promise<Record<string, unknown>> {
    if (names.length === 0) return {};
    const texts = await this.client.hmget(scope, ...names);
    const found: Record<string, unknown> = {};
    names.forEach((name, index) => {
      const text = texts[index];
      if (text === null || text === undefined) return;
      try {
        found[name] = JSON.parse(text);
      } catch {
        found[name] = text; // written by another engine: handed on as text
      }
    });
    return found;
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.client);
  }
}
