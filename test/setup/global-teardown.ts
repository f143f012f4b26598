import { rmSync } from 'node:fs';

// Removes this run's scratch directory; each spec closes what it starts (apps, fixture servers).
export default async function globalTeardown(): Promise<void> {
  const dir = process.env.E2E_TMP_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
