import { SandboxReply } from './code-runner';
import type { SandboxJob, SandboxSlot } from './sandbox-slot';
import { WarmPool, WarmPoolOptions } from './warm-pool';

// WarmPool against fake sandboxes on fake timers: targeted cases for aborts, failed starts and
// crashes around a cold start, then seeded random sequences of runs, aborts, crashes and slow
// or failing starts, after which every run has settled and every sandbox is reusable.

/** How the next fake sandbox starts. */
interface StartPlan {
  /** ms until it is ready (or fails); Infinity = never on its own */
  delayMs: number;
  fails?: boolean;
  /** `kill` while starting leaves `ready` pending (a terminated worker thread does that) */
  silentKill?: boolean;
  /** cleanup after each job, awaited through `idle()` */
  resetMs?: number;
}

/** What a fake job does, carried in `job.code`. */
interface JobPlan {
  id: string;
  tenant: string;
  ms: number;
  /** `crash`: the sandbox dies at the end of the job */
  end: 'ok' | 'runtime' | 'crash';
}

const TIMEOUT_MS = 500;
const KILL_GRACE_MS = 50;

class FakeSlot implements SandboxSlot {
  readonly ready: Promise<void>;
  alive = true;
  started = false;
  readonly tenants = new Set<string>();
  private running?: { timer: ReturnType<typeof setTimeout>; resolve: (r: SandboxReply) => void };
  private readonly cleanups = new Set<() => void>();
  private failStart?: (error: Error) => void;

  constructor(
    private readonly world: World,
    readonly plan: StartPlan,
  ) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.failStart = reject;
      if (!Number.isFinite(plan.delayMs)) return;
      setTimeout(() => {
        if (!this.alive) return;
        if (plan.fails) {
          this.alive = false;
          reject(new Error('fake sandbox failed to start'));
        } else {
          this.started = true;
          resolve();
        }
      }, plan.delayMs);
    });
    this.ready.catch(() => undefined);
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  execute(job: SandboxJob): Promise<SandboxReply> {
    if (!this.alive) return Promise.resolve(crashed());
    const plan = JSON.parse(job.code) as JobPlan;
    const world = this.world;
    if (!this.started) world.violations.push(`${plan.id} ran on a sandbox not started`);
    if (this.running) world.violations.push(`${plan.id} ran on a busy sandbox`);
    if (world.signals.get(plan.id)?.aborted) world.violations.push(`${plan.id} ran after abort`);
    this.tenants.add(plan.tenant);
    if (world.tenantAffine && this.tenants.size > 1) {
      world.violations.push(`a sandbox served ${[...this.tenants].join(', ')}`);
    }
    world.executed.push(plan.id);
    world.executing += 1;
    world.maxExecuting = Math.max(world.maxExecuting, world.executing);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (plan.end === 'crash') return this.kill();
        this.finish({ status: plan.end, text: plan.id, stdout: '' });
      }, plan.ms);
      this.running = { timer, resolve };
    });
  }

  idle(): Promise<void> {
    const resetMs = this.plan.resetMs ?? 0;
    if (resetMs === 0 || !this.alive) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.cleanups.delete(done);
        resolve();
      };
      const timer = setTimeout(done, resetMs);
      this.cleanups.add(done);
    });
  }

  residentBytes(): number | undefined {
    return undefined;
  }

  kill(): void {
    if (!this.alive) return;
    this.alive = false;
    if (!this.started && !this.plan.silentKill) {
      this.failStart?.(new Error('fake sandbox killed while starting'));
    }
    if (this.running) clearTimeout(this.running.timer);
    this.finish(crashed());
    for (const done of [...this.cleanups]) done();
  }

  private finish(reply: SandboxReply): void {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    this.world.executing -= 1;
    running.resolve(reply);
  }
}

function crashed(): SandboxReply {
  return { status: 'crashed', text: 'fake sandbox stopped', stdout: '' };
}

class World {
  readonly slots: FakeSlot[] = [];
  readonly violations: string[] = [];
  /** run ids in the order their jobs started */
  readonly executed: string[] = [];
  readonly signals = new Map<string, AbortSignal>();
  executing = 0;
  maxExecuting = 0;
  tenantAffine = true;
  nextStart: () => StartPlan = () => ({ delayMs: 100 });
  createThrows: () => boolean = () => false;
  /** plans for the next sandboxes, before `nextStart` */
  readonly queuedStarts: StartPlan[] = [];

  readonly create = (): SandboxSlot => {
    if (this.createThrows()) throw new Error('fake spawn failed');
    const slot = new FakeSlot(this, this.queuedStarts.shift() ?? this.nextStart());
    this.slots.push(slot);
    return slot;
  };

  get live(): FakeSlot[] {
    return this.slots.filter((slot) => slot.alive);
  }
}

interface Tracked {
  id: string;
  settled: boolean;
  /** reply status, or `rejected` */
  outcome?: string;
  abort: () => void;
}

let runCount = 0;

function startRun(
  pool: WarmPool,
  world: World,
  tenant: string,
  job: Partial<Omit<JobPlan, 'id' | 'tenant'>> & { preAborted?: boolean } = {},
): Tracked {
  const id = `run${(runCount += 1)}`;
  const controller = new AbortController();
  if (job.preAborted) controller.abort();
  world.signals.set(id, controller.signal);
  const code = JSON.stringify({ id, tenant, ms: job.ms ?? 100, end: job.end ?? 'ok' });
  const tracked: Tracked = { id, settled: false, abort: () => controller.abort() };
  const sandboxJob: SandboxJob = { code, args: '{}', timeoutMs: TIMEOUT_MS, maxOutputChars: 1000 };
  void pool.run(sandboxJob, controller.signal, tenant).then(
    (reply) => {
      tracked.settled = true;
      tracked.outcome = reply.status;
    },
    () => {
      tracked.settled = true;
      tracked.outcome = 'rejected';
    },
  );
  return tracked;
}

function makePool(world: World, options: Partial<WarmPoolOptions> = {}): WarmPool {
  world.tenantAffine = options.tenantAffine ?? true;
  return new WarmPool({
    size: 1,
    create: world.create,
    killGraceMs: KILL_GRACE_MS,
    maxResidentBytes: Number.POSITIVE_INFINITY,
    tenantAffine: true,
    ...options,
  });
}

const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);

/** Every live sandbox of the pool is free: `size` runs of new tenants all run at once. */
async function expectAllReusable(pool: WarmPool, world: World, size: number): Promise<void> {
  expect(world.executing).toBe(0);
  world.nextStart = () => ({ delayMs: 20 });
  world.createThrows = () => false;
  world.maxExecuting = 0;
  const probes = Array.from({ length: size }, (_, i) =>
    startRun(pool, world, `probe${runCount}-${i}`, { ms: 400 }),
  );
  await advance(5000);
  expect(probes.map((probe) => probe.outcome)).toEqual(probes.map(() => 'ok'));
  expect(world.maxExecuting).toBe(size);
  expect(pool.started).toBeLessThanOrEqual(size);
}

beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] }));
afterEach(() => jest.useRealTimers());

describe('WarmPool: aborts around a cold start', () => {
  it('loses no other waiter when a run aborts while its fresh sandbox starts', async () => {
    const world = new World();
    const pool = makePool(world);
    const a = startRun(pool, world, 'a', { ms: 100 });
    await advance(150); // a's cold start (100) + part of its job
    const b = startRun(pool, world, 'b');
    const c = startRun(pool, world, 'c');
    await advance(100); // a done: its sandbox is retired, b's fresh one starts (100 ms)
    b.abort();
    await advance(1000);
    expect([a.outcome, b.outcome, c.outcome]).toEqual(['ok', 'rejected', 'ok']);
    expect(world.executed).toEqual([a.id, c.id]);
    expect(pool.started).toBe(1);
    expect(world.violations).toEqual([]);
    await expectAllReusable(pool, world, 1);
    await pool.close();
  });

  it('gives the sandbox started for a run that left to the next run, without a new start', async () => {
    const world = new World();
    const pool = makePool(world);
    const a = startRun(pool, world, 'a', { ms: 100 });
    await advance(150);
    const b = startRun(pool, world, 'b');
    await advance(100);
    b.abort();
    await advance(100); // b's sandbox is ready now, unused
    expect(b.outcome).toBe('rejected');
    const spawned = pool.spawned;
    const d = startRun(pool, world, 'd', { ms: 10 });
    await advance(20);
    expect([a.outcome, d.outcome]).toEqual(['ok', 'ok']);
    expect(pool.spawned).toBe(spawned);
    expect(world.violations).toEqual([]);
    await pool.close();
  });

  it('stops a run aborted during its own cold start: its job never runs, the sandbox stays', async () => {
    const world = new World();
    world.queuedStarts.push({ delayMs: 300 });
    const pool = makePool(world);
    const a = startRun(pool, world, 'a');
    await advance(100);
    a.abort();
    await advance(1);
    expect(a.settled).toBe(true);
    await advance(500);
    expect(world.executed).toEqual([]);
    // the sandbox, ready now and never used, serves another tenant at once
    const e = startRun(pool, world, 'e', { ms: 10 });
    await advance(20);
    expect(e.outcome).toBe('ok');
    expect(pool.spawned).toBe(1);
    expect(world.violations).toEqual([]);
    await pool.close();
  });

  it('does not run a job whose caller left in the same tick the sandbox was handed over', async () => {
    const world = new World();
    world.queuedStarts.push({ delayMs: 10, resetMs: 50 });
    const pool = makePool(world);
    const a = startRun(pool, world, 'a', { ms: 100 });
    await advance(50);
    const b = startRun(pool, world, 'a', { ms: 100 });
    // a's job ends at 110, its cleanup at 160, when the pool hands the sandbox to b; b's abort
    // comes one reaction later, before b's run goes on (the pool's reaction is registered on
    // the cleanup promise after this one, whose second step then follows it)
    const slot = world.slots[0];
    const idle = slot.idle.bind(slot);
    jest.spyOn(slot, 'idle').mockImplementationOnce(() => {
      const cleanup = idle();
      void cleanup.then(() => undefined).then(() => b.abort());
      return cleanup;
    });
    await advance(1000);
    expect([a.outcome, b.outcome]).toEqual(['ok', 'aborted']);
    expect(world.executed).toEqual([a.id]);
    expect(world.violations).toEqual([]);
    await expectAllReusable(pool, world, 1);
    await pool.close();
  });
});

describe('WarmPool: failed starts and close', () => {
  it('serves the next queued run after a fresh sandbox failed to start', async () => {
    const world = new World();
    world.queuedStarts.push({ delayMs: 10 }, { delayMs: 100, fails: true });
    const pool = makePool(world);
    const a = startRun(pool, world, 'a', { ms: 100 });
    await advance(50);
    const b = startRun(pool, world, 'b');
    const c = startRun(pool, world, 'c');
    await advance(2000);
    expect([a.outcome, b.outcome, c.outcome]).toEqual(['ok', 'rejected', 'ok']);
    expect(world.violations).toEqual([]);
    await pool.close();
  });

  it('serves the next queued run when starting a sandbox throws at once', async () => {
    const world = new World();
    world.nextStart = () => ({ delayMs: 10 });
    const pool = makePool(world);
    const a = startRun(pool, world, 'a', { ms: 100 });
    await advance(50);
    const b = startRun(pool, world, 'b');
    const c = startRun(pool, world, 'c');
    // the switch from a to b retires a's sandbox; the spawn of b's sandbox throws
    let thrown = false;
    world.createThrows = () => (thrown ? false : (thrown = true));
    await advance(2000);
    expect([a.outcome, b.outcome, c.outcome]).toEqual(['ok', 'rejected', 'ok']);
    expect(pool.started).toBe(1);
    await pool.close();
  });

  it('serves a run queued behind warm() when the warm-up start fails', async () => {
    const world = new World();
    world.queuedStarts.push({ delayMs: 100, fails: true });
    const pool = makePool(world);
    const warming = pool.warm().then(
      () => 'warm',
      () => 'failed',
    );
    const a = startRun(pool, world, 'a');
    await advance(1000);
    expect(await warming).toBe('failed');
    expect(a.outcome).toBe('ok');
    await pool.close();
  });

  it('settles on close a run whose sandbox never finishes starting', async () => {
    const world = new World();
    world.queuedStarts.push({ delayMs: Number.POSITIVE_INFINITY, silentKill: true });
    const pool = makePool(world, { tenantAffine: false });
    const a = startRun(pool, world, 'a');
    const b = startRun(pool, world, 'b');
    await advance(100);
    await pool.close();
    await advance(1);
    expect([a.outcome, b.outcome]).toEqual(['rejected', 'rejected']);
    expect(world.live).toEqual([]);
  });
});

describe('WarmPool: tenant affinity', () => {
  it('lets runs of the freed sandbox tenant pass another tenant at most 4 times', async () => {
    const world = new World();
    world.nextStart = () => ({ delayMs: 10 });
    const pool = makePool(world);
    const first = startRun(pool, world, 'a', { ms: 100 });
    await advance(20);
    const b = startRun(pool, world, 'b', { ms: 10 });
    const others = Array.from({ length: 6 }, () => startRun(pool, world, 'a', { ms: 10 }));
    await advance(2000);
    const order = world.executed.map((id) => (id === b.id ? 'b' : 'a'));
    expect(order).toEqual(['a', 'a', 'a', 'a', 'a', 'b', 'a', 'a']);
    expect([first, b, ...others].every((run) => run.outcome === 'ok')).toBe(true);
    expect(world.violations).toEqual([]);
    await pool.close();
  });
});

/** mulberry32: a small seeded generator, so a failing sequence can be replayed by its seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('WarmPool: random sequences of runs, aborts, crashes and slow or failing starts', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])('seed %i', async (seed) => {
    const random = prng(seed);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    const world = new World();
    const size = pick([1, 1, 2, 3]);
    const pool = makePool(world, {
      size,
      tenantAffine: random() < 0.8,
      spares: pick([0, 0, 1]),
    });
    world.nextStart = () => ({
      delayMs: pick([0, 20, 100, 300]),
      fails: random() < 0.1,
      resetMs: pick([0, 0, 5, 30]),
    });
    world.createThrows = () => random() < 0.02;
    const tenants = ['a', 'b', 'c', 'd'];
    const runs: Tracked[] = [];

    for (let op = 0; op < 300; op += 1) {
      const roll = random();
      if (roll < 0.65) {
        const end = random() < 0.15 ? 'crash' : random() < 0.15 ? 'runtime' : 'ok';
        // one in ten overruns its timeout and is killed by the supervisor
        const ms = random() < 0.1 ? TIMEOUT_MS + KILL_GRACE_MS + 200 : Math.floor(random() * 250);
        const abortRoll = random();
        const run = startRun(pool, world, pick(tenants), { ms, end, preAborted: abortRoll < 0.03 });
        runs.push(run);
        if (abortRoll < 0.06) run.abort();
        else if (abortRoll < 0.4) setTimeout(run.abort, Math.floor(random() * 600));
      } else if (roll < 0.85) {
        const open = runs.filter((run) => !run.settled);
        if (open.length > 0) pick(open).abort();
      } else if (roll < 0.97) {
        // a sandbox dies: while starting, running, idle, or a spare
        const live = world.live;
        if (live.length > 0) pick(live).kill();
      } else {
        void pool.warm().catch(() => undefined);
      }
      await advance(Math.floor(random() * 60));
      expect(pool.started).toBeLessThanOrEqual(size);
    }

    await advance(30_000);
    const open = runs.filter((run) => !run.settled).map((run) => run.id);
    expect({ seed, open }).toEqual({ seed, open: [] });
    expect({ seed, violations: world.violations }).toEqual({ seed, violations: [] });
    expect(world.executed.length).toBeGreaterThan(20);
    expect(
      runs.filter((run) => run.outcome === 'aborted' || run.outcome === 'rejected').length,
    ).toBeGreaterThan(10);
    await expectAllReusable(pool, world, size);
    expect({ seed, violations: world.violations }).toEqual({ seed, violations: [] });

    await pool.close();
    await advance(1);
    expect(world.live).toEqual([]);
  });
});
