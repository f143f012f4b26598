import 'reflect-metadata';
import { createApp } from './configure-app';
import { loadConfigFromEnvironment } from './core/config/app-config';
import { ConfigError } from './core/config/config.schema';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfigFromEnvironment();
  } catch (error) {
    if (error instanceof ConfigError) {
      // fail fast, naming the variable, before anything else starts
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen(config.port, config.host);
}

void bootstrap();
