import {
  SPARK_FIXTURE_API_KEY,
  SPARK_FIXTURE_API_SECRET,
  SparkFixture,
} from '../../../test/fixtures/spark-fixture';
import { llmConnectionFromParams } from './llm-provider-factory';
import { createLlmService, DEFAULT_LLM_SERVICE_SETTINGS } from './llm-services';

describe('LlmService', () => {
  const spark = new SparkFixture();
  beforeAll(() => spark.start());
  afterAll(() => spark.close());

  const connection = (domain: string) =>
    llmConnectionFromParams({
      url: spark.url,
      domain,
      appId: 'a',
      apiKey: SPARK_FIXTURE_API_KEY,
      apiSecret: SPARK_FIXTURE_API_SECRET,
    });
  const service = createLlmService({
    ...DEFAULT_LLM_SERVICE_SETTINGS,
    quickThink: { flowIds: ['f-quick'], appIds: ['app-quick'], models: ['x1'] },
  });
  const ask = async (domain: string, flowId: string, appId: string) => {
    spark.reset();
    await service.provider(connection(domain), { flowId, appId }).chat({
      messages: [{ role: 'user', content: 'q' }],
    });
    return spark.requests[0].body.parameter.chat.enable_thinking;
  };

  it('turns Spark thinking off for listed flows or apps on listed models only', async () => {
    expect(await ask('x1', 'f-quick', 'other')).toBe(false);
    expect(await ask('x1', 'other', 'app-quick')).toBe(false);
    expect(await ask('x1', 'other', 'other')).toBeUndefined();
    expect(await ask('4.0Ultra', 'f-quick', 'app-quick')).toBeUndefined();
  });

  it('reuses one provider per connection', () => {
    expect(service.provider(connection('x1'))).toBe(service.provider(connection('x1')));
    expect(service.provider(connection('x1'))).not.toBe(service.provider(connection('x2')));
  });
});
