import { SandboxCodeRunner } from '../../sandbox/sandbox-code-runner';
import * as b from '../../testing/flow-builder';
import { lastFrame, runForNode } from '../../testing/run-helpers';
import type { CodeEngineService } from './code-services';

// The code node inside the real engine with the real sandboxes (one warm sandbox per language).

const runner = new SandboxCodeRunner({ pythonPoolSize: 1, javascriptPoolSize: 1 });
const code: CodeEngineService = { runner, fallbackTimeoutMs: 300 };
afterAll(() => runner.close());

const CODE = 'ifly-code::c';
const CONSOLE_OUTPUTS = [
  b.output('key0', 'string'),
  b.output('key1', 'array', { items: { type: 'string' } }),
  b.output('key2', 'object'),
];

function codeFlow(
  source: string,
  extra: { language?: string; outputs?: b.Json[]; retry?: b.Json; inputs?: b.Json[] } = {},
) {
  const codeNode = b.node(CODE, {
    nodeType: 'Tool',
    inputs: extra.inputs ?? [b.input('input', 'string', b.ref(b.START, b.USER_INPUT))],
    outputs: extra.outputs ?? CONSOLE_OUTPUTS,
    param: {
      code: source,
      appId: 'app',
      uid: 'user',
      ...(extra.language ? { codeLanguage: extra.language } : {}),
    },
    retry: extra.retry,
  });
  const outputs = (extra.outputs ?? CONSOLE_OUTPUTS) as Array<{ name: string }>;
  const end = b.endNode(outputs.map((o) => b.input(o.name, 'string', b.ref(CODE, o.name))));
  return b.startToEnd(codeNode, end);
}

function codeNodeEnd(dsl: b.Json) {
  return runForNode(dsl, CODE, { parameters: { [b.USER_INPUT]: 'hi' }, services: { code } });
}

describe('ifly-code in a run', () => {
  it('runs a console-style Python main with typed outputs', async () => {
    const source =
      '# comment line: def main(ignored)\n' +
      'def main(input: str) -> dict:\n' +
      '    return {"key0": input + "!", "key1": [input], "key2": {"k": input}, "extra": 1}';
    const { node: result } = await codeNodeEnd(codeFlow(source));
    expect(result?.inputs).toEqual({ input: 'hi' });
    expect(result?.outputs).toEqual({ key0: 'hi!', key1: ['hi'], key2: { k: 'hi' } });
  });

  it('runs a JavaScript main with parameters by name', async () => {
    const source =
      'function main({ input }) {\n  return { key0: input.toUpperCase(), key1: [input, input] };\n}';
    const { node: result } = await codeNodeEnd(codeFlow(source, { language: 'javascript' }));
    expect(result?.inputs).toEqual({ input: 'hi' });
    // key2 was not returned: nothing is written, the pool keeps its declared default
    expect(result?.outputs).toEqual({ key0: 'HI', key1: ['hi', 'hi'] });
  });

  it('passes only the parameters main names; unknown names are None', async () => {
    const inputs = [b.input('a', 'integer', b.lit(2)), b.input('b', 'integer', b.lit(3))];
    const source = 'def main(a, missing):\n    return {"key0": f"{a} {missing}"}';
    const { node: result } = await codeNodeEnd(codeFlow(source, { inputs }));
    expect(result?.inputs).toEqual({ a: 2, missing: null });
    expect(result?.outputs).toMatchObject({ key0: '2 None' });
  });

  it('puts a non-JSON result into the first output', async () => {
    const { node: result } = await codeNodeEnd(
      codeFlow('def main(input):\n    return "plain " + input'),
    );
    expect(result?.outputs).toMatchObject({ key0: 'plain hi' });
  });

  it.each([
    ['21602 on a wrong output type', 'def main(input):\n    return {"key0": 5}', 21602],
    ['21601 without main', 'def helper(input):\n    return 1', 21601],
    ['21600 on an exception', 'def main(input):\n    raise ValueError("boom")', 21600],
  ])('fails the run with %s', async (_label, source, expected) => {
    const { frames } = await codeNodeEnd(codeFlow(source));
    expect(lastFrame(frames).code).toBe(expected);
  });

  it('times out with 21603 using CODE_EXEC_TIMEOUT_SEC when retryConfig.timeout is 0', async () => {
    const source = 'def main(input):\n    while True:\n        pass';
    const started = Date.now();
    const { frames } = await codeNodeEnd(codeFlow(source, { retry: { timeout: 0 } }));
    expect(lastFrame(frames).code).toBe(21603);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
