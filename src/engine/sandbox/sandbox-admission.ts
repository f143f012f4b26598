import { AppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';

export interface SandboxAdmissionLimits {
  /** Python processes one caller may have starting at once (a cold start is seconds of CPU) */
  startsPerCaller: number;
  /** distinct sandbox keys one caller may use per minute (each new one may cost a process) */
  tenantsPerMinute: number;
}

const WINDOW_MS = 60_000;

/**
 * Bounds what one caller can make the service spend on Python cold starts: a cap on its
 * concurrent starts and on the distinct sandbox keys it uses per minute. Over either, the run is
 * refused at once with 21604 instead of queueing behind (or causing) more cold starts.
 */
export class SandboxAdmission {
  private readonly starting = new Map<string, number>();
  /** caller → key → last use */
  private readonly recent = new Map<string, Map<string, number>>();

  constructor(
    private readonly limits: SandboxAdmissionLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts `tenant` for `caller`; throws when it is a new key past the per-minute cap. */
  useTenant(caller: string, tenant: string): void {
    const now = this.now();
    const keys = this.recent.get(caller) ?? new Map<string, number>();
    for (const [key, usedAt] of keys) if (now - usedAt >= WINDOW_MS) keys.delete(key);
    if (!keys.has(tenant) && keys.size >= this.limits.tenantsPerMinute) {
      throw refusal(`more than ${this.limits.tenantsPerMinute} sandbox tenants in a minute`);
    }
    keys.set(tenant, now);
    this.recent.set(caller, keys);
    this.forgetIdleCallers(now);
  }

  /** A cold start for `caller` begins; answers the function that ends it. Throws past the cap. */
  beginStart(caller: string): () => void {
    const count = this.starting.get(caller) ?? 0;
    if (count >= this.limits.startsPerCaller) {
      throw refusal(`more than ${this.limits.startsPerCaller} sandbox starts at once`);
    }
    this.starting.set(caller, count + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const left = (this.starting.get(caller) ?? 1) - 1;
      if (left > 0) this.starting.set(caller, left);
      else this.starting.delete(caller);
    };
  }

  /** Callers whose every key is older than the window take no memory. */
  private forgetIdleCallers(now: number): void {
    if (this.recent.size < 1024) return;
    for (const [caller, keys] of this.recent) {
      if ([...keys.values()].every((usedAt) => now - usedAt >= WINDOW_MS)) {
        this.recent.delete(caller);
      }
    }
  }
}

function refusal(detail: string): AppException {
  return new AppException(
    ErrorCode.CODE_SANDBOX_LIMIT_ERROR,
    `${detail} for this caller; retry later`,
  );
}
