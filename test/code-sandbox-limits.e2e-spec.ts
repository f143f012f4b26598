import { addFlow, createApps, DEBUG_CHAT, runChat } from './chat.helpers';
import { codeFlow } from './helpers/code-flow-dsl';
import { createTestApp, TestApp } from './helpers/test-app';

// The per-caller bounds on Python cold starts, through HTTP: distinct sandbox keys per minute
// (CODE_PYTHON_TENANTS_PER_MINUTE) and starts at once (CODE_PYTHON_STARTS_PER_CALLER), both
// answered at once with 21604 instead of a hang.

const ECHO = 'def main(marker=None):\n    return {"marker": "ran"}';

async function codeRun(t: TestApp, caller: string) {
  const res = await t
    .http()
    .post('/workflow/v1/code/run')
    .set('X-Consumer-Username', caller)
    .send({ code: ECHO, variables: [], app_id: caller, uid: 'u1' })
    .expect(200);
  return res.body as { code: number; message: string; sid: string; data?: unknown };
}

describe('distinct sandbox keys per caller and minute', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      RUNTIME_ENV: 'test',
      CODE_PYTHON_POOL_SIZE: '1',
      CODE_JS_POOL_SIZE: '1',
      CODE_PYTHON_TENANTS_PER_MINUTE: '2',
    });
  });
  afterAll(() => t.close());

  it('refuses the third key of one caller with 21604, keeps its known keys and other callers', async () => {
    const caller = await createApps(t, `lim${Date.now() % 100000}`);
    const owners = [
      await createApps(t, `lo1${Date.now() % 100000}`),
      await createApps(t, `lo2${Date.now() % 100000}`),
    ];
    const runFlowOf = async (owner: string) => {
      const flowId = await addFlow(t, owner, codeFlow(ECHO, owner));
      const res = await runChat(t, DEBUG_CHAT, caller.caller, {
        flow_id: flowId,
        parameters: { AGENT_USER_INPUT: 'x' },
      });
      return res.chunks.find((chunk) => chunk.code !== 0) ?? { code: 0 };
    };
    expect((await codeRun(t, caller.caller)).data).toEqual({ marker: 'ran' });
    expect(await runFlowOf(owners[0].tenant)).toMatchObject({ code: 0 });
    const started = Date.now();
    expect(await runFlowOf(owners[1].tenant)).toMatchObject({
      code: 21604,
      message: expect.stringContaining('sandbox tenants in a minute'),
    });
    expect(Date.now() - started).toBeLessThan(2000); // refused, not queued behind a cold start
    // the keys it already has keep working, and another caller is not affected
    expect((await codeRun(t, caller.caller)).data).toEqual({ marker: 'ran' });
    expect((await codeRun(t, `${caller.caller}-other`)).data).toEqual({ marker: 'ran' });
  }, 60_000);
});

describe('concurrent sandbox starts per caller', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      CODE_PYTHON_POOL_SIZE: '2',
      CODE_JS_POOL_SIZE: '1',
      CODE_PYTHON_STARTS_PER_CALLER: '1',
    });
  });
  afterAll(() => t.close());

  it('answers a second cold start of the same caller with 21604 at once', async () => {
    const [first, second] = await Promise.all([codeRun(t, 'burst'), codeRun(t, 'burst')]);
    const answers = [first, second].sort((a, b) => a.code - b.code);
    expect(answers[0]).toMatchObject({ code: 0, data: { marker: 'ran' } });
    expect(answers[1]).toMatchObject({
      code: 21604,
      message: expect.stringContaining('sandbox starts at once'),
      sid: expect.any(String),
    });
    // once the start is over, the caller's warm process serves it again
    expect(await codeRun(t, 'burst')).toMatchObject({ code: 0 });
  }, 60_000);
});
