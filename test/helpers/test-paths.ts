import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Scratch space of this test run (SQLite files, local file storage). Global setup picks a fresh
 * directory per run and hands it to the workers through the environment, so concurrent runs
 * never share or wipe each other's files; global teardown removes it.
 */
export function testTmpDir(): string {
  return process.env.E2E_TMP_DIR ?? join(tmpdir(), 'astron-workflow-e2e');
}

/** This run's scratch directory (workers load this module after global setup has set it). */
export const TEST_TMP_DIR = testTmpDir();
