import { ConfigError } from './config.schema';

export type DatabaseType = 'sqlite' | 'postgres' | 'mysql';

export interface DatabaseSettings {
  type: DatabaseType;
  /** sqlite: file path (or `:memory:`); others: the connection URL */
  url: string;
}

/** Parses DATABASE_URL: `sqlite:<path>`, `postgres://…`/`postgresql://…`, `mysql://…`/`mariadb://…`. */
export function parseDatabaseUrl(raw: string, variable = 'DATABASE_URL'): DatabaseSettings {
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path) throw new ConfigError(variable, 'needs a file path after "sqlite:"');
    return { type: 'sqlite', url: path };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) return { type: 'postgres', url: raw };
  if (/^(mysql|mariadb):\/\//.test(raw)) {
    return { type: 'mysql', url: raw.replace(/^mariadb:/, 'mysql:') };
  }
  throw new ConfigError(variable, `must start with sqlite:, postgres:// or mysql://, got "${raw}"`);
}
