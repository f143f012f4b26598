import type { SandboxReply } from './code-runner';

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
