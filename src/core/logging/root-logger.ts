import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import type { LogFormat, LogLevel } from '../config/app-config';
import { formatPrettyLine } from './pretty-format';
import { REDACTED_PATHS } from './redaction';

export interface RootLoggerSettings {
  logLevel: LogLevel;
  logFormat: LogFormat;
}

/**
 * The process's one pino logger: JSON lines as pino writes them, or (LOG_FORMAT=pretty) each
 * record rewritten by our formatter. `fd` 1 is stdout; start-up failures go to stderr (2).
 */
export function createRootLogger(settings: RootLoggerSettings, fd: 1 | 2 = 1): Pino {
  const options = {
    level: settings.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  // stdout asynchronous as pino's default; stderr (a failure, then exit) synchronous
  const destination = pino.destination({ dest: fd, sync: fd === 2 });
  if (settings.logFormat === 'json') return pino(options, destination);
  const out = fd === 1 ? process.stdout : process.stderr;
  const pretty = {
    colours: out.isTTY === true,
    stacks: settings.logLevel === 'debug' || settings.logLevel === 'trace',
  };
  const stream: DestinationStream = {
    write(line: string) {
      destination.write(
        `${formatPrettyLine(JSON.parse(line) as Record<string, unknown>, pretty)}\n`,
      );
    },
  };
  return pino(options, stream);
}

const shared = new WeakMap<object, Pino>();

/** One logger per configuration: Nest's own lines (from `createApp`) and the module's agree. */
export function rootLoggerFor(config: RootLoggerSettings): Pino {
  let root = shared.get(config);
  if (!root) {
    root = createRootLogger(config);
    shared.set(config, root);
  }
  return root;
}
