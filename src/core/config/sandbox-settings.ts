import { readEnum, readInt, readUrl } from './config.schema';

/** The code node's sandboxes (local Python/JS processes) or the remote code executor. */
export interface CodeSettings {
  execType: 'local' | 'ifly';
  execUrl?: string;
  timeoutSec: number;
  pythonPoolSize: number;
  jsPoolSize: number;
  /** resident size (MB) past which a Python sandbox process is killed or recycled */
  pythonMaxRssMb: number;
  /** `process`: a Python sandbox serves one tenant (code owner); `shared`: any */
  pythonTenantIsolation: 'process' | 'shared';
  /** never-used Python sandbox processes kept warm for a tenant's first run */
  pythonSpares: number;
  /** per caller: Python sandbox processes starting at once, distinct keys per minute */
  pythonStartsPerCaller: number;
  pythonTenantsPerMinute: number;
}

export function readCodeSettings(env: Record<string, string | undefined>): CodeSettings {
  return {
    execType: readEnum(env, 'CODE_EXEC_TYPE', ['local', 'ifly'] as const, 'local'),
    execUrl: readUrl(env, 'CODE_EXEC_URL', ['http:', 'https:']),
    timeoutSec: readInt(env, 'CODE_EXEC_TIMEOUT_SEC', 10, 1),
    pythonPoolSize: readInt(env, 'CODE_PYTHON_POOL_SIZE', 2, 1, 64),
    jsPoolSize: readInt(env, 'CODE_JS_POOL_SIZE', 2, 1, 64),
    pythonMaxRssMb: readInt(env, 'CODE_PYTHON_MAX_RSS_MB', 512, 256, 4096),
    pythonTenantIsolation: readEnum(
      env,
      'CODE_PYTHON_TENANT_ISOLATION',
      ['process', 'shared'] as const,
      'process',
    ),
    pythonSpares: readInt(env, 'CODE_PYTHON_SPARES', 1, 0, 8),
    pythonStartsPerCaller: readInt(env, 'CODE_PYTHON_STARTS_PER_CALLER', 4, 1, 64),
    pythonTenantsPerMinute: readInt(env, 'CODE_PYTHON_TENANTS_PER_MINUTE', 20, 1, 10_000),
  };
}
