import { OpenAiFixture } from '../../../../test/fixtures/openai-fixture';
import { AppException } from '../../errors/engine-error';
import type { InterruptEventData } from '../../runtime/run-frame';
import { MemoryInterrupts } from '../../testing/memory-interrupts';
import { optionQuestion } from '../../testing/option-question';
import { createLlmProvider, llmConnectionFromParams } from '../../providers/llm-provider-factory';
import type { AskContext } from './ask-user';
import { DialogueJournal, DialogueState } from './dialogue-journal';
import { QaDialogue, runQuestionAnswer } from './question-answer-dialogue';

const NODE = 'question-answer::q';

describe('question-answer dialogue over the run registry', () => {
  const registry = new MemoryInterrupts();
  const fixture = new OpenAiFixture();
  let eventId: string;
  let interrupts: InterruptEventData[];
  let answers: { event_type: string; content: string }[];

  beforeAll(() => fixture.start());
  afterAll(() => fixture.close());
  beforeEach(async () => {
    fixture.reset();
    eventId = `e${Math.random()}`;
    interrupts = [];
    answers = [];
    waitStates = [];
  });

  /** The client: answers each interrupt with the next scripted answer through /resume's path. */
  let waitStates: (DialogueState | undefined)[] = [];
  const ctx = (over: Partial<AskContext> = {}): AskContext => ({
    journal: new DialogueJournal(undefined, (state) => waitStates.push(state)),
    registry,
    eventId,
    nodeId: NODE,
    timeoutSec: 5,
    needReply: false,
    emitInterrupt: async (data) => {
      interrupts.push(data);
      expect(registry.event(eventId)).toMatchObject({ status: 'interrupt', interrupt_node: NODE });
      const answer = answers.shift();
      if (!answer) return;
      registry.reply(eventId, NODE, answer);
    },
    ...over,
  });

  const options = [
    { id: 'option-one-of::a', name: 'A', type: 2, content_type: 'text', text: 'Small' },
    { id: 'option-one-of::d', name: 'default', type: 1, content_type: 'text', text: 'Other' },
    { id: 'option-one-of::b', name: 'B', type: 2, content_type: 'text', text: 'Large' },
  ];
  const dialogue = (over: Partial<QaDialogue> = {}): QaDialogue => ({
    question: 'Pick a size',
    answerType: 'option',
    options,
    handleResponse: false,
    maxRetryCounts: 2,
    instruction: '',
    fields: { type: 'object', properties: {}, required: [] },
    fieldDefaults: {},
    declared: ['query', 'id', 'content'],
    ...over,
  });
  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppException);
    return [(error as AppException).code, (error as AppException).message];
  };

  it('option mode: interrupt payload, then the first option matching or default wins', async () => {
    answers.push({ event_type: 'resume', content: 'A' });
    expect(await runQuestionAnswer(dialogue(), ctx())).toEqual({
      outputs: { query: 'Pick a size', id: 'A', content: 'Small' },
      branch: 'option-one-of::a',
    });
    expect(interrupts[0]).toEqual({
      event_id: eventId,
      event_type: 'interrupt',
      need_reply: false,
      value: optionQuestion('Pick a size', { A: 'Small', default: 'Other', B: 'Large' }),
    });
    expect(registry.event(eventId)?.timeout).toBe(5);
    // the default option is listed before B, so it wins (documented quirk kept)
    answers.push({ event_type: 'resume', content: 'B' });
    expect((await runQuestionAnswer(dialogue(), ctx())).branch).toBe('option-one-of::d');
  });

  it('option mode without a default: unknown answer is 23800', async () => {
    answers.push({ event_type: 'resume', content: 'Z' });
    const noDefault = dialogue({ options: options.filter((o) => o.type === 2) });
    expect(await failure(runQuestionAnswer(noDefault, ctx()))).toEqual([
      23800,
      'Question-answer node execution failed(No matching option and no default option)',
    ]);
  });

  it('ignore: defaults and the default branch, or 23802 when a reply is needed; abort and others', async () => {
    answers.push({ event_type: 'ignore', content: '' });
    expect(await runQuestionAnswer(dialogue(), ctx())).toEqual({
      outputs: { query: 'Pick a size', id: 'default', content: '' },
      branch: 'option-one-of::d',
    });
    answers.push({ event_type: 'ignore', content: '' });
    expect(await failure(runQuestionAnswer(dialogue(), ctx({ needReply: true })))).toEqual([
      23802,
      'Question-answer node data retrieval timeout(Received ignore instruction, but workflow does not support ignore)',
    ]);
    answers.push({ event_type: 'abort', content: '' });
    expect((await failure(runQuestionAnswer(dialogue(), ctx())))[1]).toBe(
      'Question-answer node data retrieval timeout(Received abort instruction)',
    );
    answers.push({ event_type: 'later', content: '' });
    expect((await failure(runQuestionAnswer(dialogue(), ctx())))[1]).toBe(
      'Question-answer node data retrieval timeout(Abnormal event type: later)',
    );
  });

  it('times out with 23900 when nobody answers', async () => {
    const started = Date.now();
    expect(await failure(runQuestionAnswer(dialogue(), ctx({ timeoutSec: 0.1 })))).toEqual([
      23900,
      'Conversation has timed out or does not exist(Timeout while waiting for user response)',
    ]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  describe('direct mode with extraction', () => {
    const provider = () =>
      createLlmProvider(
        llmConnectionFromParams({
          source: 'openai',
          url: fixture.chatUrl,
          domain: 'm',
          apiKey: 'k',
        }),
      );
    const direct = (over: Partial<QaDialogue> = {}) =>
      dialogue({
        question: 'Where and when?',
        answerType: 'direct',
        options: [],
        handleResponse: true,
        provider: provider(),
        fields: {
          type: 'object',
          properties: {
            city: { type: 'string', description: 'city' },
            days: { type: 'integer', description: 'days' },
          },
          required: ['city', 'days'],
        },
        fieldDefaults: { city: '', days: 0 },
        declared: ['query', 'content', 'city', 'days'],
        ...over,
      });

    it('asks again for missing fields, then completes with the fixed-up values', async () => {
      fixture.script.add({
        match: '<text>\nParis\n</text>',
        tokens: [
          '```json {"role":"assistant","content":"How many days?","completed":{"city":"Paris"},"incomplete":{"days":null}} ```',
        ],
      });
      fixture.script.add({
        match: '<text>\n3 days\n</text>',
        tokens: [
          '```json {"role":"assistant","content":"","completed":{"city":"Paris","days":"3"},"incomplete":{}} ```',
        ],
      });
      answers.push(
        { event_type: 'resume', content: 'Paris' },
        { event_type: 'resume', content: '3 days' },
      );
      const outcome = await runQuestionAnswer(direct(), ctx());
      expect(outcome.outputs).toEqual({
        query: 'Where and when?',
        content: '3 days',
        city: 'Paris',
        days: 3,
      });
      expect(interrupts.map((i) => i.value)).toEqual([
        { type: 'direct', content: 'Where and when?' },
        { type: 'direct', content: 'How many days?' },
      ]);
      // the second call carried the whole dialogue
      expect(fixture.requests[1].prompt).toContain('"content":"How many days?"');
      expect(fixture.requests[1].body.stream).toBe(false);
    });

    it('gives up after maxRetryCounts with 23803; a non-JSON reply is 23803 too', async () => {
      fixture.script.add({
        match: '<text>',
        tokens: ['```json {"content":"More?","completed":{},"incomplete":{"city":null}} ```'],
        times: 2,
      });
      answers.push({ event_type: 'resume', content: 'x' }, { event_type: 'resume', content: 'y' });
      expect(await failure(runQuestionAnswer(direct(), ctx()))).toEqual([
        23803,
        'Question-answer node user response handling error(Parameter extraction failed, reached maximum retry count limit)',
      ]);
      fixture.script.add({ tokens: ['no json'] });
      answers.push({ event_type: 'resume', content: 'x' });
      expect((await failure(runQuestionAnswer(direct(), ctx())))[0]).toBe(23803);
    });

    it('a node restored from its wait state replays the dialogue without asking again', async () => {
      fixture.script.add({
        match: '<text>\nParis\n</text>',
        tokens: [
          '```json {"content":"How many days?","completed":{"city":"Paris"},"incomplete":{"days":null}} ```',
        ],
      });
      fixture.script.add({
        match: '<text>\n4\n</text>',
        tokens: [
          '```json {"content":"","completed":{"city":"Paris","days":4},"incomplete":{}} ```',
        ],
      });
      // first life: answered once, then the process "stops" while waiting for the second reply
      answers.push({ event_type: 'resume', content: 'Paris' });
      const controller = new AbortController();
      const firstLife = runQuestionAnswer(direct(), ctx({ signal: controller.signal }));
      for (let i = 0; i < 100 && interrupts.length < 2; i += 1)
        await new Promise((r) => setTimeout(r, 10));
      controller.abort(new Error('process stopped'));
      await expect(firstLife).rejects.toThrow('process stopped');
      const saved = waitStates[waitStates.length - 1];
      expect(saved).toMatchObject({ emitted: 2, replies: [{ content: 'Paris' }] });
      expect(fixture.requests).toHaveLength(1);

      // second life: the reply arrives, the node re-executes from the saved state
      registry.reply(eventId, NODE, { event_type: 'resume', content: '4' });
      const emitted = interrupts.length;
      const outcome = await runQuestionAnswer(
        direct(),
        ctx({ journal: new DialogueJournal(saved, () => undefined) }),
      );
      expect(outcome.outputs).toEqual({
        query: 'Where and when?',
        content: '4',
        city: 'Paris',
        days: 4,
      });
      expect(interrupts).toHaveLength(emitted); // nothing asked twice
      expect(fixture.requests).toHaveLength(2); // the first extraction was not repeated
    });

    it('without handleResponse the reply is the content', async () => {
      answers.push({ event_type: 'resume', content: 'Lyon' });
      const outcome = await runQuestionAnswer(direct({ handleResponse: false }), ctx());
      expect(outcome.outputs).toEqual({ query: 'Where and when?', content: 'Lyon' });
      expect(fixture.requests).toHaveLength(0);
    });
  });
});
