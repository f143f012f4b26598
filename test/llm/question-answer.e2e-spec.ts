import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { RunRegistry } from '../../src/modules/run/run-registry';
import { OpenAiFixture } from '../fixtures/openai-fixture';
import {
  answerOf,
  CHAT,
  createApps,
  DEBUG_CHAT,
  addFlow,
  input,
  Json,
  messageNode,
  output,
  ref,
  releasedFlow,
  runChat,
  World,
} from '../chat.helpers';
import { createTestApp, TestApp } from '../helpers/test-app';
import { TEST_TMP_DIR } from '../helpers/test-paths';
import { optionQuestion } from '../../src/engine/testing';
import {
  decisionNode,
  edge,
  END,
  llmNode,
  openaiModel,
  optionParam,
  promptEnd,
  protocol,
  questionNode,
  START,
  start,
} from './llm-flows';

// Interrupt and resume through HTTP (docs/api.md#resume, docs/api.md#debug-resume, docs/api.md#resume-stream, docs/api.md#examples; docs/engine.md#pause-and-resume), on the
// memory registry and on Redis — there with the resume served by a second instance.

const RESUME = '/workflow/v1/resume';
const DEBUG_RESUME = '/workflow/v1/debug/resume';
const QA = 'question-answer::q';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const backends: [string, Record<string, string>][] = [
  ['memory', {}],
  ['redis', { REDIS_URL }],
];

describe.each(backends)('question-answer interrupt and resume (%s)', (backend, env) => {
  const openai = new OpenAiFixture();
  let one: TestApp;
  let two: TestApp;
  let world: World;

  beforeAll(async () => {
    await openai.start();
    // both instances share one database file and, on Redis, the registry
    const database =
      process.env.TEST_DATABASE_URL ?? `sqlite:${join(TEST_TMP_DIR, `${randomUUID()}.sqlite`)}`;
    const shared = { RUNTIME_ENV: 'test', DATABASE_URL: database, ...env };
    one = await createTestApp(shared);
    two = backend === 'redis' ? await createTestApp(shared) : one;
    world = await createApps(one, `qa${backend}${Date.now() % 100000}`);
  });
  afterAll(async () => {
    await one.close();
    if (two !== one) await two.close();
    await openai.close();
  });
  beforeEach(() => openai.reset());

  const options = [
    { id: 'a', name: 'A', content: 'Small' },
    { id: 'b', name: 'B', content: 'Large' },
    { id: 'd', name: 'default', content: 'Other', type: 1 as const },
  ];
  const optionFlow = (extra: Json = {}) =>
    protocol(
      [
        start(),
        questionNode('q', optionParam(options, extra), [
          output('query', 'string'),
          output('id', 'string'),
          output('content', 'string'),
        ]),
        messageNode('a', 'You chose {{c}}', [input('c', 'string', ref(QA, 'content'))]),
        messageNode('b', 'You chose {{c}}', [input('c', 'string', ref(QA, 'content'))]),
        messageNode('d', 'Default {{c}}', [input('c', 'string', ref(QA, 'content'))]),
        promptEnd('', {}),
      ],
      [
        edge(START, QA),
        edge(QA, 'message::a', 'option-one-of::a'),
        edge(QA, 'message::b', 'option-one-of::b'),
        edge(QA, 'message::d', 'option-one-of::d'),
        edge('message::a', END),
        edge('message::b', END),
        edge('message::d', END),
      ],
    );

  const start_ = async (proto: Json, stream = true) => {
    const flowId = await releasedFlow(one, world, proto);
    return runChat(one, CHAT, world.caller, {
      flow_id: flowId,
      parameters: { AGENT_USER_INPUT: 'shirt' },
      stream,
    });
  };
  const interruptOf = (chunks: Json[]) => {
    const last = chunks[chunks.length - 1];
    expect(last).toMatchObject({ choices: [{ finish_reason: 'interrupt' }] });
    return last.event_data as { event_id: string; need_reply: boolean; value: Json };
  };
  const resume = (eventId: string, event_type: string, content: string, path = RESUME) =>
    runChat(two, path, undefined, { event_id: eventId, event_type, content });

  it('streams the interrupt, resumes with an option on the other instance, refuses a second resume', async () => {
    const first = await start_(optionFlow());
    const event = interruptOf(first.chunks);
    expect(event.value).toEqual(
      optionQuestion('Pick a size', { A: 'Small', B: 'Large', default: 'Other' }),
    );
    const second = await resume(event.event_id, 'resume', 'B');
    expect(second.contentType).toBe('text/event-stream; charset=utf-8');
    expect(answerOf(second.chunks)).toBe('You chose Large');
    expect(second.chunks[second.chunks.length - 1]).toMatchObject({
      choices: [{ finish_reason: 'stop' }],
    });
    expect(second.chunks[0].id).not.toBe(first.chunks[0].id);
    const again = await resume(event.event_id, 'resume', 'B');
    expect(again.chunks[0]).toMatchObject({ code: 23900 });
  });

  it('non-stream original: one JSON interrupt chunk, then an aggregated SSE frame', async () => {
    const first = await start_(optionFlow(), false);
    expect(first.contentType).toMatch(/^application\/json/);
    const event = interruptOf(first.chunks);
    const second = await resume(event.event_id, 'resume', 'A');
    expect(second.chunks).toHaveLength(1);
    expect(second.chunks[0]).toMatchObject({
      choices: [{ delta: { content: 'You chose Small' }, finish_reason: 'stop' }],
    });
  });

  it('ignore takes the default branch unless a reply is needed; abort ends the run with 23802', async () => {
    const ignored = interruptOf((await start_(optionFlow())).chunks);
    expect(answerOf((await resume(ignored.event_id, 'ignore', '')).chunks)).toBe('Default ');

    const needed = interruptOf((await start_(optionFlow({ needReply: true }))).chunks);
    expect(needed.need_reply).toBe(true);
    const refused = await resume(needed.event_id, 'ignore', '');
    expect(refused.chunks[refused.chunks.length - 1]).toMatchObject({
      code: 23802,
      message:
        'Question-answer node data retrieval timeout(Received ignore instruction, but workflow does not support ignore)',
    });

    const aborted = interruptOf((await start_(optionFlow())).chunks);
    const end = await resume(aborted.event_id, 'abort', '');
    expect(end.chunks[end.chunks.length - 1]).toMatchObject({
      code: 23802,
      message: 'Question-answer node data retrieval timeout(Received abort instruction)',
      choices: [{ finish_reason: 'stop' }],
    });
  });

  it('non-stream original: abort and ignore end or continue the run the same way', async () => {
    const aborted = interruptOf((await start_(optionFlow(), false)).chunks);
    const end = await resume(aborted.event_id, 'abort', '');
    expect(end.chunks).toHaveLength(1);
    expect(end.chunks[0]).toMatchObject({ code: 23802, choices: [{ finish_reason: 'stop' }] });
    const ignored = interruptOf((await start_(optionFlow(), false)).chunks);
    const done = await resume(ignored.event_id, 'ignore', '');
    expect(done.chunks[0]).toMatchObject({
      code: 0,
      choices: [{ delta: { content: 'Default ' }, finish_reason: 'stop' }],
    });
  });

  it('an expired event cannot be resumed (23900)', async () => {
    const event = interruptOf((await start_(optionFlow())).chunks);
    // the question's timeout is at least a minute: shorten the event's lifetime instead
    await one.app.get(RunRegistry).pauseAt(event.event_id, QA, 0.1);
    await new Promise((r) => setTimeout(r, 200));
    const res = await resume(event.event_id, 'resume', 'A');
    expect(res.contentType).toMatch(/^application\/json/);
    expect(res.chunks[0]).toMatchObject({
      code: 23900,
      message: 'Conversation has timed out or does not exist',
    });
  });

  it('direct mode with extraction asks again, then finishes (debug view)', async () => {
    openai.script.add({
      match: '<text>\nParis\n</text>',
      tokens: [
        '```json {"content":"How many days?","completed":{"city":"Paris"},"incomplete":{"days":null}} ```',
      ],
    });
    openai.script.add({
      match: '<text>\n3\n</text>',
      tokens: ['```json {"content":"","completed":{"city":"Paris","days":3},"incomplete":{}} ```'],
    });
    const proto = protocol(
      [
        start(),
        questionNode(
          'q',
          {
            ...openaiModel(openai.chatUrl),
            question: 'Where to?',
            directAnswer: { handleResponse: true, maxRetryCounts: 3 },
          },
          [
            output('query', 'string'),
            output('content', 'string'),
            output('city', { type: 'string', description: 'city' }, true),
            output('days', { type: 'integer', description: 'days' }, true),
          ],
        ),
        promptEnd('{{city}} for {{days}} days', { city: [QA, 'city'], days: [QA, 'days'] }),
      ],
      [edge(START, QA), edge(QA, END)],
    );
    const flowId = await addFlow(one, world.tenant, proto);
    const first = await runChat(one, DEBUG_CHAT, world.caller, {
      flow_id: flowId,
      parameters: { AGENT_USER_INPUT: 'trip' },
    });
    const event = interruptOf(first.chunks);
    expect(event.value).toEqual({ type: 'direct', content: 'Where to?' });
    const second = await resume(event.event_id, 'resume', 'Paris', DEBUG_RESUME);
    expect(interruptOf(second.chunks).value).toEqual({ type: 'direct', content: 'How many days?' });
    const third = await resume(event.event_id, 'resume', '3', DEBUG_RESUME);
    const text = third.chunks
      .filter((c) => (c.workflow_step as { node?: { id: string } }).node?.id === END)
      .map((c) => (c.choices as { delta: { content: string } }[])[0].delta.content)
      .join('');
    expect(text).toContain('Paris for 3 days');
  });

  it('start → LLM → decision → question-answer → LLM → end, paused and resumed', async () => {
    const model = openaiModel(openai.chatUrl);
    openai.script.add({ match: 'SUMMARISE', tokens: ['wants ', 'a shirt'] });
    openai.script.add({ match: 'text classification', tokens: ['{"category_name": "shopping"}'] });
    openai.script.add({ match: 'FINAL', tokens: ['Order: ', 'Large'] });
    const proto = protocol(
      [
        start(),
        llmNode('sum', model, { template: 'SUMMARISE {{input}}' }),
        decisionNode('d', model, [
          { id: 'shop', name: 'shopping', description: 'buying things' },
          { id: 'other', name: 'default', description: 'default intent', intentType: 1 },
        ]),
        questionNode('q', optionParam(options.slice(0, 2)), [
          output('query', 'string'),
          output('id', 'string'),
          output('content', 'string'),
        ]),
        llmNode('fin', model, { template: 'FINAL {{size}}' }, [
          input('size', 'string', ref(QA, 'content')),
        ]),
        llmNode('no', model, { template: 'NOPE' }),
        promptEnd('{{a}}|{{b}}', {
          a: ['spark-llm::sum', 'output'],
          b: ['spark-llm::fin', 'output'],
        }),
      ],
      [
        edge(START, 'spark-llm::sum'),
        edge('spark-llm::sum', 'decision-making::d'),
        edge('decision-making::d', QA, 'intent-one-of::shop'),
        edge('decision-making::d', 'spark-llm::no', 'intent-one-of::other'),
        edge(QA, 'spark-llm::fin', 'option-one-of::a'),
        edge(QA, 'spark-llm::fin', 'option-one-of::b'),
        edge('spark-llm::fin', END),
        edge('spark-llm::no', END),
      ],
    );
    const first = await start_(proto);
    const event = interruptOf(first.chunks);
    const second = await resume(event.event_id, 'resume', 'B');
    expect(answerOf([...first.chunks, ...second.chunks])).toBe('wants a shirt|Order: Large');
    expect(second.chunks[second.chunks.length - 1]).toMatchObject({
      code: 0,
      choices: [{ finish_reason: 'stop' }],
    });
    expect(openai.requests.map((r) => r.prompt)).not.toContain('NOPE');
  });
});
