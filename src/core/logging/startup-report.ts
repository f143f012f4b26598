import { fallbackLogFormat, type AppConfig } from '../config/app-config';
import { ConfigError } from '../config/config.schema';
import { StartupError } from '../config/startup-error';
import { createRootLogger } from './root-logger';

/** The one line that says the service is up, and on what (never a credential). */
export function listeningLine(config: AppConfig, port: number): string {
  const registry = config.redisUrl ? 'redis' : 'memory';
  // said by the cluster's primary once every worker listens (docs/deployment.md#workers)
  const workers = config.workers > 1 ? `, workers ${config.workers}` : '';
  return (
    `listening on http://${config.host}:${port} (database ${config.database.type}, ` +
    `storage ${config.files.storage}, registry ${registry}${workers})`
  );
}

/**
 * A start-up failure as one line naming the setting to fix, or undefined for a failure that
 * is not the operator's settings (then its stack matters).
 */
export function describeStartupFailure(
  error: unknown,
  listen?: { host: string; port: number },
): string | undefined {
  if (error instanceof ConfigError || error instanceof StartupError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (!listen) return undefined;
  if (code === 'EADDRINUSE') return `port ${listen.port} is in use (PORT)`;
  if (code === 'EACCES') return `port ${listen.port} needs privileges this process lacks (PORT)`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return `${listen.host} is not an address of this machine (HOST)`;
  }
  return undefined;
}

/**
 * Writes a start-up failure to stderr, in the configured format and whatever LOG_LEVEL says:
 * one line when it is the operator's settings, the error with its stack otherwise. When the
 * configuration itself failed, LOG_FORMAT is read as given (defaulting as the config does).
 */
export function reportStartupFailure(
  error: unknown,
  config?: AppConfig,
  listen?: { host: string; port: number },
): void {
  // level trace: the pretty format then shows the stack of an unexpected failure
  const logFormat = config?.logFormat ?? fallbackLogFormat();
  const logger = createRootLogger({ logLevel: 'trace', logFormat }, 2);
  const line = describeStartupFailure(error, listen);
  if (line) logger.fatal(line);
  else logger.fatal({ err: error }, `start-up failed: ${String(error)}`);
}
