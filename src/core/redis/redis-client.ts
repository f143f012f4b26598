import type Redis from 'ioredis';
import type { RedisOptions } from 'ioredis';

/**
 * Options every client of ours starts with. `disconnectTimeout`: ioredis gives a disconnected
 * socket this long to close before destroying it, on a timer that only the socket's close
 * clears — on a socket that had already closed (a client still reconnecting to a Redis that is
 * down) the timer runs out in full and keeps the process alive meanwhile (2 s by default).
 * What we disconnect we have given up on, so a short grace is enough.
 */
export const REDIS_CLIENT_OPTIONS: RedisOptions = {
  maxRetriesPerRequest: 2,
  disconnectTimeout: 100,
};

/**
 * Closes an ioredis client without hanging: QUIT only reaches a connected server (ioredis
 * queues it otherwise and keeps reconnecting), so an unconnected client is disconnected.
 */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    await client.quit().catch(() => undefined);
  }
  client.disconnect();
}

/**
 * Routes a client's connection errors to the log (ioredis prints "Unhandled error event" for
 * every failed reconnect otherwise); commands still fail on their own and surface to callers.
 */
export function logRedisErrors(client: Redis, log: (message: string) => void): void {
  let last = '';
  client.on('error', (error: Error) => {
    // one line per distinct error, not one per reconnect attempt
    if (error.message !== last) log(`redis: ${error.message}`);
    last = error.message;
  });
  client.on('ready', () => {
    last = '';
  });
}
