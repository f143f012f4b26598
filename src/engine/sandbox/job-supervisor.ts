import { SandboxReply } from './code-runner';
import type { SandboxJob, SandboxSlot } from './sandbox-slot';

export interface SupervisionLimits {
  /** time past the job's own timeout before the sandbox is killed */
  killGraceMs: number;
  /** resident size that gets the sandbox killed mid-run (polled) */
  maxResidentBytes: number;
  residentPollMs?: number;
}

/** Runs a job on a sandbox with the hard deadline, the memory watch and the abort signal
 * around it: whichever fires first kills the sandbox and decides the reply. */
export function superviseJob(
  slot: SandboxSlot,
  job: SandboxJob,
  limits: SupervisionLimits,
  signal?: AbortSignal,
): Promise<SandboxReply & { rss?: number }> {
  return new Promise((resolve) => {
    let forced: SandboxReply | undefined;
    const force = (status: SandboxReply['status'], text: string) => {
      if (forced) return;
      forced = { status, text, stdout: '' };
      slot.kill();
    };
    const deadline = setTimeout(() => force('timeout', ''), job.timeoutMs + limits.killGraceMs);
    const cap = limits.maxResidentBytes;
    const poll = Number.isFinite(cap)
      ? setInterval(() => {
          const resident = slot.residentBytes();
          if (resident !== undefined && resident > cap) {
            force('memory', `memory limit of ${Math.round(cap / 2 ** 20)} MB exceeded`);
          }
        }, limits.residentPollMs ?? 50)
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
