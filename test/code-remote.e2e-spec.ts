import { CodeExecFixture } from './fixtures/code-exec.fixture';
import { createTestApp, TestApp } from './helpers/test-app';

// CODE_EXEC_TYPE=ifly (docs/nodes.md#ifly-code): Python goes to the remote sandbox contract, here a
// loopback fixture; JavaScript stays in the local QuickJS pool.

describe('code run (remote ifly executor)', () => {
  const remote = new CodeExecFixture();
  let t: TestApp;

  beforeAll(async () => {
    await remote.start();
    t = await createTestApp({
      CODE_EXEC_TYPE: 'ifly',
      CODE_EXEC_URL: remote.url,
      CODE_JS_POOL_SIZE: '1',
    });
  });
  afterAll(async () => {
    await t.close();
    await remote.close();
  });

  const run = (code = 'def main(x):\n    return {"x": x}', extra = {}) =>
    t
      .http()
      .post('/workflow/v1/code/run')
      .send({
        code,
        variables: [{ name: 'x', content: 'é"\n' }],
        app_id: 'app9',
        uid: 'u9',
        ...extra,
      })
      .expect(200);

  it('posts the wrapped program and parses stdout minus its trailing newline', async () => {
    remote.script({
      status: 200,
      body: { code: 0, data: { stdout: '{"x": "ok"}\n', stderr: '' } },
    });
    const res = await run();
    expect(res.body.data).toEqual({ x: 'ok' });
    expect(remote.calls).toHaveLength(1);
    const [call] = remote.calls;
    expect(call.query).toEqual({ appid: 'app9', uid: 'u9' });
    expect(call.body.timeout_sec).toBe(60);
    expect(call.body.code).toContain('def main(x):\n    return {"x": x}\n');
    // the inputs travel as JSON text decoded inside Python
    expect(call.body.code).toContain(
      `output = main(**__sandbox_json.loads(${JSON.stringify(JSON.stringify({ x: 'é"\n' }))}))`,
    );
    expect(call.body.code).toContain('print(output)');
  });

  it('answers the remote stderr without its <stdin> line as 21600', async () => {
    const stderr =
      'Traceback (most recent call last):\n  File "<stdin>", line 9, in <module>\n  File "<stdin>", line 2, in main\nKeyError: 1\n';
    remote.script({ status: 500, body: { code: 1, message: 'exec code error', data: { stderr } } });
    const res = await run();
    expect(res.body.code).toBe(21600);
    expect(res.body.message).toBe(
      'Traceback (most recent call last):\n  File "<stdin>", line 2, in main\nKeyError: 1\n',
    );
  });

  it('maps a deadline kill to 21603', async () => {
    remote.script({
      status: 500,
      body: {
        code: 1,
        message: 'exec code error::context deadline exceeded::signal: killed',
        data: { stderr: '' },
      },
    });
    const res = await run();
    expect(res.body).toEqual({
      code: 21603,
      message: 'Code execution timeout',
      sid: expect.any(String),
    });
  });

  it('waits and retries while the pod is not ready (10405)', async () => {
    remote.script(
      { status: 500, body: { code: 10405, message: 'pod not ready' } },
      { status: 200, body: { data: { stdout: '[1]\n' } } },
    );
    const res = await run();
    expect(res.body.data).toEqual([1]);
    expect(remote.calls).toHaveLength(2);
  });

  it('answers other statuses as 21600 with the body', async () => {
    remote.script({ status: 403, body: 'forbidden' });
    const res = await run();
    expect(res.body.code).toBe(21600);
    expect(res.body.message).toBe('Code execution failed(forbidden)');
  });

  it('keeps JavaScript local', async () => {
    remote.script({ status: 500, body: {} });
    const res = await run('function main({ x }) { return [x.length] }', {
      code_language: 'javascript',
    });
    expect(res.body.data).toEqual([3]);
    expect(remote.calls).toHaveLength(0);
  });
});
