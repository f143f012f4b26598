import {
  addFlow,
  CHAT,
  createApps,
  DEBUG_CHAT,
  edge,
  endNode,
  input,
  node,
  nodeTrace,
  outcome,
  output,
  parseSse,
  protocol,
  ref,
  releasedFlow,
  runChat,
  startNode,
  type Json,
  type World,
} from './chat.helpers';
import { AGENT_USAGE, AgentServiceFixture } from './fixtures/agent-service.fixture';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// agent node against the agent service contract (docs/nodes.md#agent), here a loopback
// fixture reached through AGENT_BASE_URL: the request the service sees (console-made DSL),
// the answer streamed token by token through debug and released chat, the usage in the run's
// final frame, tool calls in the reasoning, and every error code the node can end with.

const S = 'node-start::s';
const A = 'agent::a';
const E = 'node-end::e';

/** An agent node as the console saves it (console-only fields included). */
function agentNode(id: string, nodeParam: Json = {}, retryConfig?: Json): Json {
  const built = node(id, {
    inputs: [input('input', 'string', ref(S, 'AGENT_USER_INPUT'))],
    outputs: [output('REASONING_CONTENT', 'string'), output('output', 'string')],
    nodeParam: {
      appId: 'app-agent',
      apiKey: 'key1',
      apiSecret: 'secret1',
      uid: 'console-uid',
      source: 'xinghuo',
      modelConfig: {
        domain: 'xdeepseekv3',
        api: 'https://maas-api.example/v1/chat/completions',
        agentStrategy: 1,
      },
      instruction: {
        reasoning: 'Think about {{input}}',
        answer: 'Answer kindly',
        query: '{{input}}',
      },
      plugin: {
        tools: ['tool@weather', { tool_id: 'tool@map', version: 'V2.0' }],
        mcpServerIds: ['mcp-1'],
        mcpServerUrls: ['https://mcp.example/sse'],
        workflowIds: ['7000000000000000001'],
        knowledge: [
          { name: 'kb', description: 'docs', topK: 3, repoType: 1, match: { repoIds: ['r1'] } },
        ],
      },
      maxLoopCount: 7,
      maxTokens: 2048,
      enableChatHistoryV2: { isEnabled: true, rounds: 1 },
      // console-only
      modelId: 2142,
      llmId: 2142,
      serviceId: 'xdeepseekv3',
      model: 'xdeepseekv3',
      modelEnabled: true,
      ...nodeParam,
    },
    retryConfig: retryConfig ?? { timeout: 60, shouldRetry: false, maxRetries: 0 },
  });
  const data = built.data as Json;
  return {
    ...built,
    type: 'custom',
    position: { x: 400, y: 200 },
    data: {
      ...data,
      nodeMeta: { nodeType: 'Agent节点', aliasName: 'Agent_1' },
      icon: 'https://console.example/agent.png',
      label: 'Agent_1',
      description: '',
    },
  };
}

function agentFlow(nodeParam: Json = {}, retryConfig?: Json): Json {
  return protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string')]),
      agentNode(A, nodeParam, retryConfig),
      endNode(
        'e',
        [
          input('answer', 'string', ref(A, 'output')),
          input('thought', 'string', ref(A, 'REASONING_CONTENT')),
        ],
        {
          outputMode: 1,
          template: '{{answer}}',
          reasoningTemplate: '{{thought}}',
          streamOutput: true,
        },
      ),
    ],
    [edge(S, A), edge(A, E)],
  );
}

const reasoningOf = (chunks: Json[]) =>
  chunks
    .map(
      (c) => (c.choices as { delta: { reasoning_content?: string } }[])[0].delta.reasoning_content,
    )
    .join('');

describe('agent node (agent service)', () => {
  const service = new AgentServiceFixture();
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    await service.start();
    t = await createTestApp({
      RUNTIME_ENV: 'test',
      AGENT_BASE_URL: `${service.baseUrl}/`,
      AGENT_CONNECT_TIMEOUT_MS: '1000',
    });
    w = await createApps(t, uniqueAlias(''));
  });
  afterAll(async () => {
    await t.close();
    await service.close();
  });

  const debug = async (proto: Json, stream = true, extra: Json = {}) =>
    runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: await addFlow(t, w.tenant, proto),
      uid: 'runner1',
      stream,
      parameters: { AGENT_USER_INPUT: 'weather in 北京?' },
      ...extra,
    });

  it('debug chat (stream and not): the request, the answer, the reasoning, the usage', async () => {
    const proto = agentFlow();
    const history = [
      { role: 'user', content: 'old question', content_type: 'text' },
      { role: 'assistant', content: 'old answer', content_type: 'text' },
      { role: 'user', content: 'hi', content_type: 'text' },
      { role: 'assistant', content: 'hello', content_type: 'text' },
    ];
    for (const stream of [true, false]) {
      service.script({ reasoning: ['Looking ', 'it up.'], tokens: ['Sunny ', 'and ', 'warm.'] });
      const res = await debug(proto, stream, { history });
      expect(outcome(res)).toEqual({ code: 0, text: 'Sunny and warm.', message: '' });
      expect(reasoningOf(res.chunks)).toBe('Looking it up.');
      const last = res.chunks[res.chunks.length - 1];
      expect(last.usage).toEqual(AGENT_USAGE);
      if (stream) {
        const trace = nodeTrace(res.chunks);
        expect(trace.filter((k) => k === `${E}:process`).length).toBeGreaterThan(2);
        const agentEnd = res.chunks.find((c) => {
          const n = (c.workflow_step as { node?: { id: string; finish_reason?: string } }).node;
          return n?.id === A && n.finish_reason;
        }) as Json;
        const agentFrame = (agentEnd.workflow_step as { node: Json }).node;
        expect(agentFrame.outputs).toEqual({
          REASONING_CONTENT: 'Looking it up.',
          output: 'Sunny and warm.',
        });
        expect(agentFrame.usage).toEqual(AGENT_USAGE);
        expect((agentFrame.inputs as Json).chatHistory).toEqual([
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'hello' },
        ]);
      }
      const [call] = service.calls;
      expect(call.headers['x-consumer-username']).toBe('app-agent');
      expect(call.headers['content-type']).toContain('application/json');
      expect(call.body).toEqual({
        model_config: {
          domain: 'xdeepseekv3',
          api: 'https://maas-api.example/v1/chat/completions',
          api_key: 'key1:secret1',
        },
        instruction: { reasoning: 'Think about weather in 北京?', answer: 'Answer kindly' },
        plugin: {
          tools: [
            { tool_id: 'tool@weather', version: 'V1.0' },
            { tool_id: 'tool@map', version: 'V2.0' },
          ],
          mcp_server_ids: ['mcp-1'],
          mcp_server_urls: ['https://mcp.example/sse'],
          workflow_ids: ['7000000000000000001'],
          knowledge: [
            {
              name: 'kb',
              description: 'docs',
              top_k: 3,
              repo_type: 1,
              match: { repo_ids: ['r1'], doc_ids: null },
            },
          ],
        },
        uid: 'runner1',
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'hello' },
          { role: 'user', content: 'weather in 北京?' },
        ],
        meta_data: { caller: 'workflow-agent-node', caller_sid: expect.any(String) },
        stream: true,
        max_loop_count: 7,
      });
    }
  });

  it('released chat (stream and not), OpenAI model: base URL and key; usage of two agents summed', async () => {
    const B = 'agent::b';
    const openai = {
      source: 'openai',
      modelConfig: {
        domain: 'gpt-x',
        api: 'https://llm.example/v1/chat/completions',
        agentStrategy: 1,
      },
      enableChatHistoryV2: { isEnabled: false, rounds: 1 },
    };
    const second = agentNode(B, {
      ...openai,
      instruction: { reasoning: '', answer: '', query: 'again {{input}}' },
    });
    (second.data as Json).inputs = [input('input', 'string', ref(A, 'output'))];
    const proto = protocol(
      [
        startNode('s', [output('AGENT_USER_INPUT', 'string')]),
        agentNode(A, openai),
        second,
        endNode('e', [input('answer', 'string', ref(B, 'output'))], {
          outputMode: 1,
          template: '[{{answer}}]',
          streamOutput: true,
        }),
      ],
      [edge(S, A), edge(A, B), edge(B, E)],
    );
    const flowId = await releasedFlow(t, w, proto);
    for (const stream of [true, false]) {
      service.script();
      const res = await runChat(t, CHAT, w.caller, {
        flow_id: flowId,
        stream,
        parameters: { AGENT_USER_INPUT: 'go' },
      });
      expect(outcome(res)).toEqual({ code: 0, text: '[agent: again agent: go]', message: '' });
      const last = res.chunks[res.chunks.length - 1];
      expect(last.usage).toEqual({
        prompt_tokens: 2 * AGENT_USAGE.prompt_tokens,
        completion_tokens: 2 * AGENT_USAGE.completion_tokens,
        total_tokens: 2 * AGENT_USAGE.total_tokens,
      });
      expect(service.calls).toHaveLength(2);
      const body = service.calls[0].body as Json;
      expect(body.model_config).toEqual({
        domain: 'gpt-x',
        api: 'https://llm.example/v1',
        api_key: 'key1',
      });
      expect(body.messages).toEqual([{ role: 'user', content: 'go' }]);
    }
  });

  it('streams the answer token by token: content frames arrive before the agent ends', async () => {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    service.script({ tokens: ['one ', 'two ', 'three'], delayMs: 20, hold });
    const flowId = await addFlow(t, w.tenant, agentFlow());
    const port = await listeningPort(t);
    const response = await fetch(`http://127.0.0.1:${port}${DEBUG_CHAT}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-consumer-username': w.caller },
      body: JSON.stringify({
        flow_id: flowId,
        stream: true,
        parameters: { AGENT_USER_INPUT: 'x' },
      }),
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let raw = '';
    const contentFrames = () =>
      parseSse(raw.slice(0, raw.lastIndexOf('\n\n') + 2)).filter(
        (c) => (c.choices as { delta: { content: string } }[])[0]?.delta.content,
      );
    while (contentFrames().length < 3) {
      const { value, done } = await reader.read();
      if (done) break;
      raw += decoder.decode(value, { stream: true });
    }
    // three pieces reached the client while the agent's stream is still open
    expect(service.finished).toBe(0);
    expect(contentFrames().map((c) => (c.choices as Json[])[0].delta)).toEqual([
      expect.objectContaining({ content: 'one ' }),
      expect.objectContaining({ content: 'two ' }),
      expect.objectContaining({ content: 'three' }),
    ]);
    release();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      raw += decoder.decode(value, { stream: true });
    }
    expect(service.finished).toBe(1);
    const chunks = parseSse(raw);
    expect(chunks[chunks.length - 1]).toMatchObject({ code: 0, usage: AGENT_USAGE });
  });

  it('tool calls become formatted reasoning; a refused tool fails with its mapped code', async () => {
    const toolResponse = JSON.stringify({
      header: { code: 0, message: 'success' },
      payload: { text: { text: JSON.stringify({ temp: 21 }) } },
    });
    service.script({
      toolCalls: [
        {
          type: 'tool',
          reason: '需要天气',
          function: { name: 'weather', arguments: '{"city":"北京"}', response: toolResponse },
        },
        {
          type: 'knowledge',
          reason: 'docs',
          function: { name: 'kb', arguments: '{}', response: '{"metadata_list":[{"id":1}]}' },
        },
      ],
      tokens: ['done'],
    });
    const res = await debug(agentFlow(), false);
    expect(outcome(res).text).toBe('done');
    const pretty = (value: unknown) => JSON.stringify(value, null, 4);
    expect(reasoningOf(res.chunks)).toBe(
      `**Reasoning tool tool**\n> 需要天气\n\n\`\`\`json\n${pretty({ arguments: '{"city":"北京"}', name: 'weather', response: { temp: 21 } })}\n\`\`\`\n---\n` +
        `**Reasoning tool knowledge**\n> docs\n\n\`\`\`json\n${pretty({ arguments: '{}', name: 'kb', response: [{ id: 1 }] })}\n\`\`\`\n---`,
    );

    // every tool gateway code the agent reports maps as for a plugin node (unknown → 21800)
    const table: [number, number, string][] = [
      [30001, 21801, 'Tool initialization failed'],
      [30100, 21800, 'Tool request failed'],
      [30200, 21802, 'Tool JSON protocol parsing failed'],
      [30201, 21803, 'Tool protocol validation failed'],
      [30300, 21804, 'Tool OpenAPI protocol parsing failed'],
      [30301, 21805, 'Tool body type not supported'],
      [30302, 21806, 'Tool server does not exist'],
      [30400, 21807, 'Official tool request failed'],
      [30403, 21812, 'Third-party tool request failed'],
      [30500, 21808, 'Tool does not exist'],
      [30600, 21809, 'Tool operation does not exist'],
      [39999, 21800, 'Tool request failed'],
    ];
    const proto = agentFlow();
    for (const [index, [gatewayCode, code, text]] of table.entries()) {
      const refused = JSON.stringify({
        header: { code: gatewayCode, message: `boom ${gatewayCode}` },
      });
      service.script({
        toolCalls: [
          {
            type: 'tool',
            reason: 'r',
            function: { name: 'w', arguments: '{}', response: refused },
          },
        ],
      });
      expect(outcome(await debug(proto, index % 2 === 0))).toEqual({
        code,
        text: '',
        message: `${text}(boom ${gatewayCode})`,
      });
    }
  });

  it('23700 for a service error code, an error status, a dropped or malformed stream', async () => {
    const proto = agentFlow();
    const cases: [Parameters<AgentServiceFixture['script']>[0], string][] = [
      [
        { tokens: ['par'], errorCode: 40001, message: 'model quota exceeded' },
        'model quota exceeded',
      ],
      [{ status: 502, raw: '<html>bad gateway' }, 'HTTP 502: <html>bad gateway'],
      [{ tokens: ['a', 'b'], delayMs: 20, dropAfter: 1 }, 'terminated'],
      [{ tokens: ['a', 'b'], malformedAfter: 1 }, 'not a JSON event'],
    ];
    for (const [index, [reply, detail]] of cases.entries()) {
      service.script(reply);
      const result = outcome(await debug(proto, index % 2 === 0));
      expect(result.code).toBe(23700);
      expect(result.message).toContain('Agent node execution failed(');
      expect(result.message).toContain(detail);
    }
  });

  it('23700 within the node timeout for a stalled stream, and within the connect timeout', async () => {
    service.script({ tokens: ['a', 'b'], hangAfter: 1 });
    let started = Date.now();
    const stalled = await debug(agentFlow({}, { timeout: 1, shouldRetry: false }));
    expect(outcome(stalled)).toEqual({
      code: 23700,
      text: '',
      message: 'Agent node execution failed(Agent node response timeout (1s))',
    });
    expect(Date.now() - started).toBeLessThan(5000);
    await waitFor(() => service.abandoned === 1);

    service.script({ stallMs: 3000 });
    started = Date.now();
    expect(outcome(await debug(agentFlow(), false))).toEqual({
      code: 23700,
      text: '',
      message: 'Agent node execution failed(no answer within 1000 ms)',
    });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('refuses an invalid agent node when the flow is saved', async () => {
    const res = await t
      .http()
      .post('/workflow/v1/protocol/add')
      .send({ name: 'bad agent', app_id: w.tenant, data: agentFlow({ maxLoopCount: 'many' }) });
    expect(res.body.code).not.toBe(0);
    expect(String(res.body.message)).toContain('maxLoopCount');
  });
});

async function listeningPort(t: TestApp): Promise<number> {
  const server = t.app.getHttpServer();
  if (!server.listening)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
