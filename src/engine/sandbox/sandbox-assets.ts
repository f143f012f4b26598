import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Absolute path of a plain-JavaScript sandbox file (`python/child/…`, `javascript/child/…`).
 * These files run without a TypeScript loader and are not emitted by `tsc`, so a build under
 * dist/ uses the twin under src/.
 */
export function sandboxAsset(relativePath: string): string {
  const here = join(__dirname, relativePath);
  const candidates = [here, here.replace(/([/\\])dist([/\\])/, '$1src$2')];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`sandbox file not found: ${candidates.join(' or ')}`);
  return found;
}
