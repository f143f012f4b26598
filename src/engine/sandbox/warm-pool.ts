import { SandboxReply } from './code-runner';
import { superviseJob } from './job-supervisor';

export interface SandboxJob {
  code: string;
  /** JSON text of the keyword arguments */
  args: string;
  timeoutMs: number;
  maxOutputChars: number;
}

/** One warm sandbox (a child process or a worker thread) that runs one job at a time. */
export interface SandboxSlot {
  /** resolves once the sandbox can take jobs; rejects if it failed to start */
  readonly ready: Promise<void>;
  readonly alive: boolean;
  /** runs a job; resolves `crashed` if the sandbox dies meanwhile; `rss` = its size after */
  execute(job: SandboxJob): Promise<SandboxReply & { rss?: number }>;
  /** resolves once the sandbox has cleaned up after its last job and can take the next one
   * (the Python sandbox puts the interpreter state back after replying); absent = at once */
  idle?(): Promise<void>;
  /** current resident memory of the sandbox, when it can be measured from outside */
  residentBytes(): number | undefined;
  /** hard stop; a pending `execute` resolves `crashed` */
  kill(): void;
}

export interface WarmPoolOptions {
  size: number;
  create: () => SandboxSlot;
  /** time past the job's own timeout before the sandbox is killed */
  killGraceMs: number;
  /** resident size that gets a sandbox killed mid-run (polled) or retired after a run */
  maxResidentBytes: number;
  residentPollMs?: number;
  /** a sandbox serves one tenant for its whole life: another tenant gets a fresh one */
  tenantAffine?: boolean;
  /** never-used sandboxes kept warm beside the pool once it is in use, so a run that needs a
   * fresh one (another tenant, a replaced sandbox) does not wait for a cold start */
  spares?: number;
}

interface Waiter {
  tenant: string;
  /** times a later waiter of the freed sandbox's tenant went first (bounded: no starvation) */
  passed: number;
  resolve: (slot: SandboxSlot) => void;
  reject: (error: Error) => void;
}

/** How often a waiting tenant lets a later waiter of another tenant reuse a warm sandbox. */
const MAX_PASSED = 4;

/**
 * A lazily grown pool of warm sandboxes: a slot is started only when every existing slot is
 * busy and the pool is below its size, so a quiet service (or a test) starts one. A slot that
 * timed out, crashed, was aborted or grew past the memory cap is killed and replaced.
 *
 * With `tenantAffine`, a slot belongs to the first tenant it runs for: a run of another tenant
 * gets a never-used slot, or the least recently used idle slot is retired and a fresh one
 * started in its place. Nothing a run leaves in a sandbox can reach another tenant's run.
 */
export class WarmPool {
  /** least recently used first */
  private readonly idleSlots: SandboxSlot[] = [];
  private readonly slots = new Set<SandboxSlot>();
  private readonly owners = new Map<SandboxSlot, string>();
  private readonly waiters: Waiter[] = [];
  /** started outside the pool's size; `ready` once they can take a job */
  private readonly spareSlots: Array<{ slot: SandboxSlot; ready: boolean }> = [];
  private closed = false;
  private spawnedCount = 0;

  constructor(private readonly options: WarmPoolOptions) {}

  /** sandboxes alive now (spares not counted) */
  get started(): number {
    return this.slots.size;
  }

  /** spare sandboxes warm and waiting */
  get readySpares(): number {
    return this.spareSlots.filter((spare) => spare.ready && spare.slot.alive).length;
  }

  /** sandboxes started since the pool was created (replacements included) */
  get spawned(): number {
    return this.spawnedCount;
  }

  async run(job: SandboxJob, signal?: AbortSignal, tenant = ''): Promise<SandboxReply> {
    if (signal?.aborted) return { status: 'aborted', text: '', stdout: '' };
    const slot = await this.acquire(tenant, signal);
    let reply: SandboxReply & { rss?: number };
    try {
      reply = await superviseJob(slot, job, this.options, signal);
    } catch (error) {
      slot.kill();
      this.release(slot);
      throw error;
    }
    // A sandbox that crashed, was killed or ran out of memory is gone or suspect; one that
    // stopped user code itself (error, interrupt) is reused unless it grew past the cap
    // (Pyodide never returns wasm memory).
    const clean = ['ok', 'build', 'runtime', 'timeout', 'output'].includes(reply.status);
    const oversized = (reply.rss ?? slot.residentBytes() ?? 0) > this.options.maxResidentBytes;
    if (!clean || oversized || !slot.alive) slot.kill();
    // The caller has its answer now; the slot goes back once it has cleaned up.
    if (slot.alive && slot.idle) {
      slot.idle().then(
        () => this.release(slot),
        () => this.release(slot),
      );
    } else {
      this.release(slot);
    }
    return { status: reply.status, text: reply.text, stdout: reply.stdout };
  }

  /** Starts one slot ahead of the first job (cold start is seconds for Python). */
  async warm(): Promise<void> {
    if (this.slots.size > 0 || this.closed) return;
    const slot = this.start();
    await slot.ready;
    this.release(slot);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('sandbox pool is closed'));
    for (const slot of this.slots) slot.kill();
    for (const { slot } of this.spareSlots.splice(0)) slot.kill();
    this.slots.clear();
    this.owners.clear();
    this.idleSlots.length = 0;
  }

  private start(): SandboxSlot {
    const slot = this.options.create();
    this.spawnedCount += 1;
    this.slots.add(slot);
    slot.ready.catch(() => this.forget(slot));
    this.topUpSpares();
    return slot;
  }

  /** A fresh sandbox for the pool: a warm spare when one is ready, else a new one. */
  private fresh(): SandboxSlot {
    const index = this.spareSlots.findIndex((spare) => spare.ready && spare.slot.alive);
    if (index < 0) return this.start();
    const { slot } = this.spareSlots.splice(index, 1)[0];
    this.slots.add(slot);
    this.topUpSpares();
    return slot;
  }

  private topUpSpares(): void {
    for (const spare of this.spareSlots.filter(({ slot }) => !slot.alive)) {
      this.spareSlots.splice(this.spareSlots.indexOf(spare), 1);
    }
    while (!this.closed && this.spareSlots.length < (this.options.spares ?? 0)) {
      const spare = { slot: this.options.create(), ready: false };
      this.spawnedCount += 1;
      this.spareSlots.push(spare);
      spare.slot.ready.then(
        () => (spare.ready = true),
        () => {
          const index = this.spareSlots.indexOf(spare);
          if (index >= 0) this.spareSlots.splice(index, 1);
        },
      );
    }
  }

  private forget(slot: SandboxSlot): void {
    this.slots.delete(slot);
    this.owners.delete(slot);
  }

  private retire(slot: SandboxSlot): void {
    slot.kill();
    this.forget(slot);
  }

  /** Whether `slot` may run a job of `tenant`: it is fresh or has served only that tenant. */
  private fits(slot: SandboxSlot, tenant: string): boolean {
    if (!this.options.tenantAffine) return true;
    const owner = this.owners.get(slot);
    return owner === undefined || owner === tenant;
  }

  private claim(slot: SandboxSlot, tenant: string): SandboxSlot {
    if (this.options.tenantAffine) this.owners.set(slot, tenant);
    return slot;
  }

  private takeIdle(tenant: string): SandboxSlot | undefined {
    // An idle sandbox may have died on its own (OOM killer, crash): drop it.
    for (const slot of this.idleSlots.filter((candidate) => !candidate.alive)) {
      this.idleSlots.splice(this.idleSlots.indexOf(slot), 1);
      this.forget(slot);
    }
    // Most recently used first: its own tenant's sandbox, else a never-used one.
    let index = this.lastIndex((slot) => this.owners.get(slot) === tenant);
    if (index < 0) index = this.lastIndex((slot) => this.fits(slot, tenant));
    return index < 0 ? undefined : this.idleSlots.splice(index, 1)[0];
  }

  private lastIndex(test: (slot: SandboxSlot) => boolean): number {
    for (let index = this.idleSlots.length - 1; index >= 0; index -= 1) {
      if (test(this.idleSlots[index])) return index;
    }
    return -1;
  }

  private async acquire(tenant: string, signal?: AbortSignal): Promise<SandboxSlot> {
    if (this.closed) throw new Error('sandbox pool is closed');
    const idle = this.takeIdle(tenant);
    if (idle) return this.claim(idle, tenant);
    if (this.slots.size < this.options.size || this.idleSlots.length > 0) {
      // Room to grow, or only other tenants' sandboxes are idle: the least recently used of
      // those makes room for a fresh one.
      if (this.slots.size >= this.options.size) this.retire(this.idleSlots.shift()!);
      const slot = this.fresh();
      await slot.ready;
      return this.claim(slot, tenant);
    }
    return new Promise<SandboxSlot>((resolve, reject) => {
      const waiter: Waiter = {
        tenant,
        passed: 0,
        resolve: (slot: SandboxSlot) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.claim(slot, tenant));
        },
        reject: (error: Error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      const onAbort = () => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error('run aborted while waiting for a sandbox'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private release(slot: SandboxSlot): void {
    if (this.closed) {
      slot.kill();
      return;
    }
    if (!slot.alive) {
      this.forget(slot);
      // A retired slot is replaced only when someone waits for it; the next acquire starts
      // one otherwise (no idle process spawned for nobody).
      const waiter = this.waiters.shift();
      if (waiter) this.startFor(waiter);
      return;
    }
    const waiter = this.nextWaiterFor(slot);
    if (!waiter) {
      this.idleSlots.push(slot);
    } else if (this.fits(slot, waiter.tenant)) {
      waiter.resolve(slot);
    } else {
      // Only other tenants wait: this sandbox makes room for a fresh one.
      this.retire(slot);
      this.startFor(waiter);
    }
  }

  /** The head waiter, unless a later one of the slot's own tenant may go first. */
  private nextWaiterFor(slot: SandboxSlot): Waiter | undefined {
    const head = this.waiters[0];
    if (!head || this.fits(slot, head.tenant) || head.passed >= MAX_PASSED) {
      return this.waiters.shift();
    }
    const index = this.waiters.findIndex((waiter) => this.fits(slot, waiter.tenant));
    if (index < 0) return this.waiters.shift();
    head.passed += 1;
    return this.waiters.splice(index, 1)[0];
  }

  private startFor(waiter: Waiter): void {
    const slot = this.fresh();
    slot.ready.then(
      () => waiter.resolve(slot),
      (error: Error) => waiter.reject(error),
    );
  }
}
