import type { DatabaseSettings } from './database-url';

/**
 * Where DATABASE_URL points, safe to log: `postgres://host:port/db` without user, password or
 * query parameters (which may carry credentials too); a SQLite database is its file path.
 */
export function databaseLocation(db: DatabaseSettings): string {
  if (db.type === 'sqlite') return `sqlite:${db.url}`;
  try {
    const url = new URL(db.url);
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return `${db.type} (unparsable URL)`;
  }
}
