import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig } from '../config/app-config';
import { SidGenerator } from '../ids/sid';
import { REDACTED_PATHS } from './redaction';

/**
 * pino through nestjs-pino: one line per request carrying the sid (minted here as the request
 * id), route, status and duration; credentials redacted.
 */
function withRoute(req: IncomingMessage, _res: ServerResponse, value: object): object {
  return { ...value, route: (req as IncomingMessage & { route?: { path?: string } }).route?.path };
}

@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, sids: SidGenerator): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: () => sids.next(),
            customAttributeKeys: { reqId: 'sid', responseTime: 'duration_ms' },
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
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
          },
        }),
      ],
    };
  }
}
