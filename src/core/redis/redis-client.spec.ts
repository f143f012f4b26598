import { createHook } from 'node:async_hooks';
import Redis from 'ioredis';
import { closeRedis, REDIS_CLIENT_OPTIONS } from './redis-client';

// Against the Redis the machine runs (127.0.0.1:6379, as the Redis e2e specs use).
const REDIS_URL = 'redis://127.0.0.1:6379';

type TimerLike = { _destroyed?: boolean; _idleTimeout?: number; hasRef(): boolean };

/** Runs `work` and answers the timers it armed that still hold the process `afterMs` later. */
async function timersLeftBy(work: () => Promise<void>, afterMs: number): Promise<number[]> {
  const armed: TimerLike[] = [];
  const hook = createHook({
    init(_id, type, _trigger, resource) {
      if (type === 'Timeout') armed.push(resource as TimerLike);
    },
  }).enable();
  try {
    await work();
  } finally {
    hook.disable();
  }
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  return armed
    .filter((timer) => !timer._destroyed && timer.hasRef())
    .map((timer) => timer._idleTimeout ?? -1);
}

describe('closeRedis', () => {
  it('closes a connected client and leaves nothing armed', async () => {
    const client = new Redis(REDIS_URL, { ...REDIS_CLIENT_OPTIONS, lazyConnect: true });
    await client.connect();
    await client.ping();
    expect(await timersLeftBy(() => closeRedis(client), 50)).toEqual([]);
    expect(client.status).toBe('end');
  });

  it('stops a client that cannot connect: no more reconnects, no timer kept past the grace', async () => {
    const client = new Redis('redis://127.0.0.1:1', {
      ...REDIS_CLIENT_OPTIONS,
      lazyConnect: true,
      retryStrategy: () => 10,
    });
    client.on('error', () => undefined);
    let attempts = 0;
    client.on('reconnecting', () => (attempts += 1));
    void client.connect().catch(() => undefined);
    await new Promise((resolve) => client.once('reconnecting', resolve));
    const left = await timersLeftBy(() => closeRedis(client), 250);
    const attemptsAfter = attempts;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(left).toEqual([]);
    expect(attempts).toBe(attemptsAfter);
  });
});
