import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import { RUN_EVENT_REGISTRY } from '../chat/run/run-events';
import { ResumeController } from './resume/resume.controller';
import { ResumeService } from './resume/resume.service';
import { ModelEngineServices } from './model-engine-services';
import { RunEventForwarder } from './run-event-forwarder';
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
 * `/resume` may reach any of them), else in-process memory. Global: the chat routes, the
 * resume routes and the engine services all use the one registry.
 */
@Global()
@Module({
  controllers: [ResumeController],
  providers: [
    ResumeService,
    ModelEngineServices,
    {
      provide: RunRegistry,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new RunRegistry(
          config.redisUrl ? new RedisRunStore(config.redisUrl) : new MemoryRunStore(),
        ),
    },
    {
      provide: RUN_EVENT_REGISTRY,
      inject: [RunRegistry],
      useFactory: (registry: RunRegistry) => {
        const logger = new Logger('RunEventForwarder');
        return new RunEventForwarder(registry, (error) =>
          logger.error(`forwarding a paused run failed: ${String(error)}`),
        );
      },
    },
    RunRegistryLifecycle,
  ],
  exports: [RunRegistry, RUN_EVENT_REGISTRY, ModelEngineServices],
})
export class RunModule {}
