import { connect } from 'node:net';

// The shared stores of the multi-process specs: PostgreSQL (TEST_PG_URL) and a Redis database
// of the spec's own (TEST_REDIS_URL with its db index replaced), so that keys never meet the
// keys of specs running beside it.

export const TEST_PG_URL = process.env.TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/test';

/** Whether PostgreSQL's port at `url` accepts a connection (the spec skips, saying so, if not). */
export function postgresReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 5432) });
    const done = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(3000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** TEST_REDIS_URL (default local) on database `db` (REDIS_URL's path selects it). */
export function redisUrlOnDb(db: number): string {
  const url = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  url.pathname = `/${db}`;
  return url.toString();
}
