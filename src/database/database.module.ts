import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../core/config/app-config';
import { dataSourceOptions } from './data-source-options';

/** The TypeORM connection for the configured database; migrations run when it opens. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => dataSourceOptions(config.database, config.migrationsRun),
    }),
  ],
})
export class DatabaseModule {}
