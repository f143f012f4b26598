// Entry of `npm run bench`: runs every `bench/*.bench.ts` that exports `run()` in turn and
// prints what each measured, then a table of every target's verdict (report.ts `verdict`).
// Exit code: 1 when a benchmark could not run (it threw), else 0. A target not met is a FAIL
// verdict — a figure, printed in the table — never a failed benchmark: on a shared host a
// figure can miss its target for reasons of the host, and the bench must still report the rest.
// Usage: npm run bench [-- <name filter>]   e.g. `npm run bench -- engine`
import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { collectedVerdicts, verdictTable } from './report';

interface BenchModule {
  run?: () => Promise<void> | void;
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => !filter || name.includes(filter))
    .sort();
  const failed: string[] = [];
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(__dirname, file)) as BenchModule;
    if (typeof mod.run !== 'function') continue;
    const name = basename(file, '.bench.ts');
    process.stdout.write(`\n== ${name} ==\n`);
    const started = Date.now();
    try {
      await mod.run();
    } catch (error) {
      failed.push(name);
      process.stdout.write(`  failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    }
    process.stdout.write(`  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  if (files.length === 0) process.stdout.write('no benchmarks matched\n');
  const table = verdictTable(collectedVerdicts());
  if (table) process.stdout.write(`\n== verdicts ==\n${table}`);
  if (failed.length) process.stdout.write(`\ncould not run: ${failed.join(', ')}\n`);
  process.exit(failed.length ? 1 : 0);
}

void main();
