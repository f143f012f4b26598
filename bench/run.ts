// Entry of `npm run bench`: runs every `bench/*.bench.ts` that exports `run()` in turn and
// prints what each measured. Benchmarks print figures; they never fail on targets.
// Usage: npm run bench [-- <name filter>]   e.g. `npm run bench -- engine`
import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

interface BenchModule {
  run?: () => Promise<void> | void;
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => !filter || name.includes(filter))
    .sort();
  let failures = 0;
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(__dirname, file)) as BenchModule;
    if (typeof mod.run !== 'function') continue;
    process.stdout.write(`\n== ${basename(file, '.bench.ts')} ==\n`);
    const started = Date.now();
    try {
      await mod.run();
    } catch (error) {
      failures += 1;
      process.stdout.write(`  failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    }
    process.stdout.write(`  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  if (files.length === 0) process.stdout.write('no benchmarks matched\n');
  // a benchmark that could not run is reported, and the exit code says so
  process.exit(failures ? 1 : 0);
}

void main();
