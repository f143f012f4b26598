import { INestApplication } from '@nestjs/common';
import cluster from 'node:cluster';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { workerHeader } from './core/cluster/worker-header';
import { AppConfig } from './core/config/app-config';
import { jsonBodyMiddleware } from './core/http/json-body.middleware';
import { setupSwagger } from './core/http/swagger';
import { signatureAuthMiddleware } from './modules/tenancy/signature/signature-auth.middleware';
import { SignatureVerifier } from './modules/tenancy/signature/signature-verifier';
import { NestPinoLogger } from './core/logging/nest-pino-logger';
import { REQUEST_LOGGER } from './core/logging/logging.module';
import type { RequestLogger } from './core/logging/request-logger';
import { rootLoggerFor } from './core/logging/root-logger';
import { createHttpTelemetry } from './core/telemetry/http-telemetry';
import { ServiceMetrics } from './core/telemetry/service-metrics';

/**
 * Builds the application exactly as production runs it; `main.ts` and every e2e test go
 * through here so tests exercise the real middleware, guard, pipe and filter.
 */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    // our logger from the first line (a failed start-up is not replayed in Nest's format), and
    // a failed start-up rejects: main.ts reports it as one line instead of Nest exiting
    logger: new NestPinoLogger(rootLoggerFor(config)),
    abortOnError: false,
  });
  configureApp(app, config);
  await app.init();
  return app;
}

export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(NestPinoLogger));
  // first: every request gets its sid before any other middleware
  app.use(app.get<RequestLogger>(REQUEST_LOGGER));
  if (cluster.isWorker) app.use(workerHeader());
  // request metrics, and the caller's traceparent for the run a request starts
  app.use(createHttpTelemetry(app.get(ServiceMetrics)));
  app.set('etag', false);
  app.set('x-powered-by', false);
  app.enableCors({ origin: true, credentials: true, methods: '*' });
  app.use(jsonBodyMiddleware(config.bodyLimit, config.bodyMaxDepth));
  // after the body reader: the signature's digest covers the body bytes
  if (config.auth.mode === 'signature') {
    app.use(signatureAuthMiddleware(app.get(SignatureVerifier)));
  }
  app.enableShutdownHooks();
  setupSwagger(app);
}
