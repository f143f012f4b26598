import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../core/config/app-config';
import { openDataSource, startupDataSourceOptions } from './open-data-source';

/** The TypeORM connection for the configured database; migrations run when it opens. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      // one bounded attempt that fails as one line naming DATABASE_URL, not nine retries
      useFactory: (config: AppConfig) =>
        startupDataSourceOptions(
          config.database,
          config.migrationsRun,
          config.databaseConnectTimeoutMs,
        ),
      dataSourceFactory: openDataSource,
    }),
  ],
})
export class DatabaseModule {}
