import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { Transactions } from '../transactions';
import { AppSourceRepository } from './app-source.repository';
import { AppRepository } from './app.repository';
import { FlowRepository } from './flow.repository';
import { LicenseRepository } from './license.repository';
import { MemoryRunEventRepository } from './memory-run-event.repository';
import { MemoryVariableRepository } from './memory-variable.repository';
import { NodeHistoryRepository } from './node-history.repository';
import { RedisRunEventRepository } from './redis-run-event.repository';
import { RedisVariableRepository } from './redis-variable.repository';
import { RunCheckpointRepository } from './run-checkpoint.repository';
import { RunEventRepository } from './run-event.repository';
import { RunRecordRepository } from './run-record.repository';
import { VariableRepository } from './variable.repository';

/**
 * Every repository and the transaction runner, for any module to inject (global: persistence is shared by the feature
 * modules, and importing it from one of them would couple them). Run events and node variables
 * live in Redis when REDIS_URL is set (shared by every instance), else in process memory.
 */
@Global()
@Module({
  providers: [
    AppRepository,
    AppSourceRepository,
    FlowRepository,
    LicenseRepository,
    NodeHistoryRepository,
    RunRecordRepository,
    Transactions,
    {
      // built here: its second parameter (the clock) is for tests, not for injection
      provide: RunCheckpointRepository,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new RunCheckpointRepository(dataSource),
    },
    {
      provide: RunEventRepository,
      inject: [AppConfig],
      useFactory: (config: AppConfig): RunEventRepository =>
        config.redisUrl
          ? new RedisRunEventRepository(config.redisUrl)
          : new MemoryRunEventRepository(),
    },
    {
      provide: VariableRepository,
      inject: [AppConfig],
      useFactory: (config: AppConfig): VariableRepository =>
        config.redisUrl
          ? new RedisVariableRepository(config.redisUrl)
          : new MemoryVariableRepository(),
    },
  ],
  exports: [
    AppRepository,
    AppSourceRepository,
    FlowRepository,
    LicenseRepository,
    NodeHistoryRepository,
    RunCheckpointRepository,
    RunEventRepository,
    RunRecordRepository,
    VariableRepository,
    Transactions,
  ],
})
export class RepositoriesModule {}
