import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AppConfig } from './config/app-config';
import { GlobalExceptionFilter } from './errors/global-exception.filter';
import { RequestGuard } from './http/request.guard';
import { createValidationPipe } from './http/validation.pipe';
import { SidGenerator } from './ids/sid';
import { LoggingModule } from './logging/logging.module';

/**
 * Cross-cutting pieces every feature relies on: the validated config, the sid generator and the
 * global guard / pipe / interceptor / filter that make up the one error path.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    const sids = new SidGenerator(config.service.sub, config.service.location, config.port);
    return {
      module: CoreModule,
      imports: [LoggingModule.forRoot(config, sids)],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: SidGenerator, useValue: sids },
        { provide: APP_GUARD, useClass: RequestGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: GlobalExceptionFilter },
      ],
      exports: [AppConfig, SidGenerator],
    };
  }
}
