import {
  addFlow,
  CHAT,
  createApps,
  DEBUG_CHAT,
  releasedFlow,
  runChat,
  World,
} from '../chat.helpers';
import { ADMIN_AUTH, ADMIN_TOKEN } from '../helpers/app-fixtures';
import { createTestApp, TestApp } from '../helpers/test-app';
import { oneOptionQuestionFlow } from './llm-flows';

// The platform audit policy (docs/api.md#audit-policy, docs/api.md#errors-during-a-run, docs/api.md#resume-stream): a run of an app with
// `audit_policy` 1 cannot pause for the user — the interrupt becomes the stream-side failure
// frame 21104 and the run ends — and a run paused before the app came under the policy is
// ended with 21104 when resumed.

const STREAM_FAILURE_21104 = {
  code: 21104,
  message: 'Question-answer node does not support audit yet',
  choices: [
    {
      delta: { role: 'assistant', content: '', reasoning_content: '' },
      index: 0,
      finish_reason: 'stop',
    },
  ],
  usage: { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 },
};

describe('platform audit policy and question-answer interrupts', () => {
  let t: TestApp;
  let world: World;
  let flowId: string;

  const setAuditPolicy = (alias: string, policy: 0 | 1) =>
    t
      .http()
      .patch(`/workflow/v1/admin/apps/${alias}`)
      .set(ADMIN_AUTH)
      .send({ audit_policy: policy })
      .expect(200);
  const chat = (stream: boolean, path = CHAT) =>
    runChat(t, path, world.caller, {
      flow_id: flowId,
      parameters: { AGENT_USER_INPUT: 'shirt' },
      stream,
    });
  const resume = (eventId: string) =>
    runChat(t, '/workflow/v1/resume', undefined, {
      event_id: eventId,
      event_type: 'resume',
      content: 'A',
    });

  beforeAll(async () => {
    t = await createTestApp({ RUNTIME_ENV: 'test', ADMIN_TOKEN });
    world = await createApps(t, `aud${Date.now() % 100000}`);
    flowId = await releasedFlow(t, world, oneOptionQuestionFlow());
  });
  afterAll(() => t.close());
  afterEach(() => setAuditPolicy(world.caller, 0));

  it('pauses as usual without the policy (the same flow, the same caller)', async () => {
    const run = await chat(true);
    expect(run.chunks[run.chunks.length - 1]).toMatchObject({
      choices: [{ finish_reason: 'interrupt' }],
    });
  });

  it('ends a streamed run with the 21104 frame instead of the interrupt', async () => {
    await setAuditPolicy(world.caller, 1);
    const run = await chat(true);
    expect(run.contentType).toBe('text/event-stream; charset=utf-8');
    const last = run.chunks[run.chunks.length - 1];
    expect(last).toMatchObject(STREAM_FAILURE_21104);
    expect(last.id).toBe(run.chunks[0].id);
    expect(last).not.toHaveProperty('event_data');
    expect(run.chunks.some((c) => JSON.stringify(c).includes('"interrupt"'))).toBe(false);
  });

  it('answers a non-streamed run with the 21104 chunk as its JSON body', async () => {
    await setAuditPolicy(world.caller, 1);
    const run = await chat(false);
    expect(run.contentType).toMatch(/^application\/json/);
    expect(run.chunks).toHaveLength(1);
    expect(run.chunks[0]).toMatchObject(STREAM_FAILURE_21104);
  });

  it('refuses the pause in a debug run of an audited app too', async () => {
    await setAuditPolicy(world.caller, 1);
    const draft = await addFlow(t, world.tenant, oneOptionQuestionFlow());
    const run = await runChat(t, DEBUG_CHAT, world.caller, {
      flow_id: draft,
      parameters: { AGENT_USER_INPUT: 'shirt' },
      stream: true,
    });
    expect(run.chunks[run.chunks.length - 1]).toMatchObject({ code: 21104 });
  });

  it('ends a run paused before its app came under the policy with 21104 on resume', async () => {
    const paused = await chat(true);
    const event = paused.chunks[paused.chunks.length - 1].event_data as { event_id: string };
    await setAuditPolicy(world.caller, 1);
    const resumed = await resume(event.event_id);
    expect(resumed.contentType).toBe('text/event-stream; charset=utf-8');
    expect(resumed.chunks).toHaveLength(1);
    expect(resumed.chunks[0]).toMatchObject(STREAM_FAILURE_21104);
    // the run is over: the event is gone
    await setAuditPolicy(world.caller, 0);
    const again = await resume(event.event_id);
    expect(again.chunks[0]).toMatchObject({ code: 23900 });
  });
});
