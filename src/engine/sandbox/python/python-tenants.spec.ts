import { SandboxCodeRunner } from '../sandbox-code-runner';

// Python processes and tenants (app ids) on a pool of one, with a spare process kept warm.
const runner = new SandboxCodeRunner({ pythonPoolSize: 1, javascriptPoolSize: 1, pythonSpares: 1 });
afterAll(() => runner.close());

const code = 'def main(n):\n    return n + 1';
const run = (appId: string, n = 1) =>
  runner.run({ language: 'python', code, variables: { n }, timeoutMs: 5000, appId });

async function sparesReady(count: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (runner.readySpares('python') < count) {
    if (Date.now() > deadline) throw new Error('the spare process did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Python sandbox processes per tenant, with a warm spare', () => {
  it('reuses the process of the same app', async () => {
    expect((await run('a', 1)).text).toBe('2');
    await sparesReady(1);
    const spawned = runner.spawned('python');
    expect((await run('a', 2)).text).toBe('3');
    expect(runner.spawned('python')).toBe(spawned);
    expect(runner.started('python')).toBe(1);
  });

  it('gives another app the warm spare and starts the next spare behind it', async () => {
    const spawned = runner.spawned('python');
    expect((await run('b', 5)).text).toBe('6');
    // the spare went to app b (none is ready right after); a new one is starting
    expect(runner.readySpares('python')).toBe(0);
    expect(runner.spawned('python')).toBe(spawned + 1);
    expect(runner.started('python')).toBe(1);
    await sparesReady(1);
  });

  it('never hands app a the process app b used', async () => {
    const spawned = runner.spawned('python');
    expect((await run('a', 7)).text).toBe('8');
    expect(runner.spawned('python')).toBe(spawned + 1);
  });
});
