import type Redis from 'ioredis';

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
