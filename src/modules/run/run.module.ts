import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { RUN_EVENT_REGISTRY } from '../chat/run/run-events';
import { RunCheckpointStore } from './checkpoint/run-checkpoint.store';
import { RunCheckpoints } from './checkpoint/run-checkpoints';
import { ModelEngineServices } from './model-engine-services';
import { RunEventForwarder } from './run-event-forwarder';
import { RunRegistry } from './run-registry';
import { MemoryRunStore } from './store/memory-run-store';
import { RedisRunStore } from './store/redis-run-store';

const logger = new Logger('RunModule');
const logError = (what: string) => (error: unknown) => logger.error(`${what}: ${String(error)}`);

/** Stops lease renewals and closes the registry's connections when the app stops. */
@Injectable()
class RunRegistryLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(RunRegistry) private readonly registry: RunRegistry,
    @Inject(RunEventForwarder) private readonly forwarder: RunEventForwarder,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.forwarder.close();
    await this.registry.close();
  }
}

/**
 * The run/event registry: Redis when REDIS_URL is set (shared by every instance, so a
 * `/resume` may reach any of them), else in-process memory; paused-run checkpoints in the
 * database. Global: the chat routes, the resume routes and the engine services all use them.
 */
@Global()
@Module({
  providers: [
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
      provide: RunCheckpoints,
      inject: [RunRegistry, DataSource],
      useFactory: (registry: RunRegistry, dataSource: DataSource) =>
        new RunCheckpoints(registry, new RunCheckpointStore(dataSource), logError('checkpoint')),
    },
    {
      provide: RunEventForwarder,
      inject: [RunRegistry, RunCheckpoints],
      useFactory: (registry: RunRegistry, checkpoints: RunCheckpoints) =>
        new RunEventForwarder(registry, checkpoints, logError('forwarding a paused run')),
    },
    { provide: RUN_EVENT_REGISTRY, useExisting: RunEventForwarder },
    RunRegistryLifecycle,
  ],
  exports: [
    RunRegistry,
    RUN_EVENT_REGISTRY,
    RunEventForwarder,
    RunCheckpoints,
    ModelEngineServices,
  ],
})
export class RunModule {}
