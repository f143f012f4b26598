import { readEnum } from './config.schema';

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = 'pretty' | 'json';

/** LOG_LEVEL (default `info`). */
export function readLogLevel(env: Env): LogLevel {
  return readEnum(env, 'LOG_LEVEL', LOG_LEVELS, 'info');
}

/** LOG_FORMAT; unset: `pretty` on a terminal, else `json`. */
export function readLogFormat(env: Env, stdoutIsTerminal: boolean): LogFormat {
  return readEnum(
    env,
    'LOG_FORMAT',
    ['pretty', 'json'] as const,
    stdoutIsTerminal ? 'pretty' : 'json',
  );
}

/**
 * The log format when the configuration as a whole could not be read (a start-up failure must
 * still be written in the operator's format): `LOG_FORMAT` if valid, else by the terminal.
 */
export function fallbackLogFormat(
  env: NodeJS.ProcessEnv = process.env,
  stdoutIsTerminal = process.stdout.isTTY === true,
): LogFormat {
  const given = env.LOG_FORMAT;
  if (given === 'json' || given === 'pretty') return given;
  return stdoutIsTerminal ? 'pretty' : 'json';
}
