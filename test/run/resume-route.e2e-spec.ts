import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { frame, USAGE } from '../../src/modules/run/testing/frames';
import { RunRegistry } from '../../src/modules/run/run-registry';
import { createApps, Json, runChat, World } from '../chat.helpers';
import { createTestApp, TestApp } from '../helpers/test-app';
import { TEST_TMP_DIR } from '../helpers/test-paths';

// The resume routes' own mechanics (docs/api.md#resume, docs/api.md#debug-resume, docs/api.md#resume-stream): answer hand-over, output
// queue streaming in both views, refusals. The paused run is played by a task that waits on the
// registry exactly as the question-answer node does; full runs are in the question-answer specs.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const RESUME = '/workflow/v1/resume';
const DEBUG_RESUME = '/workflow/v1/debug/resume';
const QA = 'question-answer::q1';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const backends: [string, Record<string, string>][] = [
  ['memory', {}],
  ['redis', { REDIS_URL }],
];

describe.each(backends)('resume routes (%s registry)', (_name, env) => {
  let one: TestApp;
  let two: TestApp;
  let registry: RunRegistry;
  let world: World;

  beforeAll(async () => {
    // with Redis a second instance shares the registry (and the database: the event's app is
    // resolved on resume); with memory it is the same app
    const shared = {
      DATABASE_URL:
        process.env.TEST_DATABASE_URL ?? `sqlite:${join(TEST_TMP_DIR, `${randomUUID()}.sqlite`)}`,
      ...env,
    };
    one = await createTestApp(shared);
    two = env.REDIS_URL ? await createTestApp(shared) : one;
    registry = one.app.get(RunRegistry);
    world = await createApps(one, `rr${Date.now() % 100000}`);
  });
  afterAll(async () => {
    await one.close();
    if (two !== one) await two.close();
  });

  /** A paused run: registered, paused at QA; answers are checked and the rest is queued. */
  async function pausedEvent(isStream: boolean): Promise<string> {
    const eventId = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    await registry.create({
      event_id: eventId,
      is_stream: isStream,
      flow_id: 'f1',
      app_id: world.caller,
    });
    await registry.pauseAt(eventId, QA, 60);
    return eventId;
  }

  async function pausedRun(isStream: boolean, after: (reply: Json) => ReturnType<typeof frame>[]) {
    const eventId = await pausedEvent(isStream);
    const answered = registry.waitReply(eventId, QA, 5000).then(async (reply) => {
      for (const f of after(reply as unknown as Json)) await registry.pushOutput(eventId, f, 60);
      return reply;
    });
    return { eventId, answered };
  }

  const continuation = (reply: Json) => [
    frame({ node: QA, progress: 0.25 }),
    frame({ node: 'message::m', progress: 0.75, content: `You chose ${String(reply.content)}` }),
    frame({ node: 'flow_obj', progress: 1, finish: 'stop', usage: USAGE }),
  ];

  it('hands the answer over and streams the continuation in the release view', async () => {
    const { eventId, answered } = await pausedRun(true, continuation);
    const res = await runChat(two, RESUME, undefined, {
      event_id: eventId,
      event_type: 'resume',
      content: 'B',
    });
    expect(await answered).toEqual({ event_type: 'resume', content: 'B', retries: 0 });
    expect(res.contentType).toBe('text/event-stream; charset=utf-8');
    expect(res.chunks).toHaveLength(2);
    const sid = res.chunks[0].id as string;
    expect(res.chunks[0]).toMatchObject({
      code: 0,
      workflow_step: { seq: 1, progress: 0.75 },
      choices: [{ delta: { content: 'You chose B' }, index: 0 }],
    });
    expect(res.chunks[1]).toMatchObject({
      id: sid,
      workflow_step: { seq: 2, progress: 1 },
      choices: [{ finish_reason: 'stop' }],
      usage: USAGE,
    });
    expect(res.chunks[0]).not.toHaveProperty('workflow_step.node');
    // the stop frame ended the run: the event is gone, a second resume is refused
    for (let i = 0; i < 50 && (await registry.get(eventId)); i += 1) await sleep(10);
    expect(await registry.get(eventId)).toBeNull();
    const again = await runChat(one, RESUME, undefined, { event_id: eventId, content: 'B' });
    expect(again.contentType).toMatch(/^application\/json/);
    expect(again.chunks[0]).toMatchObject({
      code: 23900,
      message: 'Conversation has timed out or does not exist',
    });
  });

  it('aggregates over SSE when the original request did not stream; debug view unfiltered', async () => {
    const first = await pausedRun(false, continuation);
    const res = await runChat(one, RESUME, undefined, { event_id: first.eventId, content: 'A' });
    expect(res.contentType).toBe('text/event-stream; charset=utf-8');
    expect(res.chunks).toHaveLength(1);
    expect(res.chunks[0]).toMatchObject({
      choices: [{ delta: { content: 'You chose A' }, finish_reason: 'stop' }],
    });
    const second = await pausedRun(true, continuation);
    const debug = await runChat(two, DEBUG_RESUME, undefined, {
      event_id: second.eventId,
      event_type: 'ignore',
      content: '',
    });
    expect(debug.chunks.map((c) => (c.workflow_step as { node: { id: string } }).node.id)).toEqual([
      QA,
      'message::m',
      'flow_obj',
    ]);
    expect((await second.answered)?.event_type).toBe('ignore');
  });

  it('refuses a second resume of the same pause (status back to running)', async () => {
    const eventId = await pausedEvent(true);
    await registry.acceptResume(eventId); // an earlier resume was accepted
    const res = await runChat(two, RESUME, undefined, { event_id: eventId, content: 'A' });
    expect(res.chunks[0]).toMatchObject({
      code: 23900,
      message: 'Conversation has timed out or does not exist(Current event is not paused)',
      workflow_step: { node: null, seq: 0, progress: 1 },
      event_data: null,
    });
  });

  it('validates the body (460)', async () => {
    const res = await runChat(one, RESUME, undefined, { event_id: randomUUID() });
    expect(res.chunks[0].code).toBe(460);
  });
});
