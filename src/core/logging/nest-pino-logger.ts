import type { LoggerService } from '@nestjs/common';
import type { Level, Logger as Pino } from 'pino';
import { isStartupChatter } from './startup-chatter';

/**
 * Nest's logger interface over one pino logger. Nest appends the caller's context (the name
 * given to `new Logger(name)`) as the last argument; an object first argument becomes the log
 * line's fields (`logger.error({ sid, err }, 'message')`), an Error its `err` field.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(requested: Level, message: unknown, rest: unknown[]): void {
    const level = isStartupChatter(rest[rest.length - 1]) ? 'debug' : requested;
    if (!this.pino.isLevelEnabled(level)) return;
    const params = [...rest];
    const fields: Record<string, unknown> = {};
    if (params.length > 0 && typeof params[params.length - 1] === 'string') {
      fields.context = params.pop();
    }
    if (message instanceof Error) {
      fields.err = message;
      this.pino[level](fields, typeof params[0] === 'string' ? params[0] : message.message);
      return;
    }
    if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
      this.pino[level](fields, typeof params[0] === 'string' ? params[0] : undefined);
      return;
    }
    // Nest's own exception handlers call error(message, stack, context)
    if (requested === 'error' && typeof params[0] === 'string' && params[0].includes('\n    at ')) {
      fields.err = { message: String(message), stack: params[0] };
    }
    this.pino[level](fields, String(message));
  }
}
