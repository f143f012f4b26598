// `npm start` on a fresh clone: compile once when dist/ is missing or older than src/.
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { execSync } = require('node:child_process');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

const built = join(__dirname, '..', 'dist', 'main.js');
const stale = !existsSync(built) || statSync(built).mtimeMs < newestMtime(join(__dirname, '..', 'src'));
if (stale) {
  process.stdout.write('Building (dist/ missing or older than src/)...\n');
  execSync('npm run build', { stdio: 'inherit', cwd: join(__dirname, '..') });
}
