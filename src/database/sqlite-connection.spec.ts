import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** a data source with the service's options for a SQLite URL (no migrations needed here) */
async function connected(url: string): Promise<DataSource> {
  return new DataSource(dataSourceOptions({ type: 'sqlite', url }, false)).initialize();
}

async function pragma(db: DataSource, name: string): Promise<unknown> {
  const [row] = (await db.query(`PRAGMA ${name}`)) as Record<string, unknown>[];
  return row[name];
}

describe('SQLite connection setup', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sqlite-setup-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a file database in WAL mode without an fsync per commit', async () => {
    const db = await connected(join(dir, 'app.sqlite'));
    try {
      expect(await pragma(db, 'journal_mode')).toBe('wal');
      expect(await pragma(db, 'synchronous')).toBe(1); // NORMAL (FULL is 2)
    } finally {
      await db.destroy();
    }
  });

  it('keeps reading 64-bit ids without losing digits', async () => {
    const db = await connected(join(dir, 'ids.sqlite'));
    try {
      await db.query('CREATE TABLE t (id INTEGER)');
      await db.query('INSERT INTO t VALUES (7234567890123456789)');
      const [row] = (await db.query('SELECT id FROM t')) as { id: bigint }[];
      expect(String(row.id)).toBe('7234567890123456789');
    } finally {
      await db.destroy();
    }
  });

  it('leaves an in-memory database to SQLite defaults', async () => {
    const db = await connected(':memory:');
    try {
      expect(await pragma(db, 'journal_mode')).toBe('memory');
      expect(await pragma(db, 'synchronous')).toBe(2);
    } finally {
      await db.destroy();
    }
  });
});
