import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';

// The console is plain ES modules and one CSS file under `console/` at the repository root
// (docs/console.md): nothing is compiled, so `npm start` serves them as they are. This file sits
// three levels below the root both as source (src/modules/console) and compiled
// (dist/modules/console).
export const CONSOLE_DIR = join(__dirname, '..', '..', '..', 'console');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Names a console asset may have: folders and a file of a served type, no dot segments. */
const ASSET_PATH = /^(?:[a-z0-9-]+\/)*[a-z0-9-]+\.(?:html|js|css|svg)$/;

/** The file behind a request path under /console/, or undefined when there is none to serve. */
export function consoleAsset(relative: string): { file: string; contentType: string } | undefined {
  if (!ASSET_PATH.test(relative)) return undefined;
  const file = join(CONSOLE_DIR, relative);
  if (!existsSync(file)) return undefined;
  return { file, contentType: CONTENT_TYPES[extname(relative)] };
}
