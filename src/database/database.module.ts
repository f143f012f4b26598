import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../core/config/app-config';
import { openDataSource, startupDataSourceOptions } from './open-data-source';
import { RepositoriesModule } from './repositories/repositories.module';

/**
 * The TypeORM connection for the configured database (migrations run when it opens) and the
 * repositories over it and over the Redis stores.
 */
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
    RepositoriesModule,
  ],
  exports: [RepositoriesModule],
})
export class DatabaseModule {}
