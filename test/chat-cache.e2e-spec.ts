import { WorkflowRunnerService } from '../src/modules/run/runner/workflow-runner.service';
import {
  addFlow,
  answerOf,
  CHAT,
  createApps,
  DEBUG_CHAT,
  edge,
  endNode,
  protocol,
  releasedFlow,
  runChat,
  startNode,
  World,
} from './chat.helpers';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// The compiled-engine cache (docs/engine.md#compiled-flows, defect 10): a second run of an unchanged flow
// reuses the compiled workflow; an update or a publish is picked up by the next run.

const S = 'node-start::s';
const E = 'node-end::e';

const flowSaying = (text: string) =>
  protocol([startNode('s', []), endNode('e', [], { outputMode: 1, template: text })], [edge(S, E)]);

describe('engine cache', () => {
  let t: TestApp;
  let w: World;
  let runner: WorkflowRunnerService;

  beforeAll(async () => {
    t = await createTestApp({ RUNTIME_ENV: 'test' });
    w = await createApps(t, uniqueAlias(''));
    runner = t.app.get(WorkflowRunnerService);
  });
  afterAll(() => t.close());

  const say = async (path: string, flowId: string) =>
    answerOf(
      (await runChat(t, path, w.caller, { flow_id: flowId, stream: false, parameters: {} })).chunks,
    );

  it('builds a draft once, then hits; an update rebuilds', async () => {
    const flowId = await addFlow(t, w.tenant, flowSaying('one'));
    const before = runner.cacheStats();
    expect(await say(DEBUG_CHAT, flowId)).toBe('one');
    expect(await say(DEBUG_CHAT, flowId)).toBe('one');
    expect(await say(DEBUG_CHAT, flowId)).toBe('one');
    const after = runner.cacheStats();
    expect(after.builds - before.builds).toBe(1);
    expect(after.hits - before.hits).toBe(2);

    await new Promise((resolve) => setTimeout(resolve, 5)); // a new update_at
    const update = await t
      .http()
      .post(`/workflow/v1/protocol/update/${flowId}`)
      .send({ data: flowSaying('two') });
    expect(update.body.code).toBe(0);
    expect(await say(DEBUG_CHAT, flowId)).toBe('two');
    expect(runner.cacheStats().builds - after.builds).toBe(1);
  });

  it('keeps release and debug builds apart and picks up a new publish', async () => {
    const flowId = await releasedFlow(t, w, flowSaying('released'));
    expect(await say(CHAT, flowId)).toBe('released');
    expect(await say(DEBUG_CHAT, flowId)).toBe('released');
    const hits = runner.cacheStats().hits;
    expect(await say(CHAT, flowId)).toBe('released');
    expect(runner.cacheStats().hits).toBe(hits + 1);

    await new Promise((resolve) => setTimeout(resolve, 5));
    await t
      .http()
      .post(`/workflow/v1/protocol/update/${flowId}`)
      .send({ data: flowSaying('draft') });
    expect(await say(DEBUG_CHAT, flowId)).toBe('draft');
    expect(await say(CHAT, flowId)).toBe('released'); // the draft is not released yet
    const sync = await t
      .http()
      .post('/v1/publish')
      .set('X-Consumer-Username', w.tenant)
      .send({ flow_id: flowId, release_status: 1, plat: 1 });
    expect(sync.body.code).toBe(0);
    expect(await say(CHAT, flowId)).toBe('draft');
  });

  it('forgets a flow on explicit invalidation', async () => {
    const flowId = await addFlow(t, w.tenant, flowSaying('x'));
    await say(DEBUG_CHAT, flowId);
    const builds = runner.cacheStats().builds;
    runner.invalidateFlow(flowId);
    await say(DEBUG_CHAT, flowId);
    expect(runner.cacheStats().builds).toBe(builds + 1);
  });

  it('drops the engines of a flow at once when it is updated or published', async () => {
    const flowId = await releasedFlow(t, w, flowSaying('v1'));
    await say(CHAT, flowId);
    await say(DEBUG_CHAT, flowId);
    const cached = runner.cacheStats().size;
    const update = await t
      .http()
      .post(`/workflow/v1/protocol/update/${flowId}`)
      .send({ data: flowSaying('v2') });
    expect(update.body.code).toBe(0);
    expect(runner.cacheStats().size).toBeLessThan(cached);

    await say(DEBUG_CHAT, flowId);
    const rebuilt = runner.cacheStats().size;
    const sync = await t
      .http()
      .post('/v1/publish')
      .set('X-Consumer-Username', w.tenant)
      .send({ flow_id: flowId, release_status: 1, plat: 1 });
    expect(sync.body.code).toBe(0);
    expect(runner.cacheStats().size).toBeLessThan(rebuilt);
  });
});
