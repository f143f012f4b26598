import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types';
import { createApp } from '../../src/configure-app';
import { AppConfig, loadConfig } from '../../src/core/config/app-config';
import { TEST_TMP_DIR } from './test-paths';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  /** supertest bound to the running app */
  http: () => ReturnType<typeof request>;
  server: App;
  close: () => Promise<void>;
}

/**
 * Boots the real AppModule through the same createApp() as main.ts. The database is a fresh
 * SQLite file per app unless TEST_DATABASE_URL points at PostgreSQL or MariaDB (CI runs the
 * persistence specs on all three). `env` overrides any variable.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({
    DATABASE_URL:
      process.env.TEST_DATABASE_URL ?? `sqlite:${join(TEST_TMP_DIR, `${randomUUID()}.sqlite`)}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // no spare Python processes starting in the background of every test app (2 cores in CI)
    CODE_PYTHON_SPARES: '0',
    FILE_STORAGE_DIR: join(TEST_TMP_DIR, 'files', randomUUID()),
    ...env,
  });
  const app = await createApp(config);
  const server = app.getHttpServer() as App;
  return {
    app,
    config,
    server,
    http: () => request(server),
    close: () => app.close(),
  };
}

/** A random alias id for a test app (alias ids are unique across the shared test database). */
export function uniqueAlias(prefix = 'app'): string {
  return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}
