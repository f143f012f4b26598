import 'reflect-metadata';
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { runClusterPrimary } from './core/cluster/cluster-primary';
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
  if (config.workers > 1 && cluster.isPrimary) {
    runClusterPrimary(config, rootLoggerFor(config));
    return;
  }
  try {
    // loaded here: the cluster's primary never builds the application
    const { createApp } = await import('./configure-app');
    const app = await createApp(config);
    await app.listen(config.port, config.host);
    const { port } = app.getHttpServer().address() as AddressInfo;
    // a worker leaves the line to the primary, which says it once for all
    if (!cluster.isWorker) rootLoggerFor(config).info(listeningLine(config, port));
  } catch (error) {
    reportStartupFailure(error, config, { host: config.host, port: config.port });
    process.exit(1);
  }
}

void bootstrap();
