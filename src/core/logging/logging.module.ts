import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { SidGenerator } from '../ids/sid';
import { NestPinoLogger } from './nest-pino-logger';
import { createRequestLogger } from './request-logger';
import { rootLoggerFor } from './root-logger';

/** The request-logging middleware; `configureApp` mounts it before anything else. */
export const REQUEST_LOGGER = Symbol('REQUEST_LOGGER');

/**
 * pino: one line per request carrying the sid (minted here), route, status and duration;
 * credentials redacted. Nest's own logs go to the same pino. No per-request AsyncLocalStorage
 * (what nestjs-pino adds for request-bound `Logger` calls) and no logger object per request
 * (pino-http's): on Node 20 the first turns on a hook for every promise, which cost about a
 * tenth of the CPU of a streamed token, and both kept per-request objects alive for the whole
 * of a streamed run; log lines that belong to a request name its sid explicitly instead.
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, sids: SidGenerator): DynamicModule {
    const root = rootLoggerFor(config);
    return {
      module: LoggingModule,
      global: true,
      providers: [
        { provide: NestPinoLogger, useValue: new NestPinoLogger(root) },
        { provide: REQUEST_LOGGER, useValue: createRequestLogger(root, () => sids.next()) },
      ],
      exports: [NestPinoLogger, REQUEST_LOGGER],
    };
  }
}
