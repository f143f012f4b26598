import { AppRepository } from '../src/database/repositories/app.repository';
import {
  SPARK_FIXTURE_API_KEY,
  SPARK_FIXTURE_API_SECRET,
  SparkFixture,
} from './fixtures/spark-fixture';
import {
  answerOf,
  CHAT,
  createApps,
  DEBUG_CHAT,
  edge,
  Json,
  releasedFlow,
  runChat,
  World,
} from './chat.helpers';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';
import { END, llmNode, promptEnd, protocol, sparkModel, START, start } from './llm/llm-flows';

// Credential substitution of released runs (docs/api.md#chat-completions step 5): outside dev/test, model
// nodes of the platform (`xinghuo`) run with the calling app's id, key and secret.

describe.each([
  ['production', 'prod', true],
  ['test', 'test', false],
])('released runs in a %s runtime', (_name, runtimeEnv, substitutes) => {
  const spark = new SparkFixture();
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    await spark.start();
    t = await createTestApp({ RUNTIME_ENV: runtimeEnv });
    w = await createApps(t, uniqueAlias(''));
    // the caller holds the credentials the model service accepts; the flow's author does not
    await t.app.get(AppRepository).updateByAlias(w.caller, {
      apiKey: SPARK_FIXTURE_API_KEY,
      apiSecret: SPARK_FIXTURE_API_SECRET,
    });
  });
  afterAll(async () => {
    await t.close();
    await spark.close();
  });

  const flow = (): Json =>
    protocol(
      [
        start(),
        llmNode(
          'l',
          sparkModel(spark.url, {
            appId: 'author-app',
            apiKey: 'author-key',
            apiSecret: 'author-secret',
          }),
          {},
        ),
        promptEnd('{{r}}', { r: ['spark-llm::l', 'output'] }),
      ],
      [edge(START, 'spark-llm::l'), edge('spark-llm::l', END)],
    );

  it(
    substitutes ? 'uses the caller app credentials' : "keeps the author's credentials",
    async () => {
      spark.script.add({ tokens: ['ok'] });
      const flowId = await releasedFlow(t, w, flow());
      const res = await runChat(t, CHAT, w.caller, {
        flow_id: flowId,
        stream: false,
        parameters: { AGENT_USER_INPUT: 'hi' },
      });
      if (substitutes) {
        expect(answerOf(res.chunks)).toBe('ok');
        expect(spark.requests[0].body.header.app_id).toBe(w.caller);
        expect(spark.refused).toEqual([]);
      } else {
        expect(res.chunks[0].code).not.toBe(0);
        expect(spark.refused.join()).toContain('author-key');
      }
    },
  );

  it('never substitutes in debug runs', async () => {
    spark.reset();
    const flowId = await releasedFlow(t, w, flow());
    const res = await runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: flowId,
      stream: false,
      parameters: { AGENT_USER_INPUT: 'hi' },
    });
    expect(res.chunks[0].code).not.toBe(0);
    expect(spark.refused.join()).toContain('author-key');
  });
});
