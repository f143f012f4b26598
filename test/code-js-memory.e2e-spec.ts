import { SandboxCodeRunner } from '../src/engine';
import { CodeEngineServices } from '../src/modules/code/code-engine-services';
import { createTestApp, TestApp } from './helpers/test-app';

// JavaScript memory bombs through POST /code/run. QuickJS runs in worker threads of the service
// process, so whatever its wasm memory grows to is the service's own memory: two bombs at once
// must end as errors while this process (which hosts the app) grows by less than 150 MB, and the
// service must answer normally afterwards.

const MB = 2 ** 20;
const MAX_GROWTH_MB = 150;
const SAMPLE_MS = 20;

const BOMBS: Array<[string, string]> = [
  ['arrays', 'function main() { const a = []; while (true) a.push(new Array(1e6).fill(1)) }'],
  ['strings', "function main() { const a = []; while (true) a.push('x'.repeat(1e6)) }"],
  ['an object map', "function main() { const m = {}; for (let i = 0; ; i++) m['k' + i] = { i } }"],
];

describe('JavaScript sandbox memory bombs', () => {
  let t: TestApp;
  let runner: SandboxCodeRunner;

  beforeAll(async () => {
    t = await createTestApp({ CODE_JS_POOL_SIZE: '2' });
    runner = t.app.get(CodeEngineServices).runner as SandboxCodeRunner;
  });
  afterAll(() => t.close());

  const run = (code: string, variables: Array<{ name: string; content: unknown }> = []) =>
    t
      .http()
      .post('/workflow/v1/code/run')
      .send({ code, variables, app_id: 'a', uid: 'u', code_language: 'javascript' })
      .expect(200);

  const normalRun = async () => {
    const res = await run('function main({ a }) { return { doubled: a * 2 } }', [
      { name: 'a', content: 21 },
    ]);
    expect(res.body).toEqual({
      code: 0,
      message: 'success',
      data: { doubled: 42 },
      sid: expect.any(String),
    });
  };

  /** Peak growth of this process's resident size (MB) while `work` runs, sampled. */
  async function peakGrowthMb<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
    const before = process.memoryUsage().rss;
    let peak = before;
    const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
    const timer = setInterval(sample, SAMPLE_MS);
    try {
      const result = await work();
      sample();
      return { result, growth: (peak - before) / MB };
    } finally {
      clearInterval(timer);
    }
  }

  /** Busy but modest code: V8 compiles QuickJS's hot wasm functions once per process
   * (≈15–30 MB, whatever code first runs hot), which is no bomb's doing. */
  const warmUp = async () => {
    const code =
      'function main() { const o = {}; for (let i = 0; i < 1e5; i++) ' +
      'o["k" + (i % 1000)] = [i, "v" + i, new Array(100).fill(i)]; ' +
      'return Object.keys(o).length }';
    expect((await run(code)).body.data).toBe(1000);
  };

  it.each(BOMBS)('two concurrent bombs of %s end as errors in bounded memory', async (_, bomb) => {
    // Both workers of the pool started and warm first, as in a running service: their start-up
    // is not what a bomb costs.
    await Promise.all([warmUp(), warmUp()]);
    expect(runner.started('javascript')).toBe(2);
    const { result: answers, growth } = await peakGrowthMb(() =>
      Promise.all([run(bomb), run(bomb)]),
    );
    for (const { body } of answers) {
      expect(body).toEqual({
        code: expect.any(Number),
        message: expect.any(String),
        sid: expect.any(String),
      });
      expect([21600, 21603]).toContain(body.code);
      if (body.code === 21600) expect(body.message).toMatch(/memory/);
    }
    expect(growth).toBeLessThan(MAX_GROWTH_MB);
    // both workers were retired (their wasm memory never shrinks); fresh ones take the next run
    expect(runner.started('javascript')).toBe(0);
    await normalRun();
    await t.http().get('/health').expect(200, { status: 'ok' });
  });
});
