import { SandboxReply } from './code-runner';

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
}

/**
 * A lazily grown pool of warm sandboxes: a slot is started only when every existing slot is
 * busy and the pool is below its size, so a quiet service (or a test) starts one. A slot that
 * timed out, crashed, was aborted or grew past the memory cap is killed and replaced.
 */
export class WarmPool {
  private readonly idle: SandboxSlot[] = [];
  private readonly slots = new Set<SandboxSlot>();
  private readonly waiters: Array<{
    resolve: (slot: SandboxSlot) => void;
    reject: (error: Error) => void;
  }> = [];
  private closed = false;

  constructor(private readonly options: WarmPoolOptions) {}

  get started(): number {
    return this.slots.size;
  }

  async run(job: SandboxJob, signal?: AbortSignal): Promise<SandboxReply> {
    if (signal?.aborted) return { status: 'aborted', text: '', stdout: '' };
    const slot = await this.acquire(signal);
    let reply: SandboxReply & { rss?: number };
    try {
      reply = await this.supervise(slot, job, signal);
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
    this.release(slot);
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
    this.slots.clear();
    this.idle.length = 0;
  }

  private start(): SandboxSlot {
    const slot = this.options.create();
    this.slots.add(slot);
    slot.ready.catch(() => this.slots.delete(slot));
    return slot;
  }

  private async acquire(signal?: AbortSignal): Promise<SandboxSlot> {
    if (this.closed) throw new Error('sandbox pool is closed');
    // An idle sandbox may have died on its own (OOM killer, crash): skip it.
    for (let idle = this.idle.pop(); idle; idle = this.idle.pop()) {
      if (idle.alive) return idle;
      this.slots.delete(idle);
    }
    if (this.slots.size < this.options.size) {
      const slot = this.start();
      await slot.ready;
      return slot;
    }
    return new Promise<SandboxSlot>((resolve, reject) => {
      const waiter = {
        resolve: (slot: SandboxSlot) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(slot);
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
      this.slots.delete(slot);
      // A retired slot is replaced only when someone waits for it; the next acquire starts
      // one otherwise (no idle process spawned for nobody).
      if (this.waiters.length > 0) {
        const next = this.start();
        const waiter = this.waiters.shift()!;
        next.ready.then(
          () => waiter.resolve(next),
          (error: Error) => waiter.reject(error),
        );
      }
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(slot);
    else this.idle.push(slot);
  }

  /** Runs the job with the hard deadline, the memory watch and the abort signal around it. */
  private supervise(
    slot: SandboxSlot,
    job: SandboxJob,
    signal?: AbortSignal,
  ): Promise<SandboxReply & { rss?: number }> {
    return new Promise((resolve) => {
      let forced: SandboxReply | undefined;
      const force = (status: SandboxReply['status'], text: string) => {
        if (forced) return;
        forced = { status, text, stdout: '' };
        slot.kill();
      };
      const deadline = setTimeout(
        () => force('timeout', ''),
        job.timeoutMs + this.options.killGraceMs,
      );
      const cap = this.options.maxResidentBytes;
      const poll = Number.isFinite(cap)
        ? setInterval(() => {
            const resident = slot.residentBytes();
            if (resident !== undefined && resident > cap) {
              force('memory', `memory limit of ${Math.round(cap / 2 ** 20)} MB exceeded`);
            }
          }, this.options.residentPollMs ?? 50)
        : undefined;
      const onAbort = () => force('aborted', '');
      signal?.addEventListener('abort', onAbort, { once: true });
      slot.execute(job).then((reply) => {
        clearTimeout(deadline);
        clearInterval(poll);
        signal?.removeEventListener('abort', onAbort);
        resolve(forced ?? reply);
      });
    });
  }
}
