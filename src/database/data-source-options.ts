import type { DataSourceOptions } from 'typeorm';
import type { DatabaseSettings } from '../core/config/database-url';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { sqliteConnectionSetup } from './sqlite-connection';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * TypeORM options for the configured database. Schema comes from migrations only (never
 * `synchronize`); `migrationsRun` applies pending ones when the data source initialises.
 */
export function dataSourceOptions(db: DatabaseSettings, migrationsRun: boolean): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun,
    synchronize: false,
    logging: false,
  } as const;
  switch (db.type) {
    case 'sqlite':
      if (db.url !== ':memory:') mkdirSync(dirname(db.url), { recursive: true });
      return {
        ...common,
        type: 'better-sqlite3',
        database: db.url,
        enableWAL: db.url !== ':memory:',
        prepareDatabase: sqliteConnectionSetup(db.url !== ':memory:'),
      };
    case 'postgres':
      return { ...common, type: 'postgres', url: db.url };
    case 'mysql':
      return { ...common, type: 'mysql', url: db.url, charset: 'utf8mb4', timezone: 'Z' };
  }
}
