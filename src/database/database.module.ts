import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../core/config/app-config';
import { dataSourceOptions } from './data-source-options';
import { openDataSource, withConnectTimeout } from './open-data-source';

/** The TypeORM connection for the configured database; migrations run when it opens. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      // one bounded attempt that fails as one line naming DATABASE_URL, not nine retries
      useFactory: (config: AppConfig) => ({
        ...withConnectTimeout(
          dataSourceOptions(config.database, config.migrationsRun),
          config.databaseConnectTimeoutMs,
        ),
        toRetry: () => false,
      }),
      dataSourceFactory: openDataSource,
    }),
  ],
})
export class DatabaseModule {}
