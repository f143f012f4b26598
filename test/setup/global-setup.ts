import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../src/core/config/database-url';

// Runs once before the e2e suite. With TEST_DATABASE_URL on PostgreSQL or MariaDB the schema is
// dropped so the suite exercises the migrations from scratch (SQLite tests use fresh files).
export default async function globalSetup(): Promise<void> {
  process.env.E2E_TMP_DIR = mkdtempSync(join(tmpdir(), 'astron-workflow-e2e-'));
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const db = parseDatabaseUrl(url, 'TEST_DATABASE_URL');
  if (db.type === 'sqlite') return;
  const source = new DataSource(
    db.type === 'postgres' ? { type: 'postgres', url: db.url } : { type: 'mysql', url: db.url },
  );
  await source.initialize();
  try {
    if (db.type === 'postgres') {
      await source.query('DROP SCHEMA public CASCADE');
      await source.query('CREATE SCHEMA public');
    } else {
      const tables: { name: string }[] = await source.query(
        'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
      );
      await source.query('SET FOREIGN_KEY_CHECKS = 0');
      for (const { name } of tables) await source.query(`DROP TABLE IF EXISTS \`${name}\``);
      await source.query('SET FOREIGN_KEY_CHECKS = 1');
    }
  } finally {
    await source.destroy();
  }
}
