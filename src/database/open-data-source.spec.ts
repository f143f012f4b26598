import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartupError } from '../core/config/startup-error';
import { dataSourceOptions } from './data-source-options';
import { openDataSource, startupDataSourceOptions, withConnectTimeout } from './open-data-source';

// One bounded attempt at the database, failing as a StartupError that names DATABASE_URL.
describe('openDataSource', () => {
  it('opens and migrates a SQLite database', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'open-ds-')), 'db.sqlite');
    const dataSource = await openDataSource(dataSourceOptions({ type: 'sqlite', url: file }, true));
    try {
      expect(dataSource.isInitialized).toBe(true);
      expect(await dataSource.showMigrations()).toBe(false); // nothing pending
    } finally {
      await dataSource.destroy();
    }
  });

  it('a refused connection: one attempt, the URL without its password', async () => {
    const options = withConnectTimeout(
      dataSourceOptions({ type: 'postgres', url: 'postgres://u:pw@127.0.0.1:1/x' }, true),
      2000,
    );
    const failure = await openDataSource(options).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StartupError);
    expect((failure as Error).message).toMatch(
      /^cannot reach the database at postgres:\/\/127\.0\.0\.1:1\/x \(DATABASE_URL\): .*ECONNREFUSED/,
    );
    expect((failure as Error).message).not.toContain('pw');
  });

  it('a server that never answers: gives up at the timeout', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const options = withConnectTimeout(
        dataSourceOptions({ type: 'postgres', url: `postgres://u@127.0.0.1:${port}/x` }, true),
        300,
      );
      const started = Date.now();
      const failure = await openDataSource(options).catch((error: unknown) => error);
      expect(Date.now() - started).toBeLessThan(2000);
      expect((failure as Error).message).toMatch(/\(DATABASE_URL\): /);
    } finally {
      silent.close();
    }
  });

  it('a SQLite file that is not a database: cannot open', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'open-ds-')), 'not.sqlite');
    writeFileSync(file, 'this is not a database file, just text long enough to be read'.repeat(20));
    const failure = await openDataSource(
      dataSourceOptions({ type: 'sqlite', url: file }, true),
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StartupError);
    expect((failure as Error).message).toMatch(
      new RegExp(`^cannot open the database at sqlite:.*not\\.sqlite \\(DATABASE_URL\\): `),
    );
  });

  it('a SQLite directory that cannot be made: names DATABASE_URL, no retry', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'open-ds-')), 'plain-file');
    writeFileSync(file, '');
    expect(() =>
      startupDataSourceOptions({ type: 'sqlite', url: join(file, 'sub', 'db.sqlite') }, true, 1000),
    ).toThrow(
      /^cannot open the database at sqlite:.*plain-file\/sub\/db\.sqlite \(DATABASE_URL\): /,
    );
    const options = startupDataSourceOptions(
      { type: 'postgres', url: 'postgres://db/x' },
      true,
      1500,
    );
    expect(options).toMatchObject({ type: 'postgres', connectTimeoutMS: 1500 });
    expect(options.toRetry?.(new Error('refused'))).toBe(false);
  });
});
