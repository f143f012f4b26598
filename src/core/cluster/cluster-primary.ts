import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config';
import { listeningLine } from '../logging/startup-report';
import { answerMetricsRequests } from './cluster-metrics';

/** A worker that dies sooner than this after its start is replaced after a pause, not at once. */
const QUICK_DEATH_MS = 10_000;
const RESTART_PAUSE_MS = 1_000;

/**
 * The cluster's primary (WORKERS > 1): serves no request itself. It forks one worker first and
 * the rest once that one listens (the first applies the database migrations alone: workers
 * migrating at once would race on the same tables), says `listening on …` once every worker
 * listens, replaces a worker that dies, and on SIGTERM / SIGINT stops every worker gracefully
 * (each drains as a single process does) and exits when all are gone.
 */
export function runClusterPrimary(config: AppConfig, logger: Logger): void {
  const startedAt = new Map<Worker, number>();
  const listening = new Set<Worker>();
  let announced = false;
  let stopping = false;

  const fork = () => startedAt.set(cluster.fork(), Date.now());

  cluster.on('listening', (worker, address) => {
    const first = listening.size === 0 && !announced;
    listening.add(worker);
    if (first) for (let i = 1; i < config.workers; i += 1) fork();
    if (!announced && listening.size === config.workers) {
      announced = true;
      logger.info(listeningLine(config, address.port));
    }
  });

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    const wasListening = listening.delete(worker);
    startedAt.delete(worker);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    if (!announced && !wasListening) {
      // a worker that cannot start (database unreachable, port taken) will not start on retry:
      // it has said why on stderr; the service does not come up
      process.exitCode = typeof code === 'number' && code !== 0 ? code : 1;
      stopAll();
      return;
    }
    logger.warn(
      `worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`,
    );
    if (lived >= QUICK_DEATH_MS) fork();
    else setTimeout(() => stopping || fork(), RESTART_PAUSE_MS);
  });

  const stopAll = () => {
    // a second signal while the workers drain changes nothing (the default action would kill
    // the primary, and its workers with it)
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(process.exitCode ?? 0);
    for (const worker of workers) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stopAll);
  process.on('SIGINT', stopAll);

  answerMetricsRequests();
  fork();
}
