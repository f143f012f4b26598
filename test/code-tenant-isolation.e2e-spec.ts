import { PYTHON_BRIDGE_WALK } from '../src/engine/testing';
import {
  addFlow,
  answerOf,
  CHAT,
  createApps,
  DEBUG_CHAT,
  releasedFlow,
  runChat,
  World,
} from './chat.helpers';
import { codeFlow } from './helpers/code-flow-dsl';
import { createTestApp, TestApp } from './helpers/test-app';

// Which Python sandbox process runs whose code, through HTTP. Two probes:
// - a marker a run leaves in its process where the per-run reset does not look (a codec search
//   function: plain Python, no bridge), so a later run sees it only in the same process;
// - the hijack an outside probe carried out: code that reaches the host's JavaScript objects
//   through Pyodide's bridge and hooks `process.emit` to read and rewrite the jobs of later runs.

const PLANT = [
  'import codecs',
  'def main(marker):',
  '    info = codecs.CodecInfo(None, None, name=marker)',
  '    def search(name, _info=info):',
  '        return _info if name == "tenant_marker" else None',
  '    codecs.register(search)',
  '    return {"marker": "planted"}',
].join('\n');

const READ = [
  'import codecs',
  'def main(marker=None):',
  '    try:',
  '        return {"marker": codecs.lookup("tenant_marker").name}',
  '    except LookupError:',
  '        return {"marker": "none"}',
].join('\n');

/** Hooks the sandbox process's IPC: later jobs get forged code and their inputs are kept. */
const HIJACK = `${PYTHON_BRIDGE_WALK}
def main(marker=None):
    host = [o for o in bridge_objects() if repr(o) == "[object global]"][0]
    proc = host.process
    original = proc.emit
    def hook(*args):
        try:
            if args[0] == "message" and hasattr(args[1], "code"):
                host.stolen = str(host.stolen or "") + args[1].args
                args[1].code = 'def main(**kw):\\n    return {"marker": "forged"}'
        except Exception:
            pass
        return original(*args)
    proc.emit = hook
    host.stolen = ""
    return {"marker": "planted"}`;

/** Reads what the hook collected, through the bridge again. */
const READ_STOLEN = `${PYTHON_BRIDGE_WALK}
def main(marker=None):
    host = [o for o in bridge_objects() if repr(o) == "[object global]"][0]
    return {"marker": str(host.stolen)}`;

const GENUINE = 'def main(marker):\n    return {"marker": "genuine:" + marker}';

interface CodeRunAnswer {
  code: number;
  message: string;
  data?: { marker?: unknown };
}

async function codeRun(
  t: TestApp,
  caller: string | undefined,
  appId: string,
  code: string,
  marker?: string,
): Promise<CodeRunAnswer> {
  const variables = marker === undefined ? [] : [{ name: 'marker', content: marker }];
  let req = t.http().post('/workflow/v1/code/run');
  if (caller !== undefined) req = req.set('X-Consumer-Username', caller);
  const res = await req.send({ code, variables, app_id: appId, uid: 'u1' }).expect(200);
  expect(res.body).toMatchObject({ code: expect.any(Number), sid: expect.any(String) });
  return res.body as CodeRunAnswer;
}

const markerOf = (answer: CodeRunAnswer) => {
  if (answer.code !== 0) throw new Error(`code run failed: ${JSON.stringify(answer)}`);
  return answer.data?.marker;
};

/** Debug-runs a flow stored under `owner` (whatever app adds it) as `caller`. */
async function debugRun(t: TestApp, owner: string, caller: string, code: string, marker: string) {
  const flowId = await addFlow(t, owner, codeFlow(code, owner));
  const res = await runChat(t, DEBUG_CHAT, caller, {
    flow_id: flowId,
    parameters: { AGENT_USER_INPUT: marker },
  });
  const failed = res.chunks.find((chunk) => chunk.code !== 0);
  return failed ? `error ${failed.code as number}` : answerOf(res.chunks);
}

describe('Python sandbox processes per calling app, in /code/run', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ CODE_PYTHON_POOL_SIZE: '1', CODE_JS_POOL_SIZE: '1' });
  });
  afterAll(() => t.close());

  it('picks the process by X-Consumer-Username, never by the body app_id', async () => {
    expect(markerOf(await codeRun(t, 'tenant-a', 'tenant-a', PLANT, 'from-a'))).toBe('planted');
    // the same calling app is served by the same warm process (the test can see a leak)
    expect(markerOf(await codeRun(t, 'tenant-a', 'anything', READ))).toBe('from-a');
    // another app naming A in the body gets a fresh process, although the pool holds one
    expect(markerOf(await codeRun(t, 'tenant-b', 'tenant-a', READ))).toBe('none');
    // so does a caller without the header
    expect(markerOf(await codeRun(t, undefined, 'tenant-a', READ))).toBe('none');
    // and A, back on a pool of one, gets a fresh process too (B's was not reused)
    expect(markerOf(await codeRun(t, 'tenant-a', 'tenant-a', READ))).toBe('none');
  });

  it('resets the interpreter between runs of the same app', async () => {
    const patch =
      'import json\ndef main():\n    json.dumps = lambda *a, **k: "patched"\n    return {"ok": 1}';
    expect((await codeRun(t, 'tenant-c', 'tenant-c', patch)).data).toEqual({ ok: 1 });
    const probe = 'import json\ndef main():\n    return {"dumped": json.dumps([1])}';
    expect((await codeRun(t, 'tenant-c', 'tenant-c', probe)).data).toEqual({ dumped: '[1]' });
  });
});

describe('shared Python sandbox processes (CODE_PYTHON_TENANT_ISOLATION=shared)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      CODE_PYTHON_POOL_SIZE: '1',
      CODE_JS_POOL_SIZE: '1',
      CODE_PYTHON_TENANT_ISOLATION: 'shared',
    });
  });
  afterAll(() => t.close());

  it('lets another app run in the same warm process (single-tenant deployments only)', async () => {
    await codeRun(t, 'tenant-a', 'tenant-a', PLANT, 'from-a');
    expect(markerOf(await codeRun(t, 'tenant-b', 'tenant-b', READ))).toBe('from-a');
  });

  it('still resets the interpreter state between runs', async () => {
    const patch =
      'import os\ndef main():\n    os.environ._data[b"LEAK"] = b"1"\n    return {"ok": 1}';
    await codeRun(t, 'tenant-a', 'tenant-a', patch);
    const probe = 'import os\ndef main():\n    return {"leak": "LEAK" in os.environ}';
    expect((await codeRun(t, 'tenant-b', 'tenant-b', probe)).data).toEqual({ leak: false });
  });
});

describe('Python sandbox processes per flow owner and calling app, in flow runs', () => {
  // also where the bridge hijack of another app's runs is tried
  let t: TestApp;
  let a: World;
  let b: World;

  beforeAll(async () => {
    t = await createTestApp({
      RUNTIME_ENV: 'test',
      CODE_PYTHON_POOL_SIZE: '1',
      CODE_JS_POOL_SIZE: '1',
    });
    a = await createApps(t, `isoa${Date.now() % 100000}`);
    b = await createApps(t, `isob${Date.now() % 100000}`);
  });
  afterAll(() => t.close());

  it("keeps a flow added in A's name by B away from A's own runs", async () => {
    // B adds a flow claiming A as its owner and debug-runs it
    expect(await debugRun(t, a.tenant, b.caller, PLANT, 'from-b')).toBe('planted');
    // B's next run of such a flow is served by B's warm process: the marker is there
    expect(await debugRun(t, a.tenant, b.caller, READ, '')).toBe('from-b');
    // A's own flow, run by A, never meets that process
    expect(await debugRun(t, a.tenant, a.caller, READ, '')).toBe('none');
    // nor does another caller of a flow of B's
    expect(await debugRun(t, b.tenant, a.caller, READ, '')).toBe('none');
  });

  it("fails through a flow added in A's name: A's inputs and outputs stay A's", async () => {
    const flowOfA = await releasedFlow(t, a, codeFlow(GENUINE, a.tenant));
    // the plant is refused at the bridge: the run fails with 21600
    expect(await debugRun(t, a.tenant, b.caller, HIJACK, 'x')).toBe('error 21600');
    for (let round = 0; round < 20; round += 1) {
      const res = await runChat(t, CHAT, a.caller, {
        flow_id: flowOfA,
        parameters: { AGENT_USER_INPUT: `secret-${round}` },
      });
      expect(answerOf(res.chunks)).toBe(`genuine:secret-${round}`);
    }
    // and B's code never sees A's inputs
    const stolen = await debugRun(t, a.tenant, b.caller, READ_STOLEN, '');
    expect(stolen).not.toContain('secret');
  }, 120_000);

  it('fails through /code/run naming A in the body', async () => {
    const plant = await codeRun(t, b.caller, a.caller, HIJACK);
    expect(plant.code).toBe(21600);
    expect(plant.message).toContain('access to JavaScript objects from Python is not allowed');
    for (let round = 0; round < 20; round += 1) {
      const answer = await codeRun(t, a.caller, a.caller, GENUINE, `secret-${round}`);
      expect(markerOf(answer)).toBe(`genuine:secret-${round}`);
    }
    const stolen = await codeRun(t, b.caller, a.caller, READ_STOLEN);
    expect(JSON.stringify(stolen)).not.toContain('secret');
  }, 120_000);
});
