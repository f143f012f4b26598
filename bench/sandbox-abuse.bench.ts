// Sandbox abuse against the service as users run it (`dist/main.js`, default pool sizes):
// clients that give up while waiting for Python, then fresh apps; two JavaScript memory bombs
// at once and what they cost the service's resident size. Prints figures beside the targets.
// Usage: npm run bench -- sandbox-abuse
import { residentMb, Sampler } from './proc-figures';
import { line, verdict } from './report';
import { ServiceProcess } from './service-process';

const SLEEPER = 'import time\ndef main():\n    time.sleep(3)\n    return {"slept": 3}';
const QUICK = 'def main():\n    return {"ok": 1}';
const JS_BOMB = 'function main() { let a = []; while (true) a.push(new Array(1e6).fill(1)); }';

interface Answer {
  code: number;
  ms: number;
}

async function codeRun(
  base: string,
  caller: string,
  code: string,
  language = 'python',
  abortAfterMs?: number,
): Promise<Answer | 'aborted'> {
  const started = Date.now();
  const signal = abortAfterMs === undefined ? undefined : AbortSignal.timeout(abortAfterMs);
  try {
    const res = await fetch(`${base}/workflow/v1/code/run`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Consumer-Username': caller },
      body: JSON.stringify({
        code,
        variables: [],
        app_id: caller,
        uid: 'u',
        code_language: language,
      }),
      signal,
    });
    const body = (await res.json()) as { code: number };
    return { code: body.code, ms: Date.now() - started };
  } catch (error) {
    if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') {
      return 'aborted';
    }
    throw error;
  }
}

async function abortedWaiters(service: ServiceProcess): Promise<void> {
  const base = service.base;
  // 24 apps queue for Python (pool of 2): most are still waiting when their clients give up
  const waiters = await Promise.all(
    Array.from({ length: 24 }, (_, index) =>
      codeRun(base, `abuser${index}`, SLEEPER, 'python', 5000),
    ),
  );
  const gaveUp = waiters.filter((answer) => answer === 'aborted').length;
  line('clients that gave up after 5 s', `${gaveUp} of 24`);
  const fresh: Answer[] = [];
  for (let index = 0; index < 3; index += 1) {
    const answer = await codeRun(base, `fresh${index}`, QUICK, 'python', 30_000);
    fresh.push(answer === 'aborted' ? { code: -1, ms: 30_000 } : answer);
  }
  const slowest = Math.max(...fresh.map((answer) => answer.ms));
  verdict(
    'sandbox abuse: 3 fresh Python apps afterwards',
    fresh.map((answer) => `${answer.code} in ${(answer.ms / 1000).toFixed(1)} s`).join(', '),
    'code 0, each ≤ 10 s',
    fresh.every((answer) => answer.code === 0) && slowest < 10_000,
  );
  const health = await fetch(`${base}/health`);
  line('/health afterwards', String(health.status));
}

async function memoryBombs(service: ServiceProcess): Promise<void> {
  const base = service.base;
  await codeRun(base, 'warm-js', 'function main() { return 1 }', 'javascript');
  const before = residentMb(service.pid) ?? NaN;
  const sampler = new Sampler(() => residentMb(service.pid), 20);
  const answers = await Promise.all([
    codeRun(base, 'bomber1', JS_BOMB, 'javascript', 60_000),
    codeRun(base, 'bomber2', JS_BOMB, 'javascript', 60_000),
  ]);
  sampler.stop();
  const peak = sampler.max();
  const codes = answers.map((answer) => (answer === 'aborted' ? 'no answer' : answer.code));
  line('two JavaScript memory bombs', codes.join(', '));
  verdict(
    'sandbox abuse: service RSS under 2 JS memory bombs',
    `${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB at peak (+${(peak - before).toFixed(0)} MB)`,
    'growth < 150 MB',
    peak - before < 150,
  );
  const after = await codeRun(base, 'after-js', 'function main() { return 1 }', 'javascript');
  line('a JavaScript run afterwards', after === 'aborted' ? 'no answer' : String(after.code));
}

export async function run(): Promise<void> {
  const service = await ServiceProcess.start({ CODE_PYTHON_SPARES: '1' });
  try {
    await abortedWaiters(service);
    await memoryBombs(service);
  } finally {
    await service.close();
  }
}
