import { OpenAiFixture } from '../fixtures/openai-fixture';
import { SparkFixture } from '../fixtures/spark-fixture';
import {
  addFlow,
  answerOf,
  CHAT,
  createApps,
  DEBUG_CHAT,
  Json,
  nodeTrace,
  output,
  releasedFlow,
  runChat,
  World,
} from '../chat.helpers';
import { createTestApp, TestApp } from '../helpers/test-app';
import {
  decisionNode,
  edge,
  END,
  extractorNode,
  llmNode,
  openaiModel,
  promptEnd,
  protocol,
  sparkModel,
  START,
  start,
  variableEnd,
} from './llm-flows';

// spark-llm, decision-making and extractor-parameter through HTTP against the fixture models.

describe('model nodes over HTTP', () => {
  const openai = new OpenAiFixture();
  const spark = new SparkFixture();
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    await openai.start();
    await spark.start();
    t = await createTestApp({ RUNTIME_ENV: 'test' });
    world = await createApps(t, `llm${Date.now() % 100000}`);
  });
  afterAll(async () => {
    await t.close();
    await openai.close();
    await spark.close();
  });
  beforeEach(() => {
    openai.reset();
    spark.reset();
  });

  const chat = async (proto: Json, body: Json = {}) => {
    const flowId = await releasedFlow(t, world, proto);
    return runChat(t, CHAT, world.caller, {
      flow_id: flowId,
      parameters: { AGENT_USER_INPUT: 'hello' },
      stream: true,
      ...body,
    });
  };
  const debugChat = async (proto: Json, body: Json = {}) => {
    const flowId = await addFlow(t, world.tenant, proto);
    return runChat(t, DEBUG_CHAT, world.caller, {
      flow_id: flowId,
      parameters: { AGENT_USER_INPUT: 'hello' },
      ...body,
    });
  };
  const llmToEnd = (model: Json, param: Json = {}, retryConfig?: Json) =>
    protocol(
      [
        start(),
        llmNode('l', model, param, undefined, undefined, retryConfig),
        promptEnd('{{r}}', { r: ['spark-llm::l', 'output'] }),
      ],
      [edge(START, 'spark-llm::l'), edge('spark-llm::l', END)],
    );

  describe('spark-llm', () => {
    it('streams the model tokens live into the end node and reports usage (openai)', async () => {
      openai.script.add({
        tokens: ['Hel', 'lo', '!'],
        usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 },
      });
      const res = await chat(llmToEnd(openaiModel(openai.chatUrl), { systemTemplate: 'be kind' }));
      expect(answerOf(res.chunks)).toBe('Hello!');
      const last = res.chunks[res.chunks.length - 1];
      expect(last).toMatchObject({
        code: 0,
        choices: [{ finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 },
      });
      expect(openai.requests[0].body.messages).toEqual([
        { role: 'system', content: 'be kind' },
        { role: 'user', content: 'hello' },
      ]);
    });

    it('talks to Spark over the signed WebSocket', async () => {
      spark.script.add({ tokens: ['Spa', 'rk'] });
      const res = await chat(llmToEnd(sparkModel(spark.url)));
      expect(answerOf(res.chunks)).toBe('Spark');
      expect(spark.refused).toEqual([]);
      expect(spark.requests[0].body.payload.message.text).toEqual([
        { role: 'user', content: 'hello' },
      ]);
    });

    it('sends the request history (v2, trimmed to rounds) before the user message', async () => {
      await chat(
        llmToEnd(openaiModel(openai.chatUrl), {
          enableChatHistoryV2: { isEnabled: true, rounds: 1 },
        }),
        {
          history: [
            { role: 'user', content: 'u1' },
            { role: 'assistant', content: 'a1' },
            { role: 'user', content: 'u2' },
            { role: 'assistant', content: 'a2' },
          ],
        },
      );
      expect(openai.requests[0].body.messages).toEqual([
        { role: 'user', content: 'u2' },
        { role: 'assistant', content: 'a2' },
        { role: 'user', content: 'hello' },
      ]);
    });

    it('persists per-node history and sends it on the next run', async () => {
      const proto = llmToEnd(openaiModel(openai.chatUrl), { enableChatHistory: true });
      const flowId = await releasedFlow(t, world, proto);
      const body = { flow_id: flowId, uid: 'user-7', parameters: { AGENT_USER_INPUT: 'first' } };
      openai.script.add({ tokens: ['one'], times: 1 });
      await runChat(t, CHAT, world.caller, body);
      await runChat(t, CHAT, world.caller, { ...body, parameters: { AGENT_USER_INPUT: 'second' } });
      expect(openai.requests[1].body.messages).toEqual([
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'one' },
        { role: 'user', content: 'second' },
      ]);
    });

    it('JSON format keeps falsy values and maps keys to typed outputs', async () => {
      openai.script.add({ tokens: ['```json\n{"count": 0, "ok": false, "name": ""}\n```'] });
      const proto = protocol(
        [
          start(),
          llmNode('l', openaiModel(openai.chatUrl), { respFormat: 2 }, undefined, [
            output('count', { type: 'integer', default: 5 }),
            output('ok', { type: 'boolean', default: true }),
            output('name', { type: 'string', default: 'x' }),
          ]),
          variableEnd({
            count: ['spark-llm::l', 'count', 'integer'],
            ok: ['spark-llm::l', 'ok', 'boolean'],
            name: ['spark-llm::l', 'name'],
          }),
        ],
        [edge(START, 'spark-llm::l'), edge('spark-llm::l', END)],
      );
      const res = await chat(proto);
      expect(JSON.parse(answerOf(res.chunks))).toEqual({ count: 0, ok: false, name: '' });
    });

    it.each([
      ['an HTTP error', { httpStatus: 500, errorBody: { error: { message: 'down' } } }, 20380],
      ['a dropped connection', { tokens: ['a', 'b'], dropAfter: 1 }, 20380],
    ])('ends the stream at once with the code on %s', async (_what, rule, code) => {
      openai.script.add(rule);
      const started = Date.now();
      const res = await chat(llmToEnd(openaiModel(openai.chatUrl)));
      const last = res.chunks[res.chunks.length - 1];
      expect(last).toMatchObject({ code, choices: [{ finish_reason: 'stop' }] });
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('times out a stalled model per frame (retryConfig.timeout) with 20380', async () => {
      openai.script.add({ tokens: ['a', 'b'], hangAfter: 1 });
      const res = await debugChat(
        llmToEnd(
          openaiModel(openai.chatUrl),
          {},
          { shouldRetry: true, timeout: 0.3, maxRetries: 0, errorStrategy: 0 },
        ),
      );
      const last = res.chunks[res.chunks.length - 1];
      expect(last).toMatchObject({
        code: 20380,
        message: 'External large model request failed(LLM response timeout (0.3s))',
      });
    });

    it('maps a Spark error code (debug view shows the node error frame)', async () => {
      spark.script.add({ sparkCode: 10013 });
      const res = await debugChat(llmToEnd(sparkModel(spark.url)));
      expect(nodeTrace(res.chunks)).toContain('spark-llm::l:error');
      expect(res.chunks[res.chunks.length - 1]).toMatchObject({ code: 20363 });
    });
  });

  describe('decision-making', () => {
    const intents = [
      { id: 'w', name: 'weather', description: 'weather questions' },
      { id: 'm', name: 'music', description: 'music requests' },
      { id: 'd', name: 'default', description: 'default intent', intentType: 1 as const },
    ];
    const branchFlow = (withMusicEdge: boolean) =>
      protocol(
        [
          start(),
          decisionNode('d', openaiModel(openai.chatUrl), intents),
          llmNode('w', openaiModel(openai.chatUrl), { template: 'WEATHER {{input}}' }),
          llmNode('m', openaiModel(openai.chatUrl), { template: 'MUSIC {{input}}' }),
          llmNode('f', openaiModel(openai.chatUrl), { template: 'FALLBACK {{input}}' }),
          promptEnd('{{w}}{{m}}{{f}}', {
            w: ['spark-llm::w', 'output'],
            m: ['spark-llm::m', 'output'],
            f: ['spark-llm::f', 'output'],
          }),
        ],
        [
          edge(START, 'decision-making::d'),
          edge('decision-making::d', 'spark-llm::w', 'intent-one-of::w'),
          ...(withMusicEdge
            ? [edge('decision-making::d', 'spark-llm::m', 'intent-one-of::m')]
            : []),
          edge('decision-making::d', 'spark-llm::f', 'intent-one-of::d'),
          edge('spark-llm::w', END),
          edge('spark-llm::m', END),
          edge('spark-llm::f', END),
        ],
      );

    it('routes to the intent the model names', async () => {
      openai.script.add({ match: 'text classification', tokens: ['{"category_name": "weather"}'] });
      openai.script.add({ match: 'WEATHER', tokens: ['sunny'] });
      const res = await chat(branchFlow(true));
      expect(answerOf(res.chunks)).toBe('sunny');
      expect(openai.requests.map((r) => r.prompt.split(' ')[0])).not.toContain('MUSIC');
    });

    it('falls back to the default intent when the chosen branch has no edge', async () => {
      openai.script.add({ match: 'text classification', tokens: ['{"category_name": "music"}'] });
      openai.script.add({ match: 'FALLBACK', tokens: ['fallback'] });
      const res = await chat(branchFlow(false));
      expect(answerOf(res.chunks)).toBe('fallback');
    });

    it('does not swallow a provider error', async () => {
      openai.script.add({ match: 'text classification', httpStatus: 503 });
      const res = await chat(branchFlow(true));
      expect(res.chunks[res.chunks.length - 1]).toMatchObject({ code: 20380 });
    });
  });

  describe('extractor-parameter', () => {
    it('extracts typed fields (prompt mode) and fixes required ones up', async () => {
      openai.script.add({
        match: '<structure>',
        tokens: ['```json\n{"city": "Paris", "days": "3"}\n```'],
      });
      const proto = protocol(
        [
          start(),
          extractorNode('x', openaiModel(openai.chatUrl), [
            output('city', { type: 'string', description: 'city' }, true),
            output('days', { type: 'integer', description: 'days' }, true),
            output('budget', { type: 'number', description: 'budget', default: 100 }),
          ]),
          variableEnd({
            city: ['extractor-parameter::x', 'city'],
            days: ['extractor-parameter::x', 'days', 'integer'],
            budget: ['extractor-parameter::x', 'budget', 'number'],
          }),
        ],
        [edge(START, 'extractor-parameter::x'), edge('extractor-parameter::x', END)],
      );
      const res = await chat(proto);
      expect(JSON.parse(answerOf(res.chunks))).toEqual({ city: 'Paris', days: 3, budget: 100 });
      expect(openai.requests[0].prompt).toContain('<text>\nhello\n</text>');
    });

    it('answers 21900 when the model gives no JSON object', async () => {
      openai.script.add({ tokens: ['sorry'] });
      const proto = protocol(
        [
          start(),
          extractorNode('x', openaiModel(openai.chatUrl), [output('city', 'string', true)]),
          variableEnd({ city: ['extractor-parameter::x', 'city'] }),
        ],
        [edge(START, 'extractor-parameter::x'), edge('extractor-parameter::x', END)],
      );
      const res = await chat(proto);
      expect(res.chunks[res.chunks.length - 1]).toMatchObject({ code: 21900 });
    });
  });
});
