import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { SandboxReply, SandboxStatus } from '../code-runner';
import { processTreeResidentBytes } from '../process-tree-rss';
import type { SandboxJob, SandboxSlot } from '../sandbox-slot';
import { SandboxIsolation, pythonSandboxCommand } from './sandbox-launcher';

interface ChildReply {
  id?: string;
  ready?: boolean;
  status?: SandboxStatus;
  text?: string;
  stdout?: string;
  rss?: number;
  /** after a job's reply: the interpreter state is back (`clean`: nothing had changed) */
  reset?: 'clean' | 'restored' | 'failed';
}

const START_TIMEOUT_MS = 30_000;
/** The child resets within 2 s or interrupts itself; this is the parent's backstop. */
const RESET_TIMEOUT_MS = 5_000;

/** One warm Pyodide child process (see child/pyodide-child.js and sandbox-launcher.ts). */
export class PythonSandboxProcess implements SandboxSlot {
  readonly ready: Promise<void>;
  readonly isolation: SandboxIsolation;
  private readonly child: ChildProcess;
  private pending?: { id: string; resolve: (reply: SandboxReply & { rss?: number }) => void };
  /** the job whose state the child is putting back, and who waits for that */
  private resetting?: { id: string; done: Promise<void>; finish: () => void };
  private exited = false;
  private stderr = '';

  constructor() {
    const command = pythonSandboxCommand();
    this.isolation = command.isolation;
    this.child = spawn(command.file, command.args, {
      env: {},
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
      // Own process group: `kill` takes down the launcher and the interpreter under it
      // (dropping to nobody clears the parent-death signal `--kill-child` relies on).
      detached: true,
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 4096) this.stderr += chunk.toString('utf8');
    });
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.kill();
        reject(new Error('the Python sandbox did not start in time'));
      }, START_TIMEOUT_MS);
      const fail = (reason: string) => {
        clearTimeout(timer);
        reject(new Error(`the Python sandbox failed to start: ${reason}`));
      };
      this.child.once('error', (error) => fail(error.message));
      this.child.once('exit', (code) => fail(`exit ${code} ${this.stderr.trim()}`));
      this.child.once('message', (message: ChildReply) => {
        clearTimeout(timer);
        if (message.ready) resolve();
        else fail(message.text ?? 'no ready message');
      });
    });
    this.ready.catch(() => undefined);
    this.child.on('message', (message: ChildReply) => this.onMessage(message));
    this.child.on('exit', () => this.onExit());
    // Referenced while starting and while running a job; an idle warm sandbox must not keep
    // the service (or a jest worker) alive.
    this.ready.then(
      () => {
        this.child.unref();
        if (!this.pending) this.child.channel?.unref();
      },
      () => undefined,
    );
  }

  get alive(): boolean {
    return !this.exited;
  }

  execute(job: SandboxJob): Promise<SandboxReply & { rss?: number }> {
    if (this.exited) return Promise.resolve(crashed('the Python sandbox is not running'));
    const id = randomUUID();
    return new Promise((resolve) => {
      this.pending = { id, resolve };
      this.child.channel?.ref();
      this.child.send({ id, ...job }, (error) => {
        if (error) this.settle(crashed(`could not reach the Python sandbox: ${error.message}`));
      });
    });
  }

  idle(): Promise<void> {
    return this.resetting?.done ?? Promise.resolve();
  }

  residentBytes(): number | undefined {
    return this.child.pid === undefined ? undefined : processTreeResidentBytes(this.child.pid);
  }

  kill(): void {
    if (this.exited || this.child.pid === undefined) return;
    // Dead from the pool's point of view at once; the exit event follows asynchronously.
    this.exited = true;
    this.settle(crashed('the Python sandbox was stopped'));
    this.resetting?.finish();
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
  }

  private onMessage(message: ChildReply): void {
    // Job ids are random: a reply forged by user code cannot match a later job.
    if (message.reset !== undefined) {
      const resetting = this.resetting;
      if (!resetting || message.id !== resetting.id) return;
      if (message.reset === 'failed') this.kill();
      resetting.finish();
      return;
    }
    if (!this.pending || message.id !== this.pending.id) return;
    this.expectReset(message.id);
    this.settle({
      status: message.status ?? 'crashed',
      text: message.text ?? '',
      stdout: message.stdout ?? '',
      rss: message.rss,
    });
  }

  private onExit(): void {
    this.exited = true;
    this.settle(crashed('the Python sandbox process exited'));
    this.resetting?.finish();
  }

  /** After a reply the child puts the interpreter back; the next job waits for that. */
  private expectReset(id: string): void {
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const timer = setTimeout(() => this.kill(), RESET_TIMEOUT_MS);
    timer.unref();
    this.resetting = {
      id,
      done,
      finish: () => {
        clearTimeout(timer);
        if (this.resetting?.id === id) this.resetting = undefined;
        finish();
      },
    };
  }

  private settle(reply: SandboxReply & { rss?: number }): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.child.channel?.unref();
    pending.resolve(reply);
  }
}

function crashed(text: string): SandboxReply {
  return { status: 'crashed', text, stdout: '' };
}
