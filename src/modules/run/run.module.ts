import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { ReadinessRegistry } from '../../core/health/readiness.registry';
import { AppConfig } from '../../core/config/app-config';
import { RunCheckpointRepository } from '../../database/repositories/run-checkpoint.repository';
import { RunEventRepository } from '../../database/repositories/run-event.repository';
import { RUN_EVENT_REGISTRY } from './runner/run-events';
import { RunCheckpoints } from './checkpoint/run-checkpoints';
import { ModelEngineServices } from './model-engine-services';
import { RunEventForwarder } from './run-event-forwarder';
import { RunRegistry } from './run-registry';
import { RUN_OWNERS, type RunOwners } from '../tenancy/run-owners';

const logger = new Logger('RunModule');
const logError = (what: string) => (error: unknown) => logger.error(`${what}: ${String(error)}`);

/**
 * Reports the registry's store to /ready when it is Redis; stops lease renewals and closes the
 * registry's connections when the app stops.
 */
@Injectable()
class RunRegistryLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(RunRegistry) private readonly registry: RunRegistry,
    @Inject(RunEventForwarder) private readonly forwarder: RunEventForwarder,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.redisUrl) this.readiness.register('redis', () => this.registry.ping());
  }

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
      inject: [RunEventRepository],
      useFactory: (events: RunEventRepository) => new RunRegistry(events),
    },
    {
      provide: RunCheckpoints,
      inject: [RunRegistry, RunCheckpointRepository],
      useFactory: (registry: RunRegistry, checkpoints: RunCheckpointRepository) =>
        new RunCheckpoints(registry, checkpoints, logError('checkpoint')),
    },
    {
      provide: RunEventForwarder,
      inject: [RunRegistry, RunCheckpoints],
      useFactory: (registry: RunRegistry, checkpoints: RunCheckpoints) =>
        new RunEventForwarder(registry, checkpoints, logError('forwarding a paused run')),
    },
    { provide: RUN_EVENT_REGISTRY, useExisting: RunEventForwarder },
    {
      // strict-mode resume checks: the live event, else the paused run's checkpoint
      provide: RUN_OWNERS,
      inject: [RunRegistry, RunCheckpoints],
      useFactory: (registry: RunRegistry, checkpoints: RunCheckpoints): RunOwners => ({
        ownerOf: async (eventId) =>
          (await registry.get(eventId)) ?? (await checkpoints.load(eventId))?.event ?? null,
      }),
    },
    RunRegistryLifecycle,
  ],
  exports: [
    RunRegistry,
    RUN_EVENT_REGISTRY,
    RunEventForwarder,
    RunCheckpoints,
    ModelEngineServices,
    RUN_OWNERS,
  ],
})
export class RunModule {}
