import { DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger as Pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { AppConfig } from '../config/app-config';
import { SidGenerator } from '../ids/sid';
import { NestPinoLogger } from './nest-pino-logger';
import { REDACTED_PATHS } from './redaction';

/** The request-logging middleware; `configureApp` mounts it before anything else. */
export const REQUEST_LOGGER = Symbol('REQUEST_LOGGER');
export type RequestLogger = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

function withRoute(req: IncomingMessage, _res: ServerResponse, value: object): object {
  return { ...value, route: (req as IncomingMessage & { route?: { path?: string } }).route?.path };
}

/**
 * pino with pino-http: one line per request carrying the sid (minted here as the request id),
 * route, status and duration; credentials redacted. Nest's own logs go to the same pino.
 * No per-request AsyncLocalStorage (what nestjs-pino adds for request-bound `Logger` calls): on
 * Node 20 it turns on a hook for every promise, which cost about a tenth of the CPU of a
 * streamed token; log lines that belong to a request name its sid explicitly instead.
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, sids: SidGenerator): DynamicModule {
    const root: Pino = pino({
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    });
    const requestLogger = pinoHttp({
      logger: root,
      genReqId: () => sids.next(),
      customAttributeKeys: { reqId: 'sid', responseTime: 'duration_ms' },
      serializers: {
        req: (req: IncomingMessage & { method?: string; url?: string }) => ({
          method: req.method,
          url: req.url,
        }),
        res: (res: ServerResponse) => ({ status: res.statusCode }),
      },
      customSuccessObject: withRoute,
      customErrorObject: withRoute,
      quietReqLogger: true,
    });
    return {
      module: LoggingModule,
      global: true,
      providers: [
        { provide: NestPinoLogger, useValue: new NestPinoLogger(root) },
        { provide: REQUEST_LOGGER, useValue: requestLogger },
      ],
      exports: [NestPinoLogger, REQUEST_LOGGER],
    };
  }
}
