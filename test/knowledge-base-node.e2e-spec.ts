import {
  addFlow,
  CHAT,
  createApps,
  DEBUG_CHAT,
  edge,
  endNode,
  input,
  node,
  outcome,
  output,
  protocol,
  ref,
  releasedFlow,
  runChat,
  startNode,
  type Json,
  type World,
} from './chat.helpers';
import { DEFAULT_USAGE } from './fixtures/fixture-script';
import {
  knowledgeRefused,
  KnowledgeServiceFixture,
  type KnowledgeReply,
} from './fixtures/knowledge-service.fixture';
import { OpenAiFixture } from './fixtures/openai-fixture';
import { KB, knowledgeBaseNode } from './helpers/knowledge-flow-dsl';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';
import { llmNode, openaiModel, promptEnd, userInput } from './llm/llm-flows';

// knowledge-base node against the knowledge service's chunk query (docs/nodes.md#knowledge-base),
// here a loopback fixture reached through KNOWLEDGE_BASE_URL: the request the service sees, the
// results through debug and released chat, the per-run cache, a flow feeding an LLM, and every
// error code the node can end with.

const S = 'node-start::s';
const E = 'node-end::e';

/** start → knowledge-base → end (variable mode: the results as JSON) */
function kbFlow(nodeParam: Json = {}, extra: Parameters<typeof knowledgeBaseNode>[2] = {}): Json {
  return protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string')]),
      knowledgeBaseNode([S, 'AGENT_USER_INPUT'], nodeParam, extra),
      endNode('e', [input('r', 'array', ref(KB, 'results'))], { outputMode: 0 }),
    ],
    [edge(S, KB), edge(KB, E)],
  );
}

const chunk = (query: string) => ({
  score: 0.9,
  docId: 'doc-1',
  content: `chunk about ${query}`,
  references: {},
});

describe('knowledge-base node (knowledge service)', () => {
  const service = new KnowledgeServiceFixture();
  const openai = new OpenAiFixture();
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    await service.start();
    await openai.start();
    t = await createTestApp({
      RUNTIME_ENV: 'test',
      KNOWLEDGE_BASE_URL: `${service.baseUrl}/`,
      KNOWLEDGE_TIMEOUT_MS: '1500',
    });
    w = await createApps(t, uniqueAlias(''));
  });
  afterAll(async () => {
    await t.close();
    await service.close();
    await openai.close();
  });
  beforeEach(() => {
    service.script();
    openai.reset();
  });

  const debug = async (proto: Json, stream = true, body: Json = {}) =>
    outcome(
      await runChat(t, DEBUG_CHAT, w.caller, {
        flow_id: await addFlow(t, w.tenant, proto),
        uid: 'runner1',
        stream,
        parameters: { AGENT_USER_INPUT: '北京 food' },
        ...body,
      }),
    );

  it('debug chat (stream and not): sends the console settings and answers the results', async () => {
    const proto = kbFlow();
    for (const stream of [true, false]) {
      service.script();
      expect(await debug(proto, stream)).toEqual({
        code: 0,
        text: JSON.stringify({ r: [chunk('北京 food')] }),
        message: '',
      });
      expect(service.calls).toHaveLength(1);
    }
    const [call] = service.calls;
    expect(call.body).toEqual({
      query: '北京 food',
      topN: '3',
      ragType: 'CBG-RAG',
      match: {
        repoId: ['repo-a', 'repo-b'],
        docIds: ['doc-1', 'doc-2'],
        flowId: 'console-flow-id',
        threshold: 0.2,
      },
      history: [],
    });
    // the body is ASCII-only JSON, like the reference sends it
    expect(call.raw).toContain('"query":"\\u5317\\u4eac food"');
  });

  it('released chat (stream and not); every repository type passes through', async () => {
    for (const [index, ragType] of ['AIUI-RAG2', 'SparkDesk-RAG', 'Ragflow-RAG'].entries()) {
      const flowId = await releasedFlow(t, w, kbFlow({ ragType, topN: '5', score: 0.1 }));
      service.script();
      const res = await runChat(t, CHAT, w.caller, {
        flow_id: flowId,
        stream: index % 2 === 0,
        parameters: { AGENT_USER_INPUT: 'q' },
      });
      expect(outcome(res)).toEqual({
        code: 0,
        text: '{"r":[' + JSON.stringify(chunk('q')) + ']}',
        message: '',
      });
      expect(service.calls[0].body).toMatchObject({
        ragType,
        topN: '5',
        match: { threshold: 0.1 },
      });
    }
  });

  it('sends the whole request history when enableChatHistoryV2 is on', async () => {
    const history = [
      { role: 'user', content: 'u1' },
      { role: 'assistant', content: 'a1' },
      { role: 'user', content: 'u2' },
      { role: 'assistant', content: 'a2' },
    ];
    const proto = kbFlow({ enableChatHistoryV2: { isEnabled: true, rounds: 1 } });
    expect((await debug(proto, false, { history })).code).toBe(0);
    expect(service.calls[0].body.history).toEqual(
      history.map((item) => ({ ...item, content_type: 'text' })),
    );
  });

  it('calls the service once per (query, repositories, settings) in a run', async () => {
    const IT = 'iteration::it';
    const BS = 'iteration-node-start::bs';
    const KBI = 'knowledge-base::kbi';
    const proto = protocol(
      [
        startNode('s', [output('qs', { type: 'array', items: { type: 'string' } })]),
        node(IT, {
          inputs: [input('input', 'array', ref(S, 'qs'))],
          outputs: [output('output', { type: 'array', items: { type: 'array' } })],
          nodeParam: { IterationStartNodeId: BS },
        }),
        node(BS, { outputs: [output('input', 'string')] }),
        knowledgeBaseNode([BS, 'input'], {}, { id: KBI }),
        node('iteration-node-end::be', {
          inputs: [input('output', 'array', ref(KBI, 'results'))],
          nodeParam: { outputMode: 0, template: '' },
        }),
        endNode('e', [input('r', 'array', ref(IT, 'output'))], { outputMode: 0 }),
      ],
      [edge(S, IT), edge(IT, E), edge(BS, KBI), edge(KBI, 'iteration-node-end::be')],
    );
    const flowId = await addFlow(t, w.tenant, proto);
    const run = async () =>
      outcome(
        await runChat(t, DEBUG_CHAT, w.caller, {
          flow_id: flowId,
          stream: false,
          parameters: { qs: ['q', 'q', 'r', 'q'] },
        }),
      );
    const expected = { r: [[chunk('q')], [chunk('q')], [chunk('r')], [chunk('q')]] };
    expect(await run()).toEqual({ code: 0, text: JSON.stringify(expected), message: '' });
    expect(service.calls.map((c) => c.body.query)).toEqual(['q', 'r']);
    // the cache lives as long as the run: the next run asks again
    expect((await run()).code).toBe(0);
    expect(service.calls.map((c) => c.body.query)).toEqual(['q', 'r', 'q', 'r']);
  });

  it('feeds an LLM: knowledge-base → spark-llm (OpenAI-compatible) → end', async () => {
    openai.script.add({ match: 'chunk about', tokens: ['From the docs', ': yes'] });
    const L = 'spark-llm::l';
    const proto = protocol(
      [
        startNode('s', [output('AGENT_USER_INPUT', 'string')]),
        knowledgeBaseNode([S, 'AGENT_USER_INPUT']),
        llmNode(
          'l',
          openaiModel(openai.chatUrl),
          { template: 'Context: {{ctx}}\nQuestion: {{input}}' },
          [userInput(), input('ctx', 'array', ref(KB, 'results'))],
        ),
        promptEnd('{{r}}', { r: [L, 'output'] }),
      ],
      [edge(S, KB), edge(KB, L), edge(L, E)],
    );
    const flowId = await releasedFlow(t, w, proto);
    const res = await runChat(t, CHAT, w.caller, {
      flow_id: flowId,
      stream: true,
      parameters: { AGENT_USER_INPUT: 'is it open?' },
    });
    expect(outcome(res)).toEqual({ code: 0, text: 'From the docs: yes', message: '' });
    expect(openai.requests[0].prompt).toContain('chunk about is it open?');
    expect(res.chunks[res.chunks.length - 1].usage).toEqual(DEFAULT_USAGE);
  });

  it('/protocol/add refuses malformed settings (20100)', async () => {
    const cases: [Json, string][] = [
      [{ repoId: undefined }, 'nodeParam.repoId: field required'],
      [{ repoId: 'repo-a' }, 'nodeParam.repoId: must be a list of strings'],
      [{ docIds: 'doc-1' }, 'nodeParam.docIds: must be a list'],
      [{ score: 'high' }, 'nodeParam.score: must be a number'],
    ];
    for (const [param, detail] of cases) {
      const res = await t
        .http()
        .post('/workflow/v1/protocol/add')
        .send({ name: 'bad', app_id: w.tenant, data: kbFlow(param) });
      expect(res.body).toMatchObject({ code: 20100, message: `Node ${KB} ${detail}` });
    }
  });

  it('20500 for a refusal, a non-JSON answer and a dropped connection', async () => {
    const proto = kbFlow();
    const prefix = 'Knowledge base request error(Knowledge base POST request error: ';
    const cases: [KnowledgeReply, string][] = [
      [
        knowledgeRefused(10404, 'repo not found'),
        'err code 10404, reason repo not found, sid sid-err)',
      ],
      [{ raw: '<html>bad gateway', status: 502 }, 'HTTP 502, not a JSON body: <html>bad gateway)'],
    ];
    for (const [index, [reply, detail]] of cases.entries()) {
      service.script([reply]);
      expect(await debug(proto, index % 2 === 0)).toEqual({
        code: 20500,
        text: '',
        message: prefix + detail,
      });
    }
    service.script([{ drop: true }]);
    expect(await debug(proto)).toMatchObject({ code: 20500 });
  });

  it('20500 for a stalled service, within KNOWLEDGE_TIMEOUT_MS', async () => {
    service.script([{ stallMs: 10_000 }]);
    const started = Date.now();
    expect(await debug(kbFlow(), false)).toEqual({
      code: 20500,
      text: '',
      message:
        'Knowledge base request error(Knowledge base POST request error: no answer within 1500 ms)',
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a stall inside retryConfig.timeout ends with the fallback output (strategy 1)', async () => {
    service.script([{ stallMs: 10_000 }]);
    const proto = kbFlow(
      {},
      {
        retryConfig: {
          timeout: 0.5,
          shouldRetry: true,
          maxRetries: 0,
          errorStrategy: 1,
          customOutput: { results: [{ content: 'fallback' }] },
        },
      },
    );
    const started = Date.now();
    expect(await debug(proto, false)).toEqual({
      code: 0,
      text: JSON.stringify({ r: [{ content: 'fallback' }] }),
      message: '',
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('20501 for an accepted answer without results; 20601 for results of the wrong type', async () => {
    service.script([{ body: { code: 0, message: 'success', sid: 's', data: { count: 0 } } }]);
    expect(await debug(kbFlow())).toEqual({
      code: 20501,
      text: '',
      message: 'Knowledge base node execution error(knowledge answer has no results list)',
    });
    const strings = output('results', { type: 'array', items: { type: 'string' } });
    expect(await debug(kbFlow({}, { outputs: [strings] }), false)).toMatchObject({
      code: 20601,
    });
  });
});
