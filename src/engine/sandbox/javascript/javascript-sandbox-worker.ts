import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { SandboxReply, SandboxStatus } from '../code-runner';
import { sandboxAsset } from '../sandbox-assets';
import type { SandboxJob, SandboxSlot } from '../sandbox-slot';

export interface JavaScriptLimits {
  memoryLimitBytes: number;
  stackLimitBytes: number;
}

interface WorkerReply {
  id?: string;
  ready?: boolean;
  status?: SandboxStatus;
  text?: string;
  stdout?: string;
}

/**
 * One warm QuickJS worker thread (see child/quickjs-worker.js). The worker thread is the hard
 * kill boundary: `terminate()` stops it even while QuickJS is stuck in a GC pass.
 */
export class JavaScriptSandboxWorker implements SandboxSlot {
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private pending?: { id: string; resolve: (reply: SandboxReply) => void };
  private exited = false;

  constructor(limits: JavaScriptLimits) {
    this.worker = new Worker(sandboxAsset('javascript/child/quickjs-worker.js'), {
      workerData: limits,
      env: {},
      // The V8 heap of the thread holds only the QuickJS glue; user data lives in wasm memory
      // capped by the worker at the memory limit plus a small headroom.
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
      stdout: true,
      stderr: true,
    });
    this.ready = new Promise<void>((resolve, reject) => {
      this.worker.once('message', (message: WorkerReply) =>
        message.ready ? resolve() : reject(new Error(`QuickJS failed to start: ${message.text}`)),
      );
      this.worker.once('error', reject);
    });
    this.ready.catch(() => undefined);
    this.worker.on('message', (message: WorkerReply) => this.onMessage(message));
    this.worker.on('error', () => undefined);
    this.worker.on('exit', () => {
      this.exited = true;
      this.settle({ status: 'crashed', text: 'the JavaScript sandbox stopped', stdout: '' });
    });
    // Referenced while starting and while running a job, so a caller awaiting either keeps
    // the event loop alive; an idle warm worker does not keep the service from exiting.
    this.ready.then(
      () => this.pending ?? this.worker.unref(),
      () => undefined,
    );
  }

  get alive(): boolean {
    return !this.exited;
  }

  execute(job: SandboxJob): Promise<SandboxReply> {
    if (this.exited) {
      return Promise.resolve({
        status: 'crashed',
        text: 'the JavaScript sandbox stopped',
        stdout: '',
      });
    }
    const id = randomUUID();
    return new Promise((resolve) => {
      this.pending = { id, resolve };
      this.worker.ref();
      this.worker.postMessage({ id, ...job });
    });
  }

  /** A thread shares the service's memory figures; its capped wasm memory is the limit. */
  residentBytes(): number | undefined {
    return undefined;
  }

  kill(): void {
    if (this.exited) return;
    this.exited = true;
    void this.worker.terminate();
    this.settle({ status: 'crashed', text: 'the JavaScript sandbox was stopped', stdout: '' });
  }

  private onMessage(message: WorkerReply): void {
    if (!this.pending || message.id !== this.pending.id) return;
    this.settle({
      status: message.status ?? 'crashed',
      text: message.text ?? '',
      stdout: message.stdout ?? '',
    });
  }

  private settle(reply: SandboxReply): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.worker.unref();
    pending.resolve(reply);
  }
}
