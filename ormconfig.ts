import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfigFromEnvironment } from './src/core/config/app-config';
import { dataSourceOptions } from './src/database/data-source-options';

// Data source for the TypeORM CLI (`npm run migration:generate` / `migration:run`): the same
// options the service uses, from the same DATABASE_URL.
export default new DataSource(dataSourceOptions(loadConfigFromEnvironment().database, false));
