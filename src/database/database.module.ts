import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../core/config/app-config';
import { dataSourceOptions } from './data-source-options';
import { RepositoriesModule } from './repositories/repositories.module';

/**
 * The TypeORM connection for the configured database (migrations run when it opens) and the
 * repositories over it and over the Redis stores.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => dataSourceOptions(config.database, config.migrationsRun),
    }),
    RepositoriesModule,
  ],
  exports: [RepositoriesModule],
})
export class DatabaseModule {}
