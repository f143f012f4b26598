import {
  addFlow,
  answerOf,
  CHAT,
  createApps,
  DEBUG_CHAT,
  edge,
  endNode,
  input,
  messageNode,
  nodeTrace,
  outcome,
  output,
  protocol,
  ref,
  releasedFlow,
  runChat,
  startNode,
  type Json,
  type RunResult,
  type World,
} from './chat.helpers';
import {
  answerFrame,
  KnowledgeProFixture,
  PRO_USAGE,
  type ProReply,
} from './fixtures/knowledge-pro.fixture';
import { knowledgeProNode, PRO } from './helpers/knowledge-flow-dsl';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// knowledge-pro-base node against the agentic RAG service (docs/nodes.md#knowledge-pro-base),
// here a loopback SSE fixture reached through KNOWLEDGE_PRO_BASE_URL: the request the service
// sees, the answer streamed token by token into message/end nodes, the metadata result, the
// usage in the final frame, and every error code the node can end with — stalls included.

const S = 'node-start::s';
const E = 'node-end::e';
const M = 'message::m';

/** start → knowledge-pro-base → end (prompt mode, streaming the answer) */
function proFlow(nodeParam: Json = {}, retryConfig?: Json): Json {
  return protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string')]),
      knowledgeProNode([S, 'AGENT_USER_INPUT'], nodeParam, { retryConfig }),
      endNode('e', [input('a', 'string', ref(PRO, 'output'))], {
        outputMode: 1,
        template: '{{a}}',
        streamOutput: true,
      }),
    ],
    [edge(S, PRO), edge(PRO, E)],
  );
}

/** the content pieces one node emitted as process frames (debug stream) */
function pieces(res: RunResult, nodeId: string): string[] {
  return res.chunks
    .filter((c) => nodeTrace([c])[0] === `${nodeId}:process`)
    .map((c) => ((c.choices as Json[])[0].delta as Json).content as string);
}

const finalUsage = (res: RunResult) => res.chunks[res.chunks.length - 1].usage;

describe('knowledge-pro-base node (agentic RAG service)', () => {
  const service = new KnowledgeProFixture();
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    await service.start();
    t = await createTestApp({
      RUNTIME_ENV: 'test',
      KNOWLEDGE_PRO_BASE_URL: service.baseUrl,
      KNOWLEDGE_PRO_READ_TIMEOUT_MS: '1000',
    });
    w = await createApps(t, uniqueAlias(''));
  });
  afterAll(async () => {
    await t.close();
    await service.close();
  });
  beforeEach(() => service.script());

  const debugRun = async (proto: Json, stream = true) =>
    runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: await addFlow(t, w.tenant, proto),
      uid: 'runner1',
      stream,
      parameters: { AGENT_USER_INPUT: 'hello' },
    });
  const debug = async (proto: Json, stream = true) => outcome(await debugRun(proto, stream));

  it('debug chat: streams the answer token by token into the end node; usage in the final frame', async () => {
    const res = await debugRun(proFlow());
    expect(outcome(res)).toEqual({ code: 0, text: 'Answer to hello', message: '' });
    expect(pieces(res, E)).toEqual(['Answer to ', 'hello']);
    expect(finalUsage(res)).toEqual(PRO_USAGE);
    const proEnd = res.chunks.find((c) => nodeTrace([c])[0] === `${PRO}:end`)!;
    expect((proEnd.workflow_step as { node: Json }).node).toMatchObject({
      outputs: { output: 'Answer to hello', result: [{ docId: 'd1', title: 'Doc 1' }] },
      usage: PRO_USAGE,
    });
    const [call] = service.calls;
    expect(call.body).toEqual({
      prompt: 'You answer from the documents.',
      rag: {
        type: 'AIUI-RAG2',
        repo_id: ['repo-a'],
        doc_id: [],
        topN: 3,
        mode: 'DeepSearch',
        threshold: 0.2,
        llm: {
          app_id: 'app-llm',
          api_key: 'key-llm',
          api_secret: 'secret-llm',
          base_url: 'https://maas-api.cn-huabei-1.xf-yun.com/v2',
          model: 'xdeepseekv3',
          max_token: 2048,
          top_k: 4,
          temperature: 0.5,
        },
      },
      messages: [{ role: 'user', content: 'hello' }],
      meta_data: { caller: 'workflow', caller_sid: expect.any(String) as string },
    });
    expect(call.body.meta_data.caller_sid).not.toBe('');
  });

  it('debug chat, not streamed; LongRAG over CBG-RAG documents', async () => {
    const proto = proFlow({ ragType: 2, repoType: 2, docIds: ['doc-9'] });
    expect(await debug(proto, false)).toEqual({ code: 0, text: 'Answer to hello', message: '' });
    expect(service.calls[0].body.rag).toMatchObject({
      type: 'CBG-RAG',
      mode: 'LongRAG',
      doc_id: ['doc-9'],
    });
  });

  it('streams into a message node (prompt mode) while result is read after completion', async () => {
    const proto = protocol(
      [
        startNode('s', [output('AGENT_USER_INPUT', 'string')]),
        knowledgeProNode([S, 'AGENT_USER_INPUT']),
        messageNode('m', '{{a}}!', [input('a', 'string', ref(PRO, 'output'))]),
        endNode('e', [input('docs', 'array', ref(PRO, 'result'))], { outputMode: 0 }),
      ],
      [edge(S, PRO), edge(PRO, M), edge(M, E)],
    );
    const res = await debugRun(proto);
    expect(pieces(res, M)).toEqual(['Answer to ', 'hello']);
    expect(answerOf(res.chunks)).toBe(
      'Answer to hello!' + JSON.stringify({ docs: [{ docId: 'd1', title: 'Doc 1' }] }),
    );
  });

  it('released chat (stream and not): the answer and the usage of the stream', async () => {
    const flowId = await releasedFlow(t, w, proFlow());
    for (const stream of [true, false]) {
      service.script();
      const res = await runChat(t, CHAT, w.caller, {
        flow_id: flowId,
        stream,
        parameters: { AGENT_USER_INPUT: 'hi there' },
      });
      expect(outcome(res)).toEqual({ code: 0, text: 'Answer to hi there', message: '' });
      expect(finalUsage(res)).toEqual(PRO_USAGE);
      if (stream) {
        const contents = res.chunks.map(
          (c) => ((c.choices as Json[])[0].delta as Json).content as string,
        );
        expect(contents.filter(Boolean)).toEqual(['Answer to ', 'hi there']);
      }
    }
  });

  it('understands lines without blank separators, reasoning pieces and a late metadata list', async () => {
    service.script([
      {
        compact: true,
        frames: [
          { code: 0, data: { content_type: 'reasoning', content: 'thinking…' } },
          { code: 0, data: { content: 'plain ' } }, // content_type defaults to answer
          answerFrame('answer'),
          { code: 0, data: { content_type: 'knowledge_metadata', content: [{ id: 1 }] } },
          { code: 0, data: { content_type: 'knowledge_metadata', content: [{ id: 2 }] } },
          answerFrame('', { finish_reason: 'stop' }),
        ],
      },
    ]);
    const proto = protocol(
      [
        startNode('s', [output('AGENT_USER_INPUT', 'string')]),
        knowledgeProNode([S, 'AGENT_USER_INPUT']),
        endNode(
          'e',
          [
            input('a', 'string', ref(PRO, 'output')),
            input('r', 'string', ref(PRO, 'REASONING_CONTENT')),
            input('docs', 'array', ref(PRO, 'result')),
          ],
          { outputMode: 0 },
        ),
      ],
      [edge(S, PRO), edge(PRO, E)],
    );
    expect(await debug(proto, false)).toEqual({
      code: 0,
      text: JSON.stringify({ a: 'plain answer', r: 'thinking…', docs: [{ id: 2 }] }),
      message: '',
    });
  });

  it('/protocol/add refuses settings out of range (20100)', async () => {
    const cases: [Json, string][] = [
      [{ topK: 7 }, 'nodeParam.topK: must be 1–6'],
      [{ repoTopK: 0 }, 'nodeParam.repoTopK: must be 1–5'],
      [{ ragType: 3 }, 'nodeParam.ragType: must be 1 or 2'],
      [{ repoType: '1' }, 'nodeParam.repoType: must be 1 or 2'],
      [{ repoIds: [] }, 'nodeParam.repoIds: must hold at least one id'],
      [{ temperature: 0 }, 'nodeParam.temperature: must be a number in (0, 1]'],
      [{ apiKey: '' }, 'nodeParam.apiKey: must not be empty'],
    ];
    for (const [param, detail] of cases) {
      const res = await t
        .http()
        .post('/workflow/v1/protocol/add')
        .send({ name: 'bad', app_id: w.tenant, data: proFlow(param) });
      expect(res.body).toMatchObject({ code: 20100, message: `Node ${PRO} ${detail}` });
    }
  });

  it('20502 for CBG-RAG without docIds', async () => {
    expect(await debug(proFlow({ repoType: 2, docIds: [] }))).toEqual({
      code: 20502,
      text: '',
      message: 'Knowledge base parameter error(docIds is empty)',
    });
    expect(service.calls).toHaveLength(0);
  });

  it('20500 for an error frame (after streaming began) and a refused request', async () => {
    service.script([
      { frames: [answerFrame('partial '), { code: 11200, message: 'quota exceeded', data: {} }] },
    ]);
    const res = await debugRun(proFlow());
    expect(outcome(res)).toEqual({
      code: 20500,
      text: '',
      message: 'Knowledge base request error(quota exceeded)',
    });
    expect(pieces(res, E)).toEqual(['partial ']);
    service.script([{ status: 500, raw: JSON.stringify({ code: 500, message: 'backend down' }) }]);
    expect(await debug(proFlow(), false)).toEqual({
      code: 20500,
      text: '',
      message: 'Knowledge base request error(backend down)',
    });
  });

  it('20501 for malformed frames, a stream without [DONE] and a dropped connection', async () => {
    const cases: [ProReply, string][] = [
      [{ frames: [answerFrame('a'), '{not json'] }, 'malformed message: {not json'],
      [{ frames: ['[1, 2]'] }, 'malformed message: not a JSON object'],
      [{ frames: [answerFrame('a')], done: false }, 'stream ended before [DONE]'],
    ];
    for (const [index, [reply, detail]] of cases.entries()) {
      service.script([reply]);
      expect(await debug(proFlow(), index % 2 === 0)).toEqual({
        code: 20501,
        text: '',
        message: `Knowledge base node execution error(${detail})`,
      });
    }
    service.script([{ frames: [answerFrame('a'), answerFrame('b')], dropAfter: 1 }]);
    expect(await debug(proFlow())).toMatchObject({ code: 20501 });
    service.script([{ status: 502, raw: '<html>' }]);
    expect(await debug(proFlow())).toEqual({
      code: 20500,
      text: '',
      message: 'Knowledge base request error(HTTP 502: <html>)',
    });
  });

  it('20501 within the read timeout for a stalled service or stream — never a hung run', async () => {
    const timeout = 'Knowledge base node execution error(Knowledge Pro node response timeout (1s))';
    for (const [index, reply] of [
      { stallMs: 10_000, frames: [] },
      { frames: [answerFrame('Answer '), answerFrame('to')], hangAfter: 1 },
    ].entries()) {
      service.script([reply]);
      const started = Date.now();
      expect(await debug(proFlow(), index === 0)).toEqual({
        code: 20501,
        text: '',
        message: timeout,
      });
      expect(Date.now() - started).toBeLessThan(4000);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(service.abandoned).toBeGreaterThanOrEqual(1);
  });

  it('with shouldRetry the per-read wait is retryConfig.timeout; a handled failure falls back', async () => {
    service.script([{ stallMs: 10_000 }]);
    const proto = proFlow(
      {},
      {
        timeout: 0.3,
        shouldRetry: true,
        maxRetries: 0,
        errorStrategy: 1,
        customOutput: { output: 'no answer', result: [], REASONING_CONTENT: '' },
      },
    );
    const started = Date.now();
    expect(await debug(proto)).toEqual({ code: 0, text: 'no answer', message: '' });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
