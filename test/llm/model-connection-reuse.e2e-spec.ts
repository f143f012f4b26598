import { OpenAiFixture } from '../fixtures/openai-fixture';
import { answerOf, CHAT, createApps, releasedFlow, runChat, World } from '../chat.helpers';
import { createTestApp, TestApp } from '../helpers/test-app';
import { edge, END, llmNode, openaiModel, promptEnd, protocol, START, start } from './llm-flows';

// A model server that closes a kept-alive connection just as the service reuses it (its
// keep-alive timeout running out at that moment): the request is sent again on a new
// connection and the run streams as usual, instead of failing with 20380 "Connection error."
// (docs/nodes.md#openai-compatible).

describe('model connections closed as they are reused', () => {
  const openai = new OpenAiFixture();
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    await openai.start();
    openai.closeReusedConnections = true;
    t = await createTestApp({ RUNTIME_ENV: 'test' });
    world = await createApps(t, `reuse${Date.now() % 100000}`);
  });
  afterAll(async () => {
    await t.close();
    await openai.close();
  });

  it('streams runs one after another, each on the connection the last one left', async () => {
    const flowId = await releasedFlow(
      t,
      world,
      protocol(
        [
          start(),
          llmNode('l', openaiModel(openai.chatUrl), {}),
          promptEnd('{{r}}', { r: ['spark-llm::l', 'output'] }),
        ],
        [edge(START, 'spark-llm::l'), edge('spark-llm::l', END)],
      ),
    );
    for (const word of ['one', 'two', 'three']) {
      openai.script.add({ match: word, tokens: [word, '!'], times: 1 });
      const res = await runChat(t, CHAT, world.caller, {
        flow_id: flowId,
        parameters: { AGENT_USER_INPUT: word },
        stream: true,
      });
      expect(res.chunks[res.chunks.length - 1]).toMatchObject({
        code: 0,
        choices: [{ finish_reason: 'stop' }],
      });
      expect(answerOf(res.chunks)).toBe(`${word}!`);
    }
    // every run reached the model once: the closed connections carried nothing it answered
    expect(openai.requests.map((r) => r.prompt)).toEqual(['one', 'two', 'three']);
  });
});
