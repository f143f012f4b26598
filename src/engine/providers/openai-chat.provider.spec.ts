import { OpenAiFixture } from '../../../test/fixtures/openai-fixture';
import { appExceptionOf } from '../testing/app-exception-of';
import { serveFixture } from '../testing/serve-fixture';
import type { LlmConnection, LlmFrame } from './llm-provider';
import { createLlmProvider, llmConnectionFromParams } from './llm-provider-factory';
import { chatBaseUrl, imageUrl } from './openai-chat.provider';

describe('OpenAiChatProvider against the fixture server', () => {
  const fixture = serveFixture(new OpenAiFixture());
  let connection: LlmConnection;

  beforeEach(() => {
    connection = llmConnectionFromParams({
      source: 'openai',
      url: fixture.chatUrl,
      domain: 'gpt-test',
      apiKey: 'sk-test',
      apiSecret: '',
      temperature: 0.5,
      maxTokens: 100,
      extraParams: { temperature: 0.2, max_tokens: 50 },
    });
  });

  const provider = () => createLlmProvider(connection, { sparkHost: '', requestTimeoutMs: 5000 });

  it('streams scripted tokens and reasoning, reports usage, sends the documented body', async () => {
    fixture.script.add({
      match: 'capital',
      reasoning: ['think ', 'hard'],
      tokens: ['Par', 'is'],
      usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 },
    });
    const frames: LlmFrame[] = [];
    const result = await provider().chat({
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'capital of France?' },
      ],
      onFrame: (f) => frames.push(f),
    });
    expect(result).toEqual({
      content: 'Paris',
      reasoningContent: 'think hard',
      usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 },
      toolCall: undefined,
    });
    expect(frames.map((f) => [f.reasoningContent, f.content, f.end])).toEqual([
      ['think ', '', false],
      ['hard', '', false],
      ['', 'Par', false],
      ['', 'is', false],
      ['', '', true],
    ]);
    expect(
      (frames[4].raw as { choices: { finish_reason: string }[] }).choices[0].finish_reason,
    ).toBe('stop');
    const [recorded] = fixture.requests;
    expect(recorded.path).toBe('/v1/chat/completions');
    expect(recorded.authorization).toBe('Bearer sk-test');
    expect(recorded.body).toEqual({
      model: 'gpt-test',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'capital of France?' },
      ],
      temperature: 0.2,
      max_tokens: 50,
      stream: true,
    });
  });

  it('answers non-streaming calls with JSON mode, image content and tool calls', async () => {
    fixture.script.add({
      tokens: ['{"a":1}'],
      toolCall: { name: 'pick', arguments: '{"x":"y"}' },
    });
    const result = await provider().chat({
      stream: false,
      jsonMode: true,
      messages: [
        { role: 'user', content: 'iVBORw0KGgo=', contentType: 'image' },
        { role: 'user', content: 'describe as json' },
      ],
      functions: [{ name: 'pick', description: 'pick one', parameters: { type: 'object' } }],
      functionChoice: 'pick',
    });
    expect(result.content).toBe('{"a":1}');
    expect(result.toolCall).toEqual({ name: 'pick', arguments: '{"x":"y"}' });
    const body = fixture.requests[0].body;
    expect(body.stream).toBe(false);
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.messages![0]).toEqual({
      role: 'user',
      content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }],
    });
    expect(body.tools).toEqual([
      {
        type: 'function',
        function: { name: 'pick', description: 'pick one', parameters: { type: 'object' } },
      },
    ]);
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'pick' } });
  });

  it('collects a streamed tool call', async () => {
    fixture.script.add({ tokens: [], toolCall: { name: 'route', arguments: '{"n":2}' } });
    const result = await provider().chat({
      messages: [{ role: 'user', content: 'q' }],
      functions: [{ name: 'route', description: 'd', parameters: {} }],
    });
    expect(result.toolCall).toEqual({ name: 'route', arguments: '{"n":2}' });
  });

  it('maps an HTTP error to 20380 with the error text', async () => {
    fixture.script.add({ httpStatus: 401, errorBody: { error: { message: 'bad key' } } });
    const error = await appExceptionOf(
      provider().chat({ messages: [{ role: 'user', content: 'q' }] }),
    );
    expect(error.code).toBe(20380);
    expect(error.message).toBe('External large model request failed(401 bad key)');
  });

  it('maps a non-stop finish reason and an empty answer', async () => {
    fixture.script.add({ match: 'long', tokens: ['a'], finishReason: 'length' });
    fixture.script.add({ match: 'empty', tokens: [] });
    const long = await appExceptionOf(
      provider().chat({ messages: [{ role: 'user', content: 'long' }] }),
    );
    expect([long.code, long.message]).toEqual([
      20380,
      'External large model request failed(finish_reason: length)',
    ]);
    const empty = await appExceptionOf(
      provider().chat({ messages: [{ role: 'user', content: 'empty' }] }),
    );
    expect([empty.code, empty.message]).toEqual([
      20303,
      'Model request failed(LLM returned empty result)',
    ]);
  });

  it('times out a stalled stream per frame with 20380', async () => {
    fixture.script.add({ tokens: ['a', 'b'], hangAfter: 1 });
    const started = Date.now();
    const error = await appExceptionOf(
      provider().chat({ messages: [{ role: 'user', content: 'q' }], frameTimeoutMs: 150 }),
    );
    expect([error.code, error.message]).toEqual([
      20380,
      'External large model request failed(LLM response timeout (0.15s))',
    ]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('fails at once when the connection drops mid-stream', async () => {
    fixture.script.add({ tokens: ['a', 'b', 'c'], dropAfter: 1 });
    const error = await appExceptionOf(
      provider().chat({ messages: [{ role: 'user', content: 'q' }] }),
    );
    expect(error.code).toBe(20380);
  });

  it('stops on abort with the signal reason', async () => {
    fixture.script.add({ tokens: ['a'], stallMs: 5000 });
    const controller = new AbortController();
    const call = provider().chat({
      messages: [{ role: 'user', content: 'q' }],
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('client gone')), 50);
    await expect(call).rejects.toThrow('client gone');
  });

  it('refuses an empty URL with 20380', () => {
    connection.url = '';
    expect(() => provider()).toThrow('External large model request failed(Request URL is empty)');
  });

  it('derives the base URL and image data URLs', () => {
    expect(chatBaseUrl('https://h/v1/chat/completions')).toBe('https://h/v1');
    expect(chatBaseUrl('https://h/api/v3/chat/completions/')).toBe('https://h/api/v3');
    expect(imageUrl('http://x/a.png')).toBe('http://x/a.png');
    expect(imageUrl('/9j/4AAQ')).toBe('data:image/jpeg;base64,/9j/4AAQ');
  });
});
