import { availableParallelism } from 'node:os';
import { ConfigError, readOptional } from './config.schema';

/** Most processes WORKERS may ask for: beyond this a typo is likelier than a machine that big. */
const MAX_WORKERS = 256;

/**
 * WORKERS: how many service processes share the port (docs/deployment.md#workers). `auto` is one
 * per CPU this process may use; unset is 1 (no cluster, the process serves itself).
 */
export function readWorkers(env: Record<string, string | undefined>): number {
  const raw = readOptional(env, 'WORKERS')?.trim();
  if (raw === undefined) return 1;
  if (raw === 'auto') return Math.min(availableParallelism(), MAX_WORKERS);
  if (!/^\d+$/.test(raw))
    throw new ConfigError('WORKERS', `must be an integer or auto, got "${raw}"`);
  const workers = Number(raw);
  if (workers < 1 || workers > MAX_WORKERS) {
    throw new ConfigError('WORKERS', `must be between 1 and ${MAX_WORKERS}, got ${workers}`);
  }
  return workers;
}

/**
 * Several workers share paused runs, run events and node variables only through Redis: with
 * the in-process registry a resume landing on another worker would not find its run.
 */
export function requireSharedRegistry(workers: number, redisUrl: string | undefined): void {
  if (workers > 1 && redisUrl === undefined) {
    throw new ConfigError(
      'WORKERS',
      `${workers} needs REDIS_URL: workers share paused runs and variables through Redis`,
    );
  }
}
