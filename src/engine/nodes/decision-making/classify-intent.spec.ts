import { OpenAiFixture } from '../../../../test/fixtures/openai-fixture';
import {
  SPARK_FIXTURE_API_KEY,
  SPARK_FIXTURE_API_SECRET,
  SparkFixture,
} from '../../../../test/fixtures/spark-fixture';
import { AppException } from '../../errors/engine-error';
import { createLlmProvider, llmConnectionFromParams } from '../../providers/llm-provider-factory';
import { classifyIntent, ClassifyRequest } from './classify-intent';
import type { Intent } from './decision-prompts';

const intents: Intent[] = [
  {
    id: 'intent-one-of::w',
    name: 'weather',
    description: 'questions about the weather',
    intentType: 2,
  },
  { id: 'intent-one-of::m', name: 'music', description: 'requests to play music', intentType: 2 },
  { id: 'intent-one-of::d', name: 'default', description: 'default intent', intentType: 1 },
];

describe('classifyIntent', () => {
  const openai = new OpenAiFixture();
  const spark = new SparkFixture();
  beforeAll(async () => {
    await openai.start();
    await spark.start();
  });
  afterAll(async () => {
    await openai.close();
    await spark.close();
  });
  beforeEach(() => {
    openai.reset();
    spark.reset();
  });

  const openaiProvider = () =>
    createLlmProvider(
      llmConnectionFromParams({ source: 'openai', url: openai.chatUrl, domain: 'm', apiKey: 'k' }),
    );
  const base = (over: Partial<ClassifyRequest>): ClassifyRequest => ({
    mode: 'prompt',
    intents,
    inputText: 'will it rain tomorrow?',
    promptPrefix: '',
    renderedPrefix: '',
    questionType: 'not_knowledge',
    history: [],
    provider: openaiProvider(),
    ...over,
  });

  it('prompt mode: the named category selects its intent; the prompt carries the categories', async () => {
    openai.script.add({
      match: 'text classification',
      tokens: ['```json\n{"category_name": "weather"}\n```'],
    });
    const result = await classifyIntent(base({}));
    expect(result.intent.id).toBe('intent-one-of::w');
    expect(result.className).toBe('weather');
    const prompt = openai.requests[0].prompt;
    expect(prompt).toContain('"category_name":"DEFAULT"');
    expect(prompt).toContain('"input_text":"will it rain tomorrow?"');
    expect(result.usage.total_tokens).toBe(15);
  });

  it('prompt mode: DEFAULT, an unknown name or a non-JSON reply select the default intent', async () => {
    for (const reply of [
      '{"category_name": "DEFAULT"}',
      '{"category_name": "sports"}',
      'no idea',
    ]) {
      openai.script.add({ tokens: [reply], times: 1 });
      const result = await classifyIntent(base({}));
      expect([result.intent.id, result.className]).toEqual(['intent-one-of::d', 'DEFAULT']);
    }
  });

  it('normal mode routes by destination and puts the prefix first', async () => {
    openai.script.add({ tokens: ['```json\n{"destination": "music", "next_inputs": "x"}\n```'] });
    const result = await classifyIntent(base({ mode: 'normal', promptPrefix: 'Be strict.' }));
    expect(result.intent.id).toBe('intent-one-of::m');
    expect(openai.requests[0].prompt.startsWith('Be strict.\n')).toBe(true);
    expect(openai.requests[0].prompt).toContain('music: requests to play music');
  });

  it('does not swallow provider errors', async () => {
    openai.script.add({ httpStatus: 500, errorBody: { error: { message: 'boom' } } });
    const error = await classifyIntent(base({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppException);
    expect((error as AppException).code).toBe(20380);
  });

  it('function-call mode on Spark: one function per normal intent, the chosen name routes', async () => {
    spark.script.add({ toolCall: { name: 'music', arguments: '{"next_inputs":"play jazz"}' } });
    const provider = createLlmProvider(
      llmConnectionFromParams({
        url: spark.url,
        domain: 'generalv3.5',
        appId: 'a',
        apiKey: SPARK_FIXTURE_API_KEY,
        apiSecret: SPARK_FIXTURE_API_SECRET,
      }),
    );
    const result = await classifyIntent(
      base({ mode: 'function-call', provider, renderedPrefix: 'play jazz please' }),
    );
    expect([result.intent.id, result.className, result.raw]).toEqual([
      'intent-one-of::m',
      'music',
      '{"next_inputs":"play jazz"}',
    ]);
    const body = spark.requests[0].body;
    expect(body.payload.message.text).toEqual([{ role: 'user', content: 'play jazz please' }]);
    expect(body.payload.functions!.text.map((f) => f.name)).toEqual(['weather', 'music']);
    expect(body.parameter.chat.question_type).toBe('not_knowledge');
  });
});
