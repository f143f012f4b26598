import {
  answerOf,
  CHAT,
  createApps,
  DEBUG_CHAT,
  edge,
  endNode,
  input,
  joinerNode,
  Json,
  lit,
  output,
  parseSse,
  protocol,
  ref,
  runChat,
  startNode,
  World,
} from './chat.helpers';
import { createTestApp, TestApp } from './helpers/test-app';
import { oneOptionQuestionFlow } from './llm/llm-flows';

// TENANCY=strict: a flow belongs to the app that added it, a run to the app that started it.
// Tenant B attacks tenant A's flows and runs on every route (and route alias) that names one;
// every attempt is refused, and A — or A's bound caller where a run is concerned — still
// succeeds at the same operation afterwards.

const FORBIDDEN = 20010;
const NOT_BOUND = 20004;
const RESUME = '/workflow/v1/resume';
const DEBUG_RESUME = '/workflow/v1/debug/resume';
const S = 'node-start::s';

function sayingFlow(text: string): Json {
  return protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
      endNode('e', [input('a', 'string', ref(S, 'AGENT_USER_INPUT'))], {
        outputMode: 1,
        template: `${text} {{a}}`,
        streamOutput: true,
      }),
    ],
    [edge(S, 'node-end::e')],
  );
}

/** A publishable protocol (publish validates `data` as WorkflowData). */
function publishable(text: string): Json {
  return { id: 'b', name: 'b', version: 'v3.0', ...sayingFlow(text) };
}

describe('TENANCY=strict', () => {
  let t: TestApp;
  let a: World;
  let b: World;
  let flowA: string;
  let qaFlowA: string;
  let flowB: string;

  const post = (path: string, alias: string | undefined, body?: unknown) => {
    let req = t.http().post(path);
    if (alias !== undefined) req = req.set('X-Consumer-Username', alias);
    return req.send(body as object);
  };
  const codeOf = async (res: PromiseLike<{ body: Json }>) => (await res).body.code as number;

  async function addFlow(alias: string, proto: Json, appId = alias): Promise<string> {
    const res = await post('/workflow/v1/protocol/add', alias, {
      name: proto.name,
      app_id: appId,
      data: proto,
    });
    expect(res.body).toMatchObject({ code: 0 });
    return (res.body as { data: { flow_id: string } }).data.flow_id;
  }

  async function publishAndBind(w: World, flowId: string): Promise<void> {
    const pub = { flow_id: flowId, release_status: 1, plat: 1 };
    expect(await codeOf(post('/v1/publish', w.tenant, pub))).toBe(0);
    expect(await codeOf(post('/v1/auth', w.tenant, { flow_id: flowId, app_id: w.caller }))).toBe(0);
  }

  const chat = (alias: string, flowId: string, path = CHAT) =>
    runChat(t, path, alias, { flow_id: flowId, parameters: { AGENT_USER_INPUT: 'x' } });

  /** Starts a run of A's question flow and returns the event id of its pause. */
  async function pausedRun(alias: string, path: string): Promise<string> {
    const run = await runChat(t, path, alias, {
      flow_id: qaFlowA,
      parameters: { AGENT_USER_INPUT: 'secret of A' },
    });
    const last = run.chunks[run.chunks.length - 1];
    expect(last).toMatchObject({ choices: [{ finish_reason: 'interrupt' }] });
    return (last.event_data as { event_id: string }).event_id;
  }
  const resume = (alias: string | undefined, eventId: string, path: string) =>
    runChat(t, path, alias, { event_id: eventId, event_type: 'resume', content: 'A' });

  const build = async (alias: string, flowId: string, prefix = '/workflow/v1') => {
    const res = await t
      .http()
      .post(`${prefix}/protocol/build/${flowId}`)
      .set('X-Consumer-Username', alias);
    return parseSse(res.text);
  };
  const nodeDebug = (alias: string, flowId: string, prefix = '/workflow/v1') =>
    post(`${prefix}/node/debug`, alias, {
      id: flowId,
      name: 'flow',
      data: { nodes: [joinerNode('j', '<{{x}}>', [input('x', 'string', lit('y'))])], edges: [] },
    });
  const compareSave = (alias: string, flowId: string, version: string) =>
    post('/workflow/v1/protocolcompare/save', alias, {
      flow_id: flowId,
      data: sayingFlow('compare'),
      version,
    });
  const compareDelete = (alias: string, flowId: string, version: string) =>
    t
      .http()
      .delete('/workflow/v1/protocol/compare/delete')
      .set('X-Consumer-Username', alias)
      .send({ flow_id: flowId, version });

  beforeAll(async () => {
    t = await createTestApp({ TENANCY: 'strict', RUNTIME_ENV: 'test' });
    const n = Date.now() % 100000;
    a = await createApps(t, `sa${n}`);
    b = await createApps(t, `sb${n}`);
    flowA = await addFlow(a.tenant, sayingFlow('A says'));
    qaFlowA = await addFlow(a.tenant, oneOptionQuestionFlow());
    flowB = await addFlow(b.tenant, sayingFlow('B says'));
    await publishAndBind(a, flowA);
    await publishAndBind(a, qaFlowA);
    await publishAndBind(b, flowB);
  });
  afterAll(() => t.close());

  describe('B against A: every attempt refused, A still succeeds', () => {
    it.each(['/workflow/v1', '/sparkflow/v1'])('protocol/get (%s)', async (prefix) => {
      const body = { flow_id: flowA, app_id: a.tenant };
      expect(await codeOf(post(`${prefix}/protocol/get`, b.tenant, body))).toBe(FORBIDDEN);
      expect(await codeOf(post(`${prefix}/protocol/get`, a.tenant, body))).toBe(0);
    });

    it('debug run of the draft', async () => {
      const attack = await chat(b.tenant, flowA, DEBUG_CHAT);
      expect(attack.chunks[0]).toMatchObject({ code: FORBIDDEN });
      expect(answerOf((await chat(a.tenant, flowA, DEBUG_CHAT)).chunks)).toContain('A says x');
    });

    it.each(['/workflow/v1', '/sparkflow/v1'])('node debug naming the flow (%s)', async (p) => {
      expect(await codeOf(nodeDebug(b.tenant, flowA, p))).toBe(FORBIDDEN);
      expect(await codeOf(nodeDebug(a.tenant, flowA, p))).toBe(0);
      // an id that names no flow cannot be used to reach stored history either
      expect(await codeOf(nodeDebug(a.tenant, '7300000000000000009', p))).toBe(20201);
    });

    it.each(['/v1/auth', '/workflow/v1/v1/auth', '/workflow/v1/auth'])(
      'binding its own app to the flow (%s)',
      async (path) => {
        const attack = { flow_id: flowA, app_id: b.caller };
        expect(await codeOf(post(path, b.tenant, attack))).toBe(FORBIDDEN);
        expect((await chat(b.caller, flowA)).chunks[0]).toMatchObject({ code: NOT_BOUND });
        expect(await codeOf(post(path, a.tenant, { flow_id: flowA, app_id: a.caller }))).toBe(0);
      },
    );

    it.each(['/v1/publish', '/workflow/v1/v1/publish', '/workflow/v1/publish'])(
      'taking down and republishing with its own DSL (%s)',
      async (path) => {
        const down = { flow_id: flowA, release_status: 3, plat: 1 };
        const up = { flow_id: flowA, release_status: 1, plat: 1, data: publishable('B says') };
        expect(await codeOf(post(path, b.tenant, down))).toBe(FORBIDDEN);
        expect(await codeOf(post(path, b.tenant, up))).toBe(FORBIDDEN);
        expect(answerOf((await chat(a.caller, flowA)).chunks)).toBe('A says x');
        // the owner can take its flow down and publish it again
        expect(await codeOf(post(path, a.tenant, down))).toBe(0);
        expect((await chat(a.caller, flowA)).chunks[0]).toMatchObject({ code: 20204 });
        expect(await codeOf(post(path, a.tenant, { ...down, release_status: 1 }))).toBe(0);
        expect(answerOf((await chat(a.caller, flowA)).chunks)).toBe('A says x');
      },
    );

    it.each(['/workflow/v1', '/sparkflow/v1'])('protocol/update (%s)', async (prefix) => {
      const path = `${prefix}/protocol/update/${flowA}`;
      expect(await codeOf(post(path, b.tenant, { name: 'owned by B' }))).toBe(FORBIDDEN);
      // taking the flow over through its app_id, with or without other changes
      expect(await codeOf(post(path, b.tenant, { app_id: b.tenant }))).toBe(FORBIDDEN);
      expect(await codeOf(post(path, b.tenant, { app_id: b.tenant, status: 1 }))).toBe(FORBIDDEN);
      // B naming its own flow in the body changes nothing: the path decides
      const own = { id: flowB, app_id: b.tenant, name: 'mine' };
      expect(await codeOf(post(path, b.tenant, own))).toBe(FORBIDDEN);
      // the owner may edit, but not hand the flow to another app either
      expect(await codeOf(post(path, a.tenant, { name: 'renamed by A' }))).toBe(0);
      expect(await codeOf(post(path, a.tenant, { app_id: b.tenant }))).toBe(FORBIDDEN);
      expect(await codeOf(post(path, a.tenant, { app_id: a.tenant, name: 'A' }))).toBe(0);
    });

    it.each(['/workflow/v1', '/sparkflow/v1'])('protocol/build (%s)', async (prefix) => {
      const attack = await build(b.tenant, flowA, prefix);
      expect(attack[0].message).toMatch(/^Application has no permission on this workflow/);
      expect(await build(a.tenant, flowA, prefix)).toEqual([
        { end_of_stream: true, sid: expect.any(String) },
      ]);
    });

    it('comparison rows: save and delete', async () => {
      expect(await codeOf(compareSave(b.tenant, flowA, 'cmp-b'))).toBe(FORBIDDEN);
      expect(await codeOf(compareSave(a.tenant, flowA, 'cmp-a'))).toBe(0);
      expect(await codeOf(compareDelete(b.tenant, flowA, 'cmp-a'))).toBe(FORBIDDEN);
      expect(await codeOf(compareDelete(a.tenant, flowA, 'cmp-a'))).toBe(0);
    });

    it('protocol/delete, whatever app_id the body names', async () => {
      const doomed = await addFlow(a.tenant, sayingFlow('doomed'));
      const path = '/workflow/v1/protocol/delete';
      expect(await codeOf(post(path, b.tenant, { flow_id: doomed, app_id: a.tenant }))).toBe(
        FORBIDDEN,
      );
      expect(await codeOf(post(path, b.tenant, { flow_id: doomed, app_id: b.tenant }))).toBe(
        FORBIDDEN,
      );
      expect(await codeOf(post(path, a.tenant, { flow_id: doomed, app_id: a.tenant }))).toBe(0);
    });

    it("resuming A's caller's paused run (release and debug view)", async () => {
      const eventId = await pausedRun(a.caller, CHAT);
      for (const alias of [b.caller, b.tenant, a.tenant]) {
        expect((await resume(alias, eventId, RESUME)).chunks[0]).toMatchObject({
          code: FORBIDDEN,
        });
      }
      // the debug view shows node data: even the run's own caller needs to own the flow
      expect((await resume(a.caller, eventId, DEBUG_RESUME)).chunks[0]).toMatchObject({
        code: FORBIDDEN,
      });
      // nothing above consumed the pause
      const mine = await resume(a.caller, eventId, RESUME);
      expect(answerOf(mine.chunks)).toBe('You chose Small');
    });

    it("resuming A's paused debug run", async () => {
      const eventId = await pausedRun(a.tenant, DEBUG_CHAT);
      for (const [alias, path] of [
        [b.tenant, DEBUG_RESUME],
        [b.tenant, RESUME],
        [a.caller, DEBUG_RESUME],
      ]) {
        expect((await resume(alias, eventId, path)).chunks[0]).toMatchObject({ code: FORBIDDEN });
      }
      const mine = await resume(a.tenant, eventId, DEBUG_RESUME);
      const last = mine.chunks[mine.chunks.length - 1];
      expect(last).toMatchObject({ code: 0, choices: [{ finish_reason: 'stop' }] });
    });

    it('running or describing the published flow without a binding', async () => {
      expect((await chat(b.caller, flowA)).chunks[0]).toMatchObject({ code: NOT_BOUND });
      const info = (alias: string) =>
        t.http().get(`/workflow/v1/get_flow_info/${flowA}`).set('X-Consumer-Username', alias);
      expect(await codeOf(info(b.caller))).toBe(NOT_BOUND);
      expect(await codeOf(info(a.caller))).toBe(0);
    });

    it('after all of it the flow is still A’s, with A’s protocol', async () => {
      const res = await post('/workflow/v1/protocol/get', a.tenant, { flow_id: flowA });
      const row = JSON.parse(res.body.data as string) as Json;
      expect(row).toMatchObject({ app_id: a.tenant, name: 'A' });
      expect(JSON.stringify(row.data)).toContain('A says');
      expect(answerOf((await chat(a.caller, flowA)).chunks)).toBe('A says x');
    });
  });

  describe('adding flows', () => {
    it('needs the caller header on every flow route', async () => {
      const add = { name: 'n', app_id: a.tenant };
      expect(await codeOf(post('/workflow/v1/protocol/add', undefined, add))).toBe(460);
      expect(await codeOf(post('/workflow/v1/protocol/get', undefined, { flow_id: flowA }))).toBe(
        460,
      );
      const res = await runChat(t, RESUME, undefined, { event_id: '1', content: 'A' });
      expect(res.chunks[0]).toMatchObject({ code: 460 });
    });

    it('refuses an app adding a flow in another app’s name; a tenant may add for its apps', async () => {
      const foreign = { name: 'n', app_id: a.tenant };
      expect(await codeOf(post('/workflow/v1/protocol/add', b.caller, foreign))).toBe(FORBIDDEN);
      // the tenant that adds it owns it, not the app it is added for
      const forCaller = await addFlow(a.tenant, sayingFlow('for caller'), a.caller);
      expect(
        await codeOf(post('/workflow/v1/protocol/get', a.tenant, { flow_id: forCaller })),
      ).toBe(0);
      expect(
        await codeOf(post('/workflow/v1/protocol/get', a.caller, { flow_id: forCaller })),
      ).toBe(FORBIDDEN);
    });
  });
});

describe('TENANCY=open (the default)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ RUNTIME_ENV: 'test' });
  });
  afterAll(() => t.close());

  it('keeps the astron behaviour: no header needed, any tenant manages any flow', async () => {
    const n = Date.now() % 100000;
    const a = await createApps(t, `oa${n}`);
    const b = await createApps(t, `ob${n}`);
    const add = await t
      .http()
      .post('/workflow/v1/protocol/add')
      .send({ name: 'n', app_id: a.tenant, data: sayingFlow('A says') });
    expect(add.body.code).toBe(0);
    const flowId = (add.body as { data: { flow_id: string } }).data.flow_id;
    const get = await t.http().post('/workflow/v1/protocol/get').send({ flow_id: flowId });
    expect(get.body.code).toBe(0);
    const update = await t
      .http()
      .post(`/workflow/v1/protocol/update/${flowId}`)
      .send({ app_id: b.tenant, name: 'moved' });
    expect(update.body.code).toBe(0);
    const { FlowRepository } = await import('../src/database/repositories/flow.repository');
    const row = await t.app.get(FlowRepository).findById(flowId);
    expect(row).toMatchObject({ appId: b.tenant, name: 'moved', createBy: '0' });
  });
});
