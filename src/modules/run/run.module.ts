import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import { RunRegistry } from './run-registry';
import { MemoryRunStore } from './store/memory-run-store';
import { RedisRunStore } from './store/redis-run-store';

/** Closes the registry's connections when the app stops. */
@Injectable()
class RunRegistryLifecycle implements OnApplicationShutdown {
  constructor(@Inject(RunRegistry) private readonly registry: RunRegistry) {}

  onApplicationShutdown(): Promise<void> {
    return this.registry.close();
  }
}

/**
 * The run/event registry: Redis when REDIS_URL is set (shared by every instance, so a
 * `/resume` may reach any of them), else in-process memory.
 */
@Module({
  providers: [
    {
      provide: RunRegistry,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new RunRegistry(
          config.redisUrl ? new RedisRunStore(config.redisUrl) : new MemoryRunStore(),
        ),
    },
    RunRegistryLifecycle,
  ],
  exports: [RunRegistry],
})
export class RunModule {}
