// `npm start` on a fresh clone: compile once when dist/ is missing or older than src/.
// The build is incremental (tsc rewrites only what changed), so dist/main.js keeps its old time
// after a rebuild for another file; a stamp written after each build is what gets compared.
const { existsSync, statSync, readdirSync, utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { execSync } = require('node:child_process');

const ROOT = join(__dirname, '..');
const STAMP = join(ROOT, 'dist', '.built');

/** newest modification time of the compiled sources (tests are not part of dist/) */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (!entry.isDirectory() && entry.name.endsWith('.spec.ts')) continue;
    const time = entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

const built = existsSync(join(ROOT, 'dist', 'main.js')) && existsSync(STAMP);
if (!built || statSync(STAMP).mtimeMs < newestSource(join(ROOT, 'src'))) {
  process.stdout.write('Building (dist/ missing or older than src/)...\n');
  const startedAt = new Date();
  execSync('npm run build', { stdio: 'inherit', cwd: ROOT });
  // the stamp carries the build's start: a source saved during the build stays newer
  writeFileSync(STAMP, `${startedAt.toISOString()}\n`);
  utimesSync(STAMP, startedAt, startedAt);
}
