import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { AppException } from '../../core/errors/app.exception';
import { RunRegistry } from './run-registry';
import { MemoryRunEventRepository } from '../../database/repositories/memory-run-event.repository';
import { RedisRunEventRepository } from '../../database/repositories/redis-run-event.repository';
import type { RunEventRepository } from '../../database/repositories/run-event.repository';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

type Adapter = {
  name: string;
  open: () => { a: RunEventRepository; b: RunEventRepository };
  cleanup: (prefix: string) => Promise<void>;
};

const adapters: Adapter[] = [
  {
    name: 'memory',
    open: () => {
      const store = new MemoryRunEventRepository();
      return { a: store, b: store };
    },
    cleanup: async () => undefined,
  },
  {
    name: 'redis',
    // two stores = two service instances sharing one Redis
    open: () => ({
      a: new RedisRunEventRepository(REDIS_URL),
      b: new RedisRunEventRepository(REDIS_URL),
    }),
    cleanup: async (prefix) => {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    },
  },
];

describe.each(adapters)('RunRegistry on $name', (adapter) => {
  const prefix = `test:${randomUUID()}:event:`;
  let stores: { a: RunEventRepository; b: RunEventRepository };
  let one: RunRegistry;
  let two: RunRegistry;

  beforeAll(() => {
    stores = adapter.open();
    one = new RunRegistry(stores.a, prefix);
    two = new RunRegistry(stores.b, prefix);
  });
  afterAll(async () => {
    await adapter.cleanup(prefix);
    await stores.a.close();
    if (stores.b !== stores.a) await stores.b.close();
  });

  const newId = () => randomUUID();
  const codeOf = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppException);
    return [(error as AppException).code, (error as AppException).message];
  };

  it('creates a running record with defaults, visible to another instance', async () => {
    const id = newId();
    await one.create({ event_id: id, app_id: 'app', flow_id: 'f', is_stream: false });
    expect(await two.get(id)).toEqual({
      event_id: id,
      app_id: 'app',
      uid: '',
      flow_id: 'f',
      chat_id: '',
      is_stream: false,
      status: 'running',
      timeout: 180,
      interrupt_node: '',
    });
  });

  it('moves running → interrupt → running and refuses a second resume', async () => {
    const id = newId();
    await one.create({ event_id: id });
    expect(await codeOf(two.acceptResume(id))).toEqual([
      23900,
      'Conversation has timed out or does not exist(Current event is not paused)',
    ]);
    await one.pauseAt(id, 'question-answer::q1', 60);
    expect((await two.get(id))?.status).toBe('interrupt');
    const accepted = await two.acceptResume(id);
    expect(accepted).toMatchObject({
      status: 'running',
      interrupt_node: 'question-answer::q1',
      timeout: 60,
    });
    expect((await codeOf(one.acceptResume(id)))[0]).toBe(23900);
    await one.clearInterruptNode(id);
    expect((await one.get(id))?.interrupt_node).toBe('');
  });

  it('accepts exactly one of two concurrent resumes', async () => {
    const id = newId();
    await one.create({ event_id: id });
    await one.markInterrupted(id);
    const outcomes = await Promise.allSettled([one.acceptResume(id), two.acceptResume(id)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
  });

  it('answers 23900 for a missing event', async () => {
    expect(await codeOf(one.acceptResume('nope'))).toEqual([
      23900,
      'Conversation has timed out or does not exist',
    ]);
  });

  it('expires a record after its own timeout, not another one', async () => {
    const short = newId();
    const long = newId();
    await one.create({ event_id: short, timeout: 0.15 });
    await one.create({ event_id: long });
    await new Promise((r) => setTimeout(r, 250));
    await one.create({ event_id: newId() }); // a later save does not revive the short one
    expect(await two.get(short)).toBeNull();
    expect(await two.get(long)).not.toBeNull();
  });

  it('delivers a reply across instances to a waiting node, with retries metadata', async () => {
    const id = newId();
    const record = await one.create({ event_id: id });
    const waiting = one.waitReply(id, 'question-answer::q1', 5000);
    await new Promise((r) => setTimeout(r, 20));
    const before = Math.floor(Date.now() / 1000);
    expect(
      await two.pushReply(record, 'question-answer::q1', { event_type: 'resume', content: 'A' }),
    ).toBe(0);
    expect(await waiting).toEqual({ event_type: 'resume', content: 'A', retries: 0 });
    expect(
      await two.pushReply(record, 'question-answer::q1', { event_type: 'ignore', content: '' }),
    ).toBe(1);
    expect(await one.waitReply(id, 'question-answer::q1', 1000)).toEqual({
      event_type: 'ignore',
      content: '',
      retries: 1,
    });
    const meta = await one.replyMetadata(id, 'question-answer::q1');
    expect(meta?.retries).toBe(1);
    expect(meta!.timestamp).toBeGreaterThanOrEqual(before);
  });

  it('times out a wait with null', async () => {
    const started = Date.now();
    expect(await one.waitReply(newId(), 'question-answer::q1', 100)).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('aborts a wait, and a later reply still reaches the next waiter', async () => {
    const id = newId();
    const record = await one.create({ event_id: id });
    const controller = new AbortController();
    const aborted = one.waitReply(id, 'n::1', 5000, controller.signal);
    setTimeout(() => controller.abort(new Error('run cancelled')), 20);
    await expect(aborted).rejects.toThrow('run cancelled');
    await two.pushReply(record, 'n::1', { event_type: 'resume', content: 'late' });
    expect((await one.waitReply(id, 'n::1', 1000))?.content).toBe('late');
  });

  it('forwards run output in order to another instance, and delete clears it', async () => {
    const id = newId();
    await one.create({ event_id: id });
    for (const n of [1, 2, 3]) await one.pushOutput(id, { n }, 60);
    expect(await two.waitOutput(id, 1000)).toEqual({ n: 1 });
    expect(await two.waitOutput(id, 1000)).toEqual({ n: 2 });
    await one.delete(id);
    expect(await two.get(id)).toBeNull();
    expect(await two.waitOutput(id, 50)).toBeNull();
  });

  it('leases a paused run to one instance at a time', async () => {
    const id = newId();
    await one.heartbeat('instance-1', 5000);
    expect(await one.holdRun(id, 'instance-1', 5000)).toBe(true);
    expect(await one.holdRun(id, 'instance-1', 5000)).toBe(true); // renewal
    expect(await two.holdRun(id, 'instance-2', 5000)).toBe(false);
    expect(await two.runIsHeld(id)).toBe(true);
    await one.releaseRun(id);
    expect(await two.runIsHeld(id)).toBe(false);
    expect(await two.holdRun(id, 'instance-2', 100)).toBe(true);
    await new Promise((r) => setTimeout(r, 150));
    expect(await one.runIsHeld(id)).toBe(false); // the holder died: the lease lapses
  });

  it('lets a live lease of a dead instance be taken over at once, by one taker', async () => {
    const id = newId();
    await one.heartbeat('old', 5000);
    expect(await one.holdRun(id, 'old', 60_000)).toBe(true);
    await two.heartbeat('new-a', 5000);
    await two.heartbeat('new-b', 5000);
    expect(await two.takeRun(id, 'new-a', 5000)).toBe(false); // the holder is alive
    await one.endHeartbeat('old'); // (a crash: the heartbeat lapses)
    expect(await two.runIsHeld(id)).toBe(false);
    const taken = await Promise.all([
      two.takeRun(id, 'new-a', 5000),
      one.takeRun(id, 'new-b', 5000),
    ]);
    expect(taken.filter(Boolean)).toHaveLength(1);
    expect(await one.runIsHeld(id)).toBe(true);
  });

  it('keeps concurrent record changes (compare-and-set)', async () => {
    const id = newId();
    await one.create({ event_id: id });
    await Promise.all([one.pauseAt(id, 'question-answer::x', 120), two.markInterrupted(id)]);
    expect(await one.get(id)).toMatchObject({
      status: 'interrupt',
      interrupt_node: 'question-answer::x',
      timeout: 120,
    });
  });
});
