import { DataSource, type DataSourceOptions } from 'typeorm';
import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { databaseLocation } from '../core/config/database-location';
import type { DatabaseSettings } from '../core/config/database-url';
import { StartupError } from '../core/config/startup-error';
import { dataSourceOptions } from './data-source-options';

/**
 * The module's options: the data source's, with DB_CONNECT_TIMEOUT_MS, and no retry of a
 * failed opening (`openDataSource` reports it). Preparing them can fail too (a SQLite
 * directory that cannot be created): that names DATABASE_URL as well.
 */
export function startupDataSourceOptions(
  db: DatabaseSettings,
  migrationsRun: boolean,
  connectTimeoutMs: number,
): TypeOrmModuleOptions {
  let options: DataSourceOptions;
  try {
    options = dataSourceOptions(db, migrationsRun);
  } catch (error) {
    throw new StartupError(
      `cannot open the database at ${databaseLocation(db)} (DATABASE_URL): ${reasonOf(error)}`,
    );
  }
  return { ...withConnectTimeout(options, connectTimeoutMs), toRetry: () => false };
}

/**
 * Opens the service's database once, within the connect timeout set by `withConnectTimeout`,
 * then runs pending migrations: no retry storm (TypeORM's module retries nine times, three
 * seconds apart, by default). Either failure becomes one StartupError naming DATABASE_URL,
 * without its credentials. TypeORM's module hands over the options as `dataSourceFactory`.
 */
export async function openDataSource(options?: DataSourceOptions): Promise<DataSource> {
  if (!options) throw new Error('openDataSource needs the data source options');
  const dataSource = new DataSource({ ...options, migrationsRun: false });
  const db = settingsOf(options);
  const where = databaseLocation(db);
  try {
    const timeoutMs = connectTimeoutOf(options);
    const opening = dataSource.initialize();
    await (timeoutMs === undefined ? opening : withDeadline(opening, timeoutMs));
  } catch (error) {
    if (dataSource.isInitialized) void dataSource.destroy().catch(() => undefined);
    const verb = db.type === 'sqlite' ? 'open' : 'reach';
    throw new StartupError(
      `cannot ${verb} the database at ${where} (DATABASE_URL): ${reasonOf(error)}`,
    );
  }
  if (options.migrationsRun) {
    try {
      await dataSource.runMigrations({ transaction: options.migrationsTransactionMode });
    } catch (error) {
      await dataSource.destroy().catch(() => undefined);
      throw new StartupError(
        `database migrations failed at ${where} (DATABASE_URL): ${reasonOf(error)}`,
      );
    }
  }
  return dataSource;
}

function settingsOf(options: DataSourceOptions): DatabaseSettings {
  if (options.type === 'postgres') return { type: 'postgres', url: options.url ?? '' };
  if (options.type === 'mysql') return { type: 'mysql', url: options.url ?? '' };
  return { type: 'sqlite', url: String(options.database) };
}

function connectTimeoutOf(options: DataSourceOptions): number | undefined {
  if (options.type === 'postgres') return options.connectTimeoutMS;
  if (options.type === 'mysql') return options.connectTimeout;
  return undefined;
}

/**
 * DB_CONNECT_TIMEOUT_MS as the drivers' own connect timeout (a silent host fails the attempt
 * instead of hanging) and as `openDataSource`'s deadline for the whole opening.
 */
export function withConnectTimeout(
  options: DataSourceOptions,
  timeoutMs: number,
): DataSourceOptions {
  if (options.type === 'postgres') return { ...options, connectTimeoutMS: timeoutMs };
  if (options.type === 'mysql') return { ...options, connectTimeout: timeoutMs };
  return options;
}

function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${timeoutMs} ms (DB_CONNECT_TIMEOUT_MS)`)),
      timeoutMs,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** The driver's message; connecting to every address of a name fails as an AggregateError. */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reasonOf(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    const message = error.message.split('\n')[0];
    if (message) return message;
    return typeof code === 'string' ? code : error.name;
  }
  return String(error);
}
