import { AppException } from '../../errors/engine-error';
import { SandboxCodeRunner } from '../sandbox-code-runner';

// What one run changes in the warm interpreter must be gone for the next run in the same
// process (one pool slot, one tenant): every case patches in one run and looks in the next.
const runner = new SandboxCodeRunner({ pythonPoolSize: 1, javascriptPoolSize: 1 });
afterAll(() => runner.close());

async function run(code: string, variables = {}, timeoutMs = 5000): Promise<string> {
  try {
    return (await runner.run({ language: 'python', code, variables, timeoutMs, appId: 'app' }))
      .text;
  } catch (error) {
    if (!(error instanceof AppException)) throw error;
    return `${error.code} ${error.message}`;
  }
}

const py = (body: string) => `def main():\n${body.replace(/^/gm, '    ')}`;

/** Runs `patch`, then `probe` in the next run, and answers the probe's result. */
async function afterPatch(patch: string, probe: string): Promise<string> {
  expect(await run(py(`${patch}\nreturn "patched"`))).toBe('patched');
  return run(py(probe));
}

describe('Python sandbox: the next run starts from a clean interpreter', () => {
  beforeAll(() => runner.warm('python'));

  it('undoes patched module attributes, added and deleted ones included', async () => {
    const patch = 'import json, os\njson.dumps = lambda *a, **k: "evil"\nos.extra = 1\ndel os.sep';
    const probe = 'import json, os\nreturn [json.dumps({"a": 1}), hasattr(os, "extra"), os.sep]';
    expect(JSON.parse(await afterPatch(patch, probe))).toEqual(['{"a": 1}', false, '/']);
  });

  it('undoes patched classes and module-level objects', async () => {
    const patch = [
      'import json',
      'json.JSONEncoder.item_separator = " | "',
      'json._default_encoder.indent = 4',
      'json.JSONDecoder.extra = property(lambda self: "evil")',
    ].join('\n');
    const probe = [
      'import json',
      'return [json.dumps([1, 2]), hasattr(json.JSONDecoder(), "extra")]',
    ].join('\n');
    expect(await afterPatch(patch, probe)).toBe('["[1, 2]", false]');
  });

  it('undoes changes to module-level containers: sys.path, environment, caches', async () => {
    const patch = [
      'import sys, os, re',
      'sys.path.insert(0, "/evil")',
      'os.environ._data[b"EVIL"] = b"1"',
      // a poisoned regular-expression cache entry would answer later compiles of that pattern
      're._cache2[(str, "a+", 0)] = re.compile("b+")',
    ].join('\n');
    const probe = [
      'import sys, os, re',
      'return ["/evil" in sys.path, "EVIL" in os.environ, bool(re.fullmatch("a+", "aa"))]',
    ].join('\n');
    expect(await afterPatch(patch, probe)).toBe('[false, false, true]');
  });

  it('puts back interpreter settings, the working directory and signal handlers', async () => {
    const patch = [
      'import sys, os, signal, gc',
      'sys.set_int_max_str_digits(640)',
      'sys.setrecursionlimit(60)',
      'gc.disable()',
      'os.chdir("/tmp")',
      'signal.signal(signal.SIGINT, signal.SIG_IGN)',
    ].join('\n');
    const probe = [
      'import sys, os, gc',
      'return [sys.get_int_max_str_digits(), sys.getrecursionlimit() > 60, gc.isenabled(),',
      '        os.getcwd() != "/tmp"]',
    ].join('\n');
    expect(await afterPatch(patch, probe)).toBe('[4300, true, true, true]');
    // the interrupt works again: the deadline stops a busy loop in the child itself
    const started = Date.now();
    expect(await run(py('while True:\n    pass'), {}, 300)).toMatch(/^21603 /);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reseeds the random generator: a seed set by one run does not script the next', async () => {
    const firstAfterSeed = await run(py('import random\nrandom.seed(7)\nreturn random.random()'));
    await run(py('import random\nrandom.seed(7)\nreturn 0'));
    expect(await run(py('import random\nreturn random.random()'))).not.toBe(firstAfterSeed);
  });

  it('undoes patched closure cells of stdlib functions', async () => {
    // the first stdlib function (by module and name) whose closure holds a function
    const find = [
      'import sys, types',
      'def target():',
      '    for name in sorted(sys.modules):',
      '        for attr, f in sorted(vars(sys.modules[name]).items(), key=lambda kv: kv[0]):',
      '            if isinstance(f, types.FunctionType) and f.__closure__:',
      '                for i, cell in enumerate(f.__closure__):',
      '                    try: held = cell.cell_contents',
      '                    except ValueError: continue',
      '                    if isinstance(held, types.FunctionType):',
      '                        return f"{name}.{attr}", cell',
    ].join('\n');
    const patch = `${find}\ndef main():\n    name, cell = target()\n    cell.cell_contents = lambda *a, **k: "evil"\n    return name`;
    const patched = await run(patch);
    expect(patched).toMatch(/^[\w.]+$/);
    const probe = `${find}\ndef main():\n    name, cell = target()\n    return [name, cell.cell_contents.__name__]`;
    const [name, held] = JSON.parse(await run(probe)) as [string, string];
    expect(name).toBe(patched);
    expect(held).not.toBe('<lambda>');
  });

  it('refuses rewiring stdlib functions and objects, but not the program its own', async () => {
    expect(await run(py('import json\njson.dumps.__code__ = (lambda: 1).__code__'))).toMatch(
      /^21600 .*PermissionError: changing __code__ of this object is not allowed/s,
    );
    expect(await run(py('import json\njson.loads.__kwdefaults__ = {}'))).toMatch(
      /PermissionError: changing __kwdefaults__/,
    );
    expect(
      await run(py('import json, types\nclass M(types.ModuleType): pass\njson.__class__ = M')),
    ).toMatch(/PermissionError: changing __class__/);
    const own = py('def f(x=1):\n    return x\nf.__defaults__ = (5,)\nreturn f()');
    expect(await run(own)).toBe('5');
  });

  it('formats errors with the real traceback module even after user code patched it', async () => {
    const code = py('import traceback\ntraceback.extract_tb = lambda tb: []\nreturn 1 / 0');
    expect(await run(code)).toMatch(/File "<code>", line 4, in main\nZeroDivisionError/);
  });

  it('keeps the same warm process through all of this', async () => {
    expect(await run(py('return "ok"'))).toBe('ok');
    expect(runner.spawned('python')).toBe(1);
  });

  it('replaces the process when putting the state back cannot finish', async () => {
    // the reset compares module values; this one never answers the comparison
    const plant = [
      'import json',
      'class Stuck:',
      '    def __eq__(self, other):',
      '        while True:',
      '            pass',
      'json.dumps = Stuck()',
      'return "planted"',
    ].join('\n');
    expect(await run(py(plant))).toBe('planted');
    expect(await run(py('import json\nreturn json.dumps([1])'))).toBe('[1]');
    expect(runner.spawned('python')).toBe(2);
  });
});
