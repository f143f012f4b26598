import { SandboxReply } from './code-runner';
import { superviseJob } from './job-supervisor';
import type { SandboxJob, SandboxSlot } from './sandbox-slot';
import { SpareSlots } from './spare-slots';
import { newWaiter, type StartGate, type Waiter } from './pool-waiter';
import type { SandboxPoolStats } from './pool-stats';

export type { StartGate } from './pool-waiter';

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

/** How often a waiting tenant lets a later waiter of another tenant reuse a warm sandbox. */
const MAX_PASSED = 4;

const aborted = (): SandboxReply => ({ status: 'aborted', text: '', stdout: '' });

/**
 * A lazily grown pool of warm sandboxes: a slot is started only when every existing slot is
 * busy and the pool is below its size, so a quiet service (or a test) starts one. A slot that
 * timed out, crashed, was aborted or grew past the memory cap is killed and replaced.
 *
 * With `tenantAffine`, a slot belongs to the first tenant it runs for: a run of another tenant
 * gets a never-used slot, or the least recently used idle slot is retired and a fresh one
 * started in its place. Nothing a run leaves in a sandbox can reach another tenant's run.
 *
 * Every slot of the pool is in exactly one state: starting (for a waiter, or for `warm`),
 * running a job (or cleaning up after it), or idle. A slot started for a run that went away
 * meanwhile comes back to the pool when it is ready, like a slot after a job; a slot that dies
 * or fails to start frees its place for the next waiter. So every `run` settles and no slot
 * stays busy for nobody, whatever callers abort and whichever sandboxes crash.
 */
export class WarmPool {
  /** least recently used first */
  private readonly idleSlots: SandboxSlot[] = [];
  private readonly slots = new Set<SandboxSlot>();
  private readonly owners = new Map<SandboxSlot, string>();
  /** queued for a slot to come free, oldest first */
  private readonly waiters: Waiter[] = [];
  /** every waiter not settled yet: queued, or waiting for a slot started for it */
  private readonly pending = new Set<Waiter>();
  private readonly spares: SpareSlots;
  private closed = false;
  private spawnedCount = 0;

  constructor(private readonly options: WarmPoolOptions) {
    this.spares = new SpareSlots(options.spares ?? 0, () => {
      const slot = options.create();
      this.spawnedCount += 1;
      return slot;
    });
  }

  /** sandboxes alive now (spares not counted) */
  get started(): number {
    return this.slots.size;
  }

  /** spare sandboxes warm and waiting */
  get readySpares(): number {
    return this.spares.readyCount;
  }

  /** sandboxes started since the pool was created (replacements included) */
  get spawned(): number {
    return this.spawnedCount;
  }

  /** busy / idle / cold starts, for the host's metrics */
  stats(): SandboxPoolStats {
    const idle = this.idleSlots.length;
    return { busy: this.slots.size - idle, idle, coldStarts: this.spawnedCount };
  }

  async run(
    job: SandboxJob,
    signal?: AbortSignal,
    tenant = '',
    gate?: StartGate,
  ): Promise<SandboxReply> {
    if (signal?.aborted) return aborted();
    const slot = await this.acquire(tenant, signal, gate);
    // The caller may have left between the hand-over and now (an abort in the same tick):
    // the job would run for nobody, since an abort listener added now never fires.
    if (signal?.aborted) {
      this.release(slot);
      return aborted();
    }
    // Owned from its first job on (not when handed over), so a slot returned unused stays
    // open to every tenant.
    if (this.options.tenantAffine) this.owners.set(slot, tenant);
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
    try {
      await slot.ready;
    } catch (error) {
      this.lost(slot);
      throw error;
    }
    this.release(slot);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiters.length = 0;
    // Queued runs and runs whose sandbox is still starting: a killed sandbox need not settle
    // its `ready` (a terminated worker thread never does).
    for (const waiter of [...this.pending]) waiter.reject(new Error('sandbox pool is closed'));
    for (const slot of this.slots) slot.kill();
    this.spares.close();
    this.slots.clear();
    this.owners.clear();
    this.idleSlots.length = 0;
  }

  private start(): SandboxSlot {
    const slot = this.options.create();
    this.spawnedCount += 1;
    this.slots.add(slot);
    this.topUpSpares();
    return slot;
  }

  /** A fresh sandbox for the pool: a warm spare when one is ready, else a new one. */
  private fresh(): SandboxSlot {
    const spare = this.spares.take();
    if (!spare) return this.start();
    this.slots.add(spare);
    this.topUpSpares();
    return spare;
  }

  private topUpSpares(): void {
    if (!this.closed) this.spares.topUp();
  }

  private forget(slot: SandboxSlot): void {
    this.slots.delete(slot);
    this.owners.delete(slot);
  }

  private retire(slot: SandboxSlot): void {
    slot.kill();
    this.forget(slot);
  }

  /** A slot died or failed to start: its place goes to the queue. */
  private lost(slot: SandboxSlot): void {
    this.forget(slot);
    this.fill();
  }

  /** Room in the pool goes to queued waiters at once: nothing running might ever free a slot
   * for them otherwise (the pool can be empty). */
  private fill(): void {
    while (!this.closed && this.waiters.length > 0 && this.slots.size < this.options.size) {
      this.startFor(this.waiters.shift()!);
    }
  }

  /** Whether `slot` may run a job of `tenant`: it is fresh or has served only that tenant. */
  private fits(slot: SandboxSlot, tenant: string): boolean {
    if (!this.options.tenantAffine) return true;
    const owner = this.owners.get(slot);
    return owner === undefined || owner === tenant;
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

  private async acquire(
    tenant: string,
    signal?: AbortSignal,
    gate?: StartGate,
  ): Promise<SandboxSlot> {
    if (this.closed) throw new Error('sandbox pool is closed');
    const idle = this.takeIdle(tenant);
    if (idle) return idle;
    return new Promise<SandboxSlot>((resolve, reject) => {
      const waiter = this.waiter(tenant, signal, resolve, reject);
      waiter.gate = gate;
      if (this.slots.size < this.options.size || this.idleSlots.length > 0) {
        // Room to grow, or only other tenants' sandboxes are idle: the least recently used of
        // those makes room for a fresh one.
        if (this.slots.size >= this.options.size) this.retire(this.idleSlots.shift()!);
        this.startFor(waiter);
      } else {
        this.waiters.push(waiter);
      }
    });
  }

  private waiter(
    tenant: string,
    signal: AbortSignal | undefined,
    resolve: (slot: SandboxSlot) => void,
    reject: (error: Error) => void,
  ): Waiter {
    const waiter = newWaiter(tenant, signal, resolve, reject, {
      // Queued: leaves the queue. Waiting for a fresh slot: that slot, once ready, goes back
      // to the pool (see startFor), so the abort has nothing else to undo.
      aborted: () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
      },
      settled: () => this.pending.delete(waiter),
    });
    this.pending.add(waiter);
    return waiter;
  }

  /** A slot is free (after a job, or started for a run that left): the next waiter gets it. */
  private release(slot: SandboxSlot): void {
    if (this.closed) {
      slot.kill();
      return;
    }
    if (!slot.alive) {
      // A retired slot is replaced only when someone waits for it; the next acquire starts
      // one otherwise (no idle process spawned for nobody).
      this.lost(slot);
      return;
    }
    const waiter = this.nextWaiterFor(slot);
    if (!waiter) {
      this.idleSlots.push(slot);
    } else if (this.fits(slot, waiter.tenant)) {
      // Queued waiters have not settled (an abort or close takes them out of the queue); the
      // check keeps the slot in the pool should that ever change.
      if (!waiter.resolve(slot)) this.release(slot);
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

  /** Starts a fresh slot for a waiter already out of the queue (or never queued). */
  private startFor(waiter: Waiter): void {
    let slot: SandboxSlot;
    let started = () => {};
    try {
      if (waiter.gate) started = waiter.gate();
      slot = this.fresh();
    } catch (error) {
      // the gate refused or `create` threw (spawn failed at once): this waiter fails; the
      // place it would have taken (maybe a retired slot's) goes to the next one
      started();
      waiter.reject(error as Error);
      this.fill();
      return;
    }
    slot.ready.then(
      // The waiter may have aborted during the cold start: the slot, never used, then serves
      // the next waiter or waits idle instead of being handed to nobody.
      () => {
        started();
        if (!waiter.resolve(slot)) this.release(slot);
      },
      (error: Error) => {
        started();
        waiter.reject(error);
        this.lost(slot);
      },
    );
  }
}
