import { createHmac } from 'node:crypto';
import {
  SPARK_FIXTURE_API_KEY,
  SPARK_FIXTURE_API_SECRET,
  SPARK_FIXTURE_APP_ID,
  SparkFixture,
} from '../../../test/fixtures/spark-fixture';
import { appExceptionOf } from '../testing/app-exception-of';
import { serveFixture } from '../testing/serve-fixture';
import type { LlmConnection, LlmFrame } from './llm-provider';
import { createLlmProvider, llmConnectionFromParams } from './llm-provider-factory';
import { signSparkUrl } from './spark-signed-url';

describe('SparkChatProvider against the fixture server', () => {
  const fixture = serveFixture(new SparkFixture());
  let connection: LlmConnection;

  beforeEach(() => {
    connection = llmConnectionFromParams({
      url: fixture.url,
      domain: '4.0Ultra',
      appId: SPARK_FIXTURE_APP_ID,
      apiKey: SPARK_FIXTURE_API_KEY,
      apiSecret: SPARK_FIXTURE_API_SECRET,
      uid: 'u1',
      patch_id: ['p1'],
      temperature: 0.5,
      maxTokens: 100,
      topK: 4,
    });
  });

  const provider = () => createLlmProvider(connection, { sparkHost: '', requestTimeoutMs: 5000 });
  const ask = (extra: object = {}) =>
    provider().chat({ messages: [{ role: 'user', content: 'hello' }], ...extra });

  it('streams frames over a signed URL and sends the documented request', async () => {
    fixture.script.add({
      reasoning: ['hmm'],
      tokens: ['Hel', 'lo'],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
    const frames: LlmFrame[] = [];
    const result = await ask({ onFrame: (f: LlmFrame) => frames.push(f) });
    expect(result).toEqual({
      content: 'Hello',
      reasoningContent: 'hmm',
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
    expect(frames.map((f) => [f.content, f.end])).toEqual([
      ['', false],
      ['Hel', false],
      ['lo', false],
      ['', true],
    ]);
    expect((frames[3].raw as { header: { status: number } }).header.status).toBe(2);
    expect(fixture.refused).toEqual([]);
    expect(fixture.requests[0].path).toBe('/v4.0/chat');
    expect(fixture.requests[0].body).toEqual({
      header: { app_id: SPARK_FIXTURE_APP_ID, uid: 'u1', patch_id: ['p1'] },
      parameter: {
        chat: {
          domain: '4.0Ultra',
          temperature: 0.5,
          max_tokens: 100,
          top_k: 4,
          auditing: 'default',
          question_type: 'not_knowledge',
        },
      },
      payload: { message: { text: [{ role: 'user', content: 'hello' }] } },
    });
  });

  it('enables web search when searchDisable is false', async () => {
    connection.searchDisable = false;
    await ask();
    const chat = fixture.requests[0].body.parameter.chat;
    expect(chat.question_type).toBeUndefined();
    expect(chat.tools).toEqual([
      {
        type: 'web_search',
        web_search: { enable: true, show_ref_label: false, search_mode: 'normal' },
      },
    ]);
  });

  it('is refused with a wrong secret (the fixture checks the signature)', async () => {
    connection.apiSecret = 'wrong';
    const error = await appExceptionOf(ask());
    expect(error.code).toBe(20303);
    expect(fixture.refused).toEqual(['signature mismatch']);
  });

  it('signs exactly as the documented algorithm', () => {
    const url = signSparkUrl(
      'wss://h.example/v1/chat',
      'k',
      's',
      new Date(Date.UTC(2025, 8, 25, 3, 25, 44)),
    );
    const query = new URL(url).searchParams;
    expect(query.get('date')).toBe('Thu, 25 Sep 2025 03:25:44 GMT');
    expect(query.get('host')).toBe('h.example');
    expect(Buffer.from(query.get('authorization')!, 'base64').toString()).toBe(
      'api_key="k", algorithm="hmac-sha256", headers="host date request-line", ' +
        'signature="' +
        createHmac('sha256', 's')
          .update('host: h.example\ndate: Thu, 25 Sep 2025 03:25:44 GMT\nGET /v1/chat HTTP/1.1')
          .digest('base64') +
        '"',
    );
  });

  it.each([
    [10013, 20363],
    [10907, 20372],
    [11203, 20376],
    [12345, 20303],
  ])('maps Spark code %i to %i', async (sparkCode, code) => {
    fixture.script.add({ sparkCode });
    expect((await appExceptionOf(ask())).code).toBe(code);
  });

  it('performs function calling and returns the chosen function', async () => {
    fixture.script.add({
      toolCall: { name: 'extractor_parameter', arguments: '{"city":"Paris"}' },
    });
    const result = await ask({
      functions: [
        { name: 'extractor_parameter', description: 'd', parameters: { type: 'object' } },
      ],
      functionChoice: 'extractor_parameter',
      questionType: 'not_knowledge',
    });
    expect(result.toolCall).toEqual({ name: 'extractor_parameter', arguments: '{"city":"Paris"}' });
    const body = fixture.requests[0].body;
    expect(body.parameter.chat.function_choice).toBe('extractor_parameter');
    expect(body.parameter.chat.question_type).toBe('not_knowledge');
    expect(body.payload.functions).toEqual({
      text: [{ name: 'extractor_parameter', description: 'd', parameters: { type: 'object' } }],
    });
  });

  it('function calling without a chosen function is 20301; a quick-repair sid is 20302', async () => {
    const functions = [{ name: 'f', description: 'd', parameters: {} }];
    fixture.script.add({ match: 'none', tokens: ['text only'] });
    fixture.script.add({
      match: 'repair',
      sparkSid: 'cht001',
      toolCall: { name: 'f', arguments: '{}' },
    });
    const none = provider().chat({ messages: [{ role: 'user', content: 'none' }], functions });
    expect((await appExceptionOf(none)).code).toBe(20301);
    const repair = provider().chat({ messages: [{ role: 'user', content: 'repair' }], functions });
    expect((await appExceptionOf(repair)).code).toBe(20302);
  });

  it('times out a stalled stream, and a dropped connection fails at once', async () => {
    fixture.script.add({ match: 'hello', tokens: ['a', 'b'], hangAfter: 1, times: 1 });
    const timeout = await appExceptionOf(ask({ frameTimeoutMs: 100 }));
    expect(timeout.message).toBe('Model request failed(LLM response timeout (0.1s))');
    fixture.script.add({ tokens: ['a', 'b'], dropAfter: 1 });
    const dropped = await appExceptionOf(ask());
    expect(dropped.message).toBe('Model request failed(WebSocket connection closed abnormally)');
  });

  it('stops on abort', async () => {
    fixture.script.add({ tokens: ['a'], stallMs: 5000 });
    const controller = new AbortController();
    const call = ask({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('client gone')), 50);
    await expect(call).rejects.toThrow('client gone');
  });

  it('needs a URL unless the domain has a legacy path', () => {
    connection.url = '';
    expect(() => provider()).toThrow('Model request failed(Request URL is empty)');
    connection.domain = 'generalv3.5';
    expect(() =>
      createLlmProvider(connection, { sparkHost: 'ws://h', requestTimeoutMs: 1 }),
    ).not.toThrow();
  });
});
