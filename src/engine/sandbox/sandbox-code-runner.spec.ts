import { AppException } from '../errors/engine-error';
import { CodeLanguage } from './code-runner';
import { SandboxCodeRunner } from './sandbox-code-runner';

// One runner (one warm Python process, one QuickJS worker) for the whole file.
const runner = new SandboxCodeRunner({ pythonPoolSize: 1, javascriptPoolSize: 1 });
afterAll(() => runner.close());

function run(language: CodeLanguage, code: string, variables = {}, timeoutMs = 5000) {
  return runner.run({ language, code, variables, timeoutMs });
}

async function failure(promise: Promise<unknown>): Promise<AppException> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppException);
    return error as AppException;
  }
  throw new Error('expected the run to fail');
}

describe('SandboxCodeRunner — Python', () => {
  it('calls main(**variables) and prints non-strings as JSON with non-ASCII kept', async () => {
    const code = 'def main(a, b):\n    print("side note")\n    return {"sum": a + b, "名": "值"}';
    const result = await run('python', code, { a: 1, b: 2 });
    expect(result.text).toBe('{"sum": 3, "名": "值"}');
    expect(result.stdout).toBe('side note\n');
  });

  it('prints strings as they are and None as None', async () => {
    expect((await run('python', 'def main(s):\n    return s', { s: 'plain' })).text).toBe('plain');
    expect((await run('python', 'def main():\n    return None')).text).toBe('None');
    expect((await run('python', 'def main():\n    return [1, 2.5, True]')).text).toBe(
      '[1, 2.5, true]',
    );
  });

  it('reports exceptions as 21600 with the user traceback only', async () => {
    const error = await failure(run('python', 'def main():\n    return 1 / 0'));
    expect(error.code).toBe(21600);
    expect(error.message).toBe(
      'Code execution failed(Traceback (most recent call last):\n' +
        '  File "<code>", line 2, in main\n' +
        'ZeroDivisionError: division by zero)',
    );
  });

  it('reports a missing main as 21601 and a syntax error as 21600', async () => {
    const missing = await failure(run('python', 'x = 1'));
    expect(missing.code).toBe(21601);
    expect(missing.message).toBe('Code interpreter node build failed(can not find main function)');
    const syntax = await failure(run('python', 'def main(:\n    pass'));
    expect(syntax.code).toBe(21600);
    expect(syntax.message).toContain('SyntaxError');
  });

  it('interrupts a busy loop at the deadline (21603) and keeps the process', async () => {
    const started = Date.now();
    const error = await failure(
      run('python', 'def main():\n    while True:\n        pass', {}, 300),
    );
    expect(error.code).toBe(21603);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await run('python', 'def main():\n    return 7')).text).toBe('7');
    expect(runner.started('python')).toBe(1);
  });

  it('gives every run a fresh namespace and restores patched builtins and modules', async () => {
    await run(
      'python',
      'import builtins\nleak = 1\nbuiltins.len = lambda x: 42\ndef main():\n    return 0',
    );
    await run('python', 'import colorsys\ndef main():\n    return 0');
    const probe =
      'import sys\ndef main():\n    return [len("ab"), "leak" in globals(), "colorsys" in sys.modules]';
    expect((await run('python', probe)).text).toBe('[2, false, false]');
  });

  it('rejects a result above the output limit (21600)', async () => {
    const error = await failure(run('python', 'def main():\n    return "x" * 2_000_000'));
    expect(error.code).toBe(21600);
    expect(error.message).toContain('limit is 1000000');
  });

  it('queues runs on a pool of one instead of starting more processes', async () => {
    const runs = [1, 2, 3].map((n) => run('python', 'def main(n):\n    return n * 2', { n }));
    expect((await Promise.all(runs)).map((r) => r.text)).toEqual(['2', '4', '6']);
    expect(runner.started('python')).toBe(1);
  });
});

describe('SandboxCodeRunner — JavaScript', () => {
  it('calls main(variables) with parameters by name and JSON-encodes the result', async () => {
    const code =
      'function main({ a, b }) { console.log("note", { a }); return { sum: a + b, 名: "值" }; }';
    const result = await run('javascript', code, { a: 1, b: 2 });
    expect(result.text).toBe('{"sum":3,"名":"值"}');
    expect(result.stdout).toBe('note {"a":1}\n');
  });

  it('returns strings raw, undefined as null, and awaits an async main', async () => {
    expect((await run('javascript', 'function main({ s }) { return s }', { s: 'raw' })).text).toBe(
      'raw',
    );
    expect((await run('javascript', 'function main() {}')).text).toBe('null');
    const asyncMain = 'async function main({ n }) { await null; return [n] }';
    expect((await run('javascript', asyncMain, { n: 3 })).text).toBe('[3]');
  });

  it('maps errors: thrown 21600, missing main 21601, busy loop 21603', async () => {
    const thrown = await failure(
      run('javascript', 'function main() { throw new TypeError("bad") }'),
    );
    expect(thrown.code).toBe(21600);
    expect(thrown.message).toMatch(/^Code execution failed\(TypeError: bad\n {4}at main/);
    expect((await failure(run('javascript', 'const x = 1'))).code).toBe(21601);
    const started = Date.now();
    const loop = await failure(run('javascript', 'function main() { for (;;) {} }', {}, 200));
    expect(loop.code).toBe(21603);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await run('javascript', 'function main() { return 1 }')).text).toBe('1');
    expect(runner.started('javascript')).toBe(1);
  });

  it('rejects a rejected promise as 21600 and a never-settling one in time', async () => {
    const rejected = await failure(
      run('javascript', 'async function main() { throw new Error("no") }'),
    );
    expect(rejected.message).toContain('Error: no');
    const pending = await failure(
      run('javascript', 'function main() { return new Promise(() => {}) }'),
    );
    expect(pending.message).toContain('never settled');
  });

  it('stops a run whose signal aborts and replaces the worker', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const aborted = runner.run({
      language: 'javascript',
      code: 'function main() { for (;;) {} }',
      variables: {},
      timeoutMs: 5000,
      signal: controller.signal,
    });
    const started = Date.now();
    expect((await failure(aborted)).message).toBe('Code execution failed(run aborted)');
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await run('javascript', 'function main() { return 2 }')).text).toBe('2');
    expect(runner.started('javascript')).toBe(1);
  });

  it('hands queued runs to a fresh sandbox when the busy one is killed', async () => {
    const loop = (signal: AbortSignal) =>
      runner.run({
        language: 'javascript',
        code: 'function main() { for (;;) {} }',
        variables: {},
        timeoutMs: 5000,
        signal,
      });
    const busy = new AbortController();
    const waiting = new AbortController();
    const running = loop(busy.signal);
    const leaving = loop(waiting.signal); // pool of one: waits behind `running`
    const queued = [1, 2].map((n) => run('javascript', 'function main({ n }) { return n }', { n }));
    waiting.abort();
    expect((await failure(leaving)).message).toBe(
      'Code execution failed(run aborted while waiting for a sandbox)',
    );
    busy.abort();
    expect((await failure(running)).message).toBe('Code execution failed(run aborted)');
    expect((await Promise.all(queued)).map((r) => r.text)).toEqual(['1', '2']);
    expect(runner.started('javascript')).toBe(1);
  });
});

describe('SandboxCodeRunner — pool stats', () => {
  it('counts busy, idle and cold-started sandboxes for the host', async () => {
    const own = new SandboxCodeRunner({ pythonPoolSize: 1, javascriptPoolSize: 2 });
    try {
      expect(own.poolStats('javascript')).toEqual({ busy: 0, idle: 0, coldStarts: 0 });
      const slow = own.run({
        language: 'javascript',
        code: 'function main() { const end = Date.now() + 300; while (Date.now() < end) {} return 1 }',
        variables: {},
        timeoutMs: 5000,
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(own.poolStats('javascript')).toMatchObject({ busy: 1, idle: 0, coldStarts: 1 });
      await slow;
      // the sandbox comes back once it has cleaned up after the job
      for (let i = 0; i < 50 && own.poolStats('javascript').idle === 0; i += 1) {
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(own.poolStats('javascript')).toEqual({ busy: 0, idle: 1, coldStarts: 1 });
      expect(own.poolStats('python')).toEqual({ busy: 0, idle: 0, coldStarts: 0 });
    } finally {
      await own.close();
    }
  });
});
