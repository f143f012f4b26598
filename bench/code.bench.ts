import { performance } from 'node:perf_hooks';
import { CodeLanguage, SandboxCodeRunner } from '../src/engine';
import { line, verdict } from './report';

// Code sandboxes: cold start of one sandbox, warm latency of a trivial `main` (one sandbox,
// sequential calls, the full path: pool, IPC/postMessage, fresh namespace or context, JSON
// in and out), and throughput with the pool busy (pool of 2, 4 callers in flight).
// Runnable alone: npx ts-node --transpile-only bench/code.bench.ts

const TARGET_P50_MS: Record<CodeLanguage, number> = { python: 5, javascript: 1 };
const TRIVIAL: Record<CodeLanguage, string> = {
  python: 'def main(a, b):\n    return {"sum": a + b}',
  javascript: 'function main({ a, b }) { return { sum: a + b } }',
};
const WARM_RUNS = 2000;
const BUSY_RUNS = 4000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runOnce(runner: SandboxCodeRunner, language: CodeLanguage, i: number, appId = 'a') {
  const result = await runner.run({
    language,
    code: TRIVIAL[language],
    variables: { a: i, b: 1 },
    timeoutMs: 5000,
    appId,
  });
  if (result.text.replace(/\s/g, '') !== `{"sum":${i + 1}}`) {
    throw new Error(`unexpected result ${result.text}`);
  }
}

async function measure(language: CodeLanguage): Promise<void> {
  const single = new SandboxCodeRunner({ pythonPoolSize: 1, javascriptPoolSize: 1 });
  try {
    const coldStarted = performance.now();
    await runOnce(single, language, 0);
    line(
      `${language}: cold start (first run)`,
      `${(performance.now() - coldStarted).toFixed(0)} ms`,
    );
    for (let i = 0; i < 200; i += 1) await runOnce(single, language, i); // JIT warm-up
    const times: number[] = [];
    for (let i = 0; i < WARM_RUNS; i += 1) {
      const started = performance.now();
      await runOnce(single, language, i);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 50);
    verdict(
      `${language} code: warm run p50`,
      `${p50.toFixed(3)} ms`,
      `≤ ${TARGET_P50_MS[language]} ms`,
      p50 <= TARGET_P50_MS[language],
    );
    line(`${language}: warm run p99`, `${percentile(times, 99).toFixed(3)} ms`);
    // Python processes serve one tenant: another app on a full pool gets a fresh process
    const switched = performance.now();
    await runOnce(single, language, 0, 'another-app');
    line(
      `${language}: first run of another app, pool of 1 full`,
      `${(performance.now() - switched).toFixed(1)} ms`,
    );
  } finally {
    await single.close();
  }
  if (language === 'python') await tenantSwitchWithSpare();
  const pool = new SandboxCodeRunner({ pythonPoolSize: 2, javascriptPoolSize: 2 });
  try {
    await Promise.all([0, 1].map((i) => runOnce(pool, language, i))); // both sandboxes warm
    let next = 0;
    const started = performance.now();
    const caller = async () => {
      while (next < BUSY_RUNS) await runOnce(pool, language, next++);
    };
    await Promise.all([caller(), caller(), caller(), caller()]);
    const perSecond = BUSY_RUNS / ((performance.now() - started) / 1000);
    line(`${language}: runs/s, pool of 2 busy (4 callers)`, perSecond.toFixed(0));
  } finally {
    await pool.close();
  }
}

/** Another app's first run when a spare process is warm (CODE_PYTHON_SPARES=1). */
async function tenantSwitchWithSpare(): Promise<void> {
  const runner = new SandboxCodeRunner({
    pythonPoolSize: 1,
    javascriptPoolSize: 1,
    pythonSpares: 1,
  });
  try {
    await runOnce(runner, 'python', 0, 'first-app');
    while (runner.readySpares('python') < 1) await new Promise((r) => setTimeout(r, 50));
    const switched = performance.now();
    await runOnce(runner, 'python', 0, 'another-app');
    line(
      'python: first run of another app, with a warm spare',
      `${(performance.now() - switched).toFixed(1)} ms`,
    );
  } finally {
    await runner.close();
  }
}

export async function run(): Promise<void> {
  line('python isolation', JSON.stringify(SandboxCodeRunner.pythonIsolation()));
  for (const language of ['python', 'javascript'] as const) await measure(language);
}

if (require.main === module) {
  run().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
