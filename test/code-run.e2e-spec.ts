import { createTestApp, TestApp } from './helpers/test-app';

// POST /code/run and /run (docs/api.md#code-run) with the local sandboxes: both languages, every
// result shape, every error code reachable within the route's 60 s limit (21603 is covered by
// the remote-executor spec and the sandbox unit specs), validation, and the code node run
// through /node/debug with the service's engine services.

describe('code run (local sandboxes)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ CODE_PYTHON_POOL_SIZE: '1', CODE_JS_POOL_SIZE: '1' });
  });
  afterAll(() => t.close());

  const body = (
    code: string,
    variables: Array<{ name: string; content?: unknown }> = [],
    extra = {},
  ) => ({
    code,
    variables,
    app_id: 'app1',
    uid: 'user1',
    ...extra,
  });
  const post = (payload: object, path = '/workflow/v1/code/run') =>
    t.http().post(path).send(payload).expect(200);

  it.each([
    '/workflow/v1/code/run',
    '/workflow/v1/run',
    '/sparkflow/v1/code/run',
    '/sparkflow/v1/run',
  ])('runs Python main(**variables) at %s', async (path) => {
    const code = 'def main(a, b):\n    return {"sum": a + b, "text": "中文"}';
    const res = await post(
      body(code, [
        { name: 'a', content: 1 },
        { name: 'b', content: 2 },
      ]),
      path,
    );
    expect(res.body).toEqual({
      code: 0,
      message: 'success',
      data: { sum: 3, text: '中文' },
      sid: expect.any(String),
    });
  });

  it('lets later duplicate variables win', async () => {
    const res = await post(
      body('def main(x):\n    return [x]', [
        { name: 'x', content: 1 },
        { name: 'x', content: 2 },
      ]),
    );
    expect(res.body.data).toEqual([2]);
  });

  it.each([
    ['a list', 'return [1, "a", None]', [1, 'a', null]],
    ['a number', 'return 2.5', 2.5],
    ['JSON text', 'return \'{"k": [1]}\'', { k: [1] }],
    ['a nested object', 'return {"a": {"b": True}}', { a: { b: true } }],
  ])('answers %s as data', async (_label, line, data) => {
    const res = await post(body(`def main():\n    ${line}`));
    expect(res.body.data).toEqual(data);
  });

  it('omits data for a falsy result', async () => {
    const res = await post(body('def main():\n    return {}'));
    expect(res.body).toEqual({ code: 0, message: 'success', sid: expect.any(String) });
  });

  it('runs JavaScript with code_language', async () => {
    const code = 'function main({ a, b }) { return { sum: a + b, list: [a, b] } }';
    const res = await post(
      body(
        code,
        [
          { name: 'a', content: 1 },
          { name: 'b', content: 2 },
        ],
        { code_language: 'javascript' },
      ),
    );
    expect(res.body.data).toEqual({ sum: 3, list: [1, 2] });
  });

  it('answers 21600 with the traceback, 21601 without main', async () => {
    const failed = await post(body('def main():\n    return {}["missing"]'));
    expect(failed.body).toEqual({
      code: 21600,
      message:
        'Code execution failed(Traceback (most recent call last):\n  File "<code>", line 2, in main\nKeyError: \'missing\')',
      sid: expect.any(String),
    });
    const noMain = await post(body('x = 1'));
    expect(noMain.body.code).toBe(21601);
    const jsThrow = await post(
      body('function main() { throw new Error("js boom") }', [], { code_language: 'javascript' }),
    );
    expect(jsThrow.body.code).toBe(21600);
    expect(jsThrow.body.message).toContain('Error: js boom');
  });

  it('explains a result that is not JSON instead of "list index out of range" (docs/decisions.md#q11)', async () => {
    for (const line of ['return None', 'return "plain text"']) {
      const res = await post(body(`def main():\n    ${line}`));
      expect(res.body.code).toBe(21600);
      expect(res.body.message).toMatch(
        /^Code execution failed\(main must return a JSON value .*it returned: (None|plain text)\)$/,
      );
    }
  });

  it.each([
    [{ variables: [], app_id: 'a', uid: 'u' }, 'body->code'],
    [{ code: '', variables: [], app_id: 'a', uid: 'u' }, 'body->code'],
    [{ code: 'x', app_id: 'a', uid: 'u' }, 'body->variables'],
    [{ code: 'x', variables: [{ name: '' }], app_id: 'a', uid: 'u' }, 'body->variables'],
    [{ code: 'x', variables: [], uid: 'u' }, 'body->app_id'],
    [
      { code: 'x', variables: [], app_id: 'a', uid: 'u', code_language: 'ruby' },
      'body->code_language',
    ],
  ])('answers 460 for %j', async (payload, field) => {
    const res = await post(payload);
    expect(res.body.code).toBe(460);
    expect(res.body.message).toContain(`Parameter: ${field}`);
  });

  it('stays healthy after escape attempts through the route', async () => {
    const attempts = [
      'def main():\n    return open("/etc/passwd").read()',
      'def main():\n    import js\n    return 1',
      'def main():\n    import subprocess\n    return subprocess.run(["id"]).returncode',
    ];
    for (const code of attempts) expect((await post(body(code))).body.code).toBe(21600);
    const js = await post(
      body('function main() { return typeof process + typeof require }', [], {
        code_language: 'javascript',
      }),
    );
    // a string that is not JSON: 21600, but the route answered it from a clean sandbox
    expect(js.body.message).toContain('it returned: undefinedundefined');
    await t.http().get('/health').expect(200, { status: 'ok' });
    expect((await post(body('def main():\n    return [1]'))).body.data).toEqual([1]);
  });

  it('runs a code node through /node/debug with the service sandboxes', async () => {
    const codeNode = {
      id: 'ifly-code::c1',
      data: {
        nodeMeta: { nodeType: 'Tool', aliasName: 'Code' },
        inputs: [
          { name: 'input', schema: { type: 'string', value: { type: 'literal', content: 'hi' } } },
        ],
        outputs: [
          { name: 'key0', schema: { type: 'string' } },
          { name: 'key1', schema: { type: 'array', items: { type: 'string' } } },
        ],
        nodeParam: {
          code: 'def main(input: str) -> dict:\n    return {"key0": input * 2, "key1": [input]}',
          appId: 'app1',
          uid: 'user1',
        },
      },
    };
    const res = await t
      .http()
      .post('/workflow/v1/node/debug')
      .send({ id: '7300000000000000009', name: 'flow', data: { nodes: [codeNode], edges: [] } })
      .expect(200);
    expect(res.body.code).toBe(0);
    expect(JSON.parse(res.body.data.output)).toEqual({ key0: 'hihi', key1: ['hi'] });
    // as in the reference, raw_output is reported for LLM and decision nodes only
    expect(res.body.data.raw_output).toBe('');
  });
});
