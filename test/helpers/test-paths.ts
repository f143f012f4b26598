import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Scratch space for e2e runs (SQLite files, local file storage); wiped by global setup. */
export const TEST_TMP_DIR = join(tmpdir(), 'astron-workflow-e2e');
