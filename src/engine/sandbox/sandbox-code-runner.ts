import { AppException, isAppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';
import {
  CodeLanguage,
  CodeRunRequest,
  CodeRunResult,
  CodeRunner,
  replyToResult,
} from './code-runner';
import { JavaScriptSandboxWorker } from './javascript/javascript-sandbox-worker';
import { PythonSandboxProcess } from './python/python-sandbox-process';
import { SandboxIsolation, pythonSandboxCommand } from './python/sandbox-launcher';
import { SandboxAdmission, SandboxAdmissionLimits } from './sandbox-admission';
import { StartGate, WarmPool } from './warm-pool';
import type { SandboxPoolStats } from './pool-stats';

export interface SandboxCodeRunnerOptions {
  pythonPoolSize: number;
  javascriptPoolSize: number;
  /** resident size past which a Python process is killed mid-run or retired after a run */
  pythonMaxResidentBytes?: number;
  javascriptMemoryLimitBytes?: number;
  javascriptStackLimitBytes?: number;
  /** longest result text (characters) */
  maxOutputChars?: number;
  /** time past a job's timeout before its sandbox is killed (Python `time.sleep` ignores
   * the interrupt) */
  killGraceMs?: number;
  /** `process` (default): a Python process serves one tenant (`CodeRunRequest.tenant`) for life;
   * `shared`: any tenant (for single-tenant deployments; run state is still reset) */
  pythonTenantIsolation?: 'process' | 'shared';
  /** never-used Python processes kept warm beside the pool once it is in use (default 0), so
   * another tenant's first run takes one instead of waiting for a cold start */
  pythonSpares?: number;
  /** per-caller bounds on Python cold starts (none when absent) */
  pythonAdmission?: SandboxAdmissionLimits;
}

const MB = 1024 * 1024;

/** The local CodeRunner: Pyodide child processes and QuickJS worker threads, warmed lazily. */
export class SandboxCodeRunner implements CodeRunner {
  private readonly pools: Record<CodeLanguage, WarmPool>;
  private readonly maxOutputChars: number;
  private readonly admission?: SandboxAdmission;

  constructor(options: SandboxCodeRunnerOptions) {
    this.maxOutputChars = options.maxOutputChars ?? 1_000_000;
    if (options.pythonAdmission) this.admission = new SandboxAdmission(options.pythonAdmission);
    const killGraceMs = options.killGraceMs ?? 1000;
    const jsLimits = {
      memoryLimitBytes: options.javascriptMemoryLimitBytes ?? 64 * MB,
      stackLimitBytes: options.javascriptStackLimitBytes ?? 512 * 1024,
    };
    this.pools = {
      python: new WarmPool({
        size: options.pythonPoolSize,
        create: () => new PythonSandboxProcess(),
        killGraceMs,
        maxResidentBytes: options.pythonMaxResidentBytes ?? 512 * MB,
        tenantAffine: (options.pythonTenantIsolation ?? 'process') === 'process',
        spares: options.pythonSpares ?? 0,
      }),
      javascript: new WarmPool({
        size: options.javascriptPoolSize,
        create: () => new JavaScriptSandboxWorker(jsLimits),
        killGraceMs,
        maxResidentBytes: Number.POSITIVE_INFINITY,
      }),
    };
  }

  /** What the Python sandbox processes are isolated by on this host (probed once). */
  static pythonIsolation(): SandboxIsolation {
    return pythonSandboxCommand().isolation;
  }

  /** Sandboxes alive now (tests check that no more than needed were started). */
  started(language: CodeLanguage): number {
    return this.pools[language].started;
  }

  /** Spare sandboxes warm and waiting. */
  readySpares(language: CodeLanguage): number {
    return this.pools[language].readySpares;
  }

  /** Sandboxes started since creation, replacements and spares included. */
  spawned(language: CodeLanguage): number {
    return this.pools[language].spawned;
  }

  /** The pool's busy / idle / cold-start counters (read by the service's metrics). */
  poolStats(language: CodeLanguage): SandboxPoolStats {
    return this.pools[language].stats();
  }

  warm(language: CodeLanguage): Promise<void> {
    return this.pools[language].warm();
  }

  async run(request: CodeRunRequest): Promise<CodeRunResult> {
    const job = {
      code: request.code,
      args: JSON.stringify(request.variables ?? {}),
      timeoutMs: request.timeoutMs,
      maxOutputChars: this.maxOutputChars,
    };
    try {
      // JavaScript gets a fresh QuickJS runtime per run; Python processes are per tenant
      const pool = this.pools[request.language];
      const tenant = request.tenant ?? request.appId ?? '';
      const gate = request.language === 'python' ? this.admit(request, tenant) : undefined;
      return replyToResult(await pool.run(job, request.signal, tenant, gate));
    } catch (error) {
      if (isAppException(error)) throw error;
      throw new AppException(ErrorCode.CODE_EXECUTION_ERROR, (error as Error).message);
    }
  }

  /** Counts the run's key against its caller (throws 21604 past the limit); answers the gate
   * that bounds the caller's concurrent cold starts. */
  private admit(request: CodeRunRequest, tenant: string): StartGate | undefined {
    const admission = this.admission;
    if (!admission) return undefined;
    const caller = request.caller ?? tenant;
    admission.useTenant(caller, tenant);
    return () => admission.beginStart(caller);
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.pools).map((pool) => pool.close()));
  }
}
