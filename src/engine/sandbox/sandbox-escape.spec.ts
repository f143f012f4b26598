import { statSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { dirname } from 'node:path';
import { AppException } from '../errors/engine-error';
import { CodeLanguage } from './code-runner';
import { SandboxCodeRunner } from './sandbox-code-runner';
import { PYTHON_BRIDGE_WALK } from './testing/python-bridge-walk';

// Escape attempts against one warm pool per language. Every attempt must fail inside the
// sandbox, and the pool must still answer a plain run afterwards.
const runner = new SandboxCodeRunner({
  pythonPoolSize: 1,
  javascriptPoolSize: 1,
  pythonMaxResidentBytes: 400 * 1024 * 1024,
  killGraceMs: 500,
});
const isolation = SandboxCodeRunner.pythonIsolation();
let canary: Server;
let canaryPort = 0;
let canaryHits = 0;

beforeAll(async () => {
  // A host service on loopback the sandbox must not reach.
  canary = createServer((socket) => {
    canaryHits += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  canaryPort = (canary.address() as { port: number }).port;
});

afterAll(async () => {
  await runner.close();
  await new Promise((resolve) => canary.close(resolve));
});

async function outcome(language: CodeLanguage, code: string, timeoutMs = 3000): Promise<string> {
  try {
    return (await runner.run({ language, code, variables: {}, timeoutMs })).text;
  } catch (error) {
    if (!(error instanceof AppException)) throw error;
    return `${error.code} ${error.message}`;
  }
}

async function expectHealthy(language: CodeLanguage): Promise<void> {
  const code =
    language === 'python' ? 'def main():\n    return "ok"' : 'function main() { return "ok" }';
  expect(await outcome(language, code)).toBe('ok');
}

const py = (body: string) => `def main():\n${body.replace(/^/gm, '    ')}`;

describe('Python sandbox containment', () => {
  it('sees no host files', async () => {
    expect(await outcome('python', py('return open("/etc/passwd").read()'))).toMatch(
      /^21600 .*FileNotFoundError/s,
    );
    const listing = await outcome('python', py('import os\nreturn sorted(os.listdir("/"))'));
    expect(listing).not.toMatch(/"(work|root|etc|usr)"/);
  });

  it('refuses os.system, subprocess, fork, threads, sockets and ctypes', async () => {
    const attempts = {
      system: py('import os\nreturn os.system("id")'),
      subprocess: py('import subprocess\nreturn subprocess.run(["id"]).returncode'),
      fork: py('import os\nreturn os.fork()'),
      threads: py(
        'import threading\nfor _ in range(10000):\n    threading.Thread(target=lambda: None).start()\nreturn 1',
      ),
      socket: py(`import socket\nsocket.create_connection(("127.0.0.1", ${canaryPort}))\nreturn 1`),
      ctypes: py('import ctypes\nreturn 1'),
    };
    for (const [name, code] of Object.entries(attempts)) {
      const text = await outcome('python', code);
      expect({ name, text }).toEqual({ name, text: expect.stringMatching(/^21600 /) });
    }
    expect(canaryHits).toBe(0);
    await expectHealthy('python');
  });

  it('refuses the js / pyodide_js bridges and writing files shared with later runs', async () => {
    for (const module of ['js', 'pyodide_js', 'pyodide.code', '_pyodide_core']) {
      expect(await outcome('python', py(`import ${module}\nreturn 1`))).toContain(
        `ImportError: import of ${module} is not allowed`,
      );
    }
    expect(await outcome('python', py('open("/tmp/leak", "w").write("x")\nreturn 1'))).toContain(
      'writing files is not allowed',
    );
    expect(await outcome('python', py('import sys\nreturn sys._getframe(1).f_globals'))).toContain(
      'PermissionError',
    );
  });

  it('finds bridge objects by walking the object graph, but cannot use one', async () => {
    // the walk itself is plain Python: it may run, and the process stays
    const walk = `${PYTHON_BRIDGE_WALK}\ndef main():\n    return len(bridge_objects())`;
    expect(Number(await outcome('python', walk, 10_000))).toBeGreaterThan(0);
    const spawned = runner.spawned('python');
    const uses = {
      read: 'obj.constructor',
      write: 'setattr(obj, "planted", 1)',
      call: 'obj() if callable(obj) else None',
      describe: 'repr(obj)',
      truth: 'bool(obj)',
      compare: 'obj < obj',
      list: 'dir(obj)',
    };
    for (const [name, use] of Object.entries(uses)) {
      const code = [
        PYTHON_BRIDGE_WALK,
        'def main():',
        '    for obj in bridge_objects():',
        '        try:',
        `            ${use}`,
        '        except BaseException as error:',
        '            return "caught " + type(error).__name__',
        '    return "used every bridge object"',
      ].join('\n');
      // no Python handler sees the refusal: the run fails and its process is discarded
      expect([name, await outcome('python', code, 10_000)]).toEqual([
        name,
        expect.stringMatching(/^21600 .*access to JavaScript objects from Python is not allowed/),
      ]);
      await expectHealthy('python');
    }
    // every refusal cost the process it happened in
    expect(runner.spawned('python') - spawned).toBe(Object.keys(uses).length);
  }, 180_000); // a cold start per refusal

  it('discards the process when a finalizer touches the bridge after the reply', async () => {
    const code = [
      PYTHON_BRIDGE_WALK,
      'class Later:',
      '    def __del__(self):',
      '        self.found.constructor',
      'def main():',
      '    later = Later()',
      '    later.found = bridge_objects()[0]',
      '    later.cycle = later',
      '    return "replied"',
    ].join('\n');
    const spawned = runner.spawned('python');
    expect(await outcome('python', code, 10_000)).toBe('replied');
    await expectHealthy('python');
    expect(runner.spawned('python') - spawned).toBe(1);
  }, 60_000);

  it("runs with an empty environment (only the interpreter's own defaults)", async () => {
    const env = JSON.parse(await outcome('python', py('import os\nreturn dict(os.environ)')));
    expect(Object.keys(env).sort()).toEqual(
      ['HOME', 'LANG', 'LD_LIBRARY_PATH', 'LOGNAME', 'PATH', 'PWD', 'PYTHONINSPECT', 'USER'].sort(),
    );
    expect(JSON.stringify(env)).not.toMatch(/\/work|\/root|node_modules/);
  });

  it('reports the isolation layers of this host', () => {
    // On Linux as root (CI containers, this machine) every layer is available; dropping to
    // nobody needs a checkout nobody can reach (a clone under a 0700 `mktemp -d` is not).
    if (process.platform === 'linux' && process.getuid?.() === 0) {
      const user = reachableByOthers(__dirname) ? 'nobody' : 'inherited';
      expect(isolation).toEqual({ network: 'namespace', pid: 'namespace', user });
    }
  });

  it('survives deep recursion, giant output and KeyboardInterrupt swallowing', async () => {
    const recursion = await outcome(
      'python',
      'def f(n):\n    return f(n + 1)\ndef main():\n    return f(0)',
    );
    expect(recursion).toMatch(/^21600 .*RecursionError/s);
    expect(await outcome('python', py('return "x" * 50_000_000'))).toMatch(/^21600 .*limit/);
    const swallow = py(
      'while True:\n    try:\n        while True: pass\n    except BaseException: pass',
    );
    expect(await outcome('python', swallow, 200)).toBe('21603 Code execution timeout');
    await expectHealthy('python');
  });

  it('replaces the process after a stack overflow inside the interpreter', async () => {
    const overflow = py('import json\nreturn json.loads("[" * 200_000)');
    expect(await outcome('python', overflow)).toMatch(/^21600 .*Maximum call stack size exceeded/);
    await expectHealthy('python');
  });

  it('kills a sleeping run at the hard deadline and replaces the process', async () => {
    const started = Date.now();
    expect(await outcome('python', py('import time\ntime.sleep(30)'), 200)).toBe(
      '21603 Code execution timeout',
    );
    expect(Date.now() - started).toBeLessThan(3000);
    await expectHealthy('python');
  });

  it('kills a memory bomb and replaces the process', async () => {
    const bomb = py('blocks = []\nwhile True:\n    blocks.append(bytearray(50 * 1024 * 1024))');
    expect(await outcome('python', bomb, 20_000)).toMatch(/^21600 .*(memory|MemoryError)/i);
    await expectHealthy('python');
  });

  it('survives os._exit and sys.exit', async () => {
    expect(await outcome('python', py('import sys\nsys.exit(3)'))).toMatch(/^21600 .*SystemExit/s);
    expect(await outcome('python', py('import os\nos._exit(0)'))).toMatch(/^21600 /);
    await expectHealthy('python');
  });
});

describe('JavaScript sandbox containment', () => {
  it('has no require, process, fetch, host globals or module loader', async () => {
    const probe =
      'function main() { return [typeof require, typeof process, typeof fetch, typeof std, ' +
      'typeof os, typeof WebAssembly, typeof setTimeout, typeof globalThis.Deno].join(",") }';
    expect(await outcome('javascript', probe)).toBe(
      'undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined',
    );
    const dynamicImport = 'async function main() { return await import("os") }';
    expect(await outcome('javascript', dynamicImport)).toMatch(/^21600 /);
  });

  it('constructor tricks reach only the sandbox global', async () => {
    const tricks =
      'function main() { const g = (function () { return this })() || globalThis; ' +
      'const viaCtor = ({}).constructor.constructor("return this")(); ' +
      'return [g === viaCtor, typeof viaCtor.process, Object.keys(viaCtor).join("|")] }';
    expect(await outcome('javascript', tricks)).toBe('[true,"undefined","console|main"]');
  });

  it('prototype pollution does not outlive its run or reach the host', async () => {
    await outcome(
      'javascript',
      'function main() { Object.prototype.polluted = 1; Array.prototype.map = null; return 0 }',
    );
    expect(
      await outcome('javascript', 'function main() { return [({}).polluted, typeof [].map] }'),
    ).toBe('[null,"function"]');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stops infinite loops, deep recursion, memory bombs, giant output and job-queue bombs', async () => {
    expect(await outcome('javascript', 'function main() { while (true) {} }', 200)).toBe(
      '21603 Code execution timeout',
    );
    expect(
      await outcome('javascript', 'function f() { return f() } function main() { return f() }'),
    ).toMatch(/^21600 .*stack overflow/s);
    const bomb = 'function main() { let s = "x"; for (;;) s += s }';
    expect(await outcome('javascript', bomb)).toMatch(/^(21600|21603) /);
    expect(await outcome('javascript', 'function main() { return "x".repeat(5e6) }')).toMatch(
      /^21600 .*limit/,
    );
    const jobs =
      'function main() { const f = () => { Promise.resolve().then(f); Promise.resolve().then(f) }; f(); return 1 }';
    expect(await outcome('javascript', jobs, 300)).toMatch(/^(21600|21603) /);
    await expectHealthy('javascript');
  });
});

/** Every directory from `dir` up to the root lets other users through (o+x). */
function reachableByOthers(dir: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}
