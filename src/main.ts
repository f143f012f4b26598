import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from './configure-app';
import { AppConfig, loadConfigFromEnvironment } from './core/config/app-config';
import { rootLoggerFor } from './core/logging/root-logger';
import { listeningLine, reportStartupFailure } from './core/logging/startup-report';

/** EX_CONFIG (sysexits): the service cannot start with these settings. */
const EXIT_CONFIG = 78;

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfigFromEnvironment();
  } catch (error) {
    // fail fast, naming the variable, before anything else starts
    reportStartupFailure(error);
    process.exit(EXIT_CONFIG);
  }
  try {
    const app = await createApp(config);
    await app.listen(config.port, config.host);
    const { port } = app.getHttpServer().address() as AddressInfo;
    rootLoggerFor(config).info(listeningLine(config, port));
  } catch (error) {
    reportStartupFailure(error, config, { host: config.host, port: config.port });
    process.exit(1);
  }
}

void bootstrap();
