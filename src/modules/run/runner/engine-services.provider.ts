import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import Redis from 'ioredis';
import { closeRedis, logRedisErrors, REDIS_CLIENT_OPTIONS } from '../../../core/redis/redis-client';
import { AppConfig } from '../../../core/config/app-config';
import {
  type EngineServices,
  MemoryVariableStore,
  RedisVariableStore,
  type VariableStore,
} from '../../../engine';

/**
 * Engine services contributed by other modules (model providers, code runners, the interrupt
 * registry…), provided under this token as objects whose `services` member holds their part of
 * `EngineServices`. Modules that own such services list them here by provider (see
 * `WorkflowRunnerModule`); the runner merges them.
 */
export interface EngineServiceSource {
  readonly services: Partial<EngineServices>;
}

export const ENGINE_SERVICE_SOURCES = Symbol('ENGINE_SERVICE_SOURCES');

/**
 * The `EngineServices` every run receives: the node-variable store (Redis when REDIS_URL is
 * set, else in-process memory) plus whatever the other modules contribute.
 */
@Injectable()
export class RunEngineServices implements OnApplicationShutdown {
  readonly services: Partial<EngineServices>;
  private readonly redis?: Redis;
  private readonly logger = new Logger('RunEngineServices');

  constructor(
    config: AppConfig,
    @Optional() @Inject(ENGINE_SERVICE_SOURCES) sources: EngineServiceSource[] | null = null,
  ) {
    let variables: VariableStore;
    if (config.redisUrl) {
      this.redis = new Redis(config.redisUrl, { ...REDIS_CLIENT_OPTIONS, lazyConnect: true });
      logRedisErrors(this.redis, (message) => this.logger.warn(message));
      variables = new RedisVariableStore(this.redis);
    } else {
      variables = new MemoryVariableStore();
    }
    this.services = Object.assign({ variables }, ...(sources ?? []).map((s) => s.services));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis) await closeRedis(this.redis);
  }
}
