import {
  addFlow,
  CHAT,
  createApps,
  DEBUG_CHAT,
  nodeTrace,
  outcome,
  releasedFlow,
  runChat,
  type Json,
  type World,
} from './chat.helpers';
import { AGENT_USAGE, AgentServiceFixture } from './fixtures/agent-service.fixture';
import { DEFAULT_USAGE } from './fixtures/fixture-script';
import { KnowledgeProFixture, PRO_USAGE } from './fixtures/knowledge-pro.fixture';
import { KnowledgeServiceFixture } from './fixtures/knowledge-service.fixture';
import { OpenAiFixture } from './fixtures/openai-fixture';
import { openStream } from './helpers/held-stream';
import { KB } from './helpers/knowledge-flow-dsl';
import { kitchenSinkProtocol, SINK } from './helpers/kitchen-sink-dsl';
import {
  branchToKnowledgeOrAgentFlow,
  consoleKnowledgeFlow,
  consoleKnowledgeProFlow,
  knowledgeLlmAgentFlow,
  MIX,
} from './helpers/mix-flow-dsl';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// The integration nodes together, in flows shaped as the astron console saves them
// (docs/nodes.md#node-reference): knowledge → LLM → agent → end through every run route and
// mode, the agent's answer streamed token by token, and a flow holding every node type of the
// catalog accepted by /protocol/add and /protocol/build.

const QUESTION = 'is it open?';
const LLM_ANSWER = 'From the docs: yes';
const MIXED_USAGE = {
  prompt_tokens: DEFAULT_USAGE.prompt_tokens + AGENT_USAGE.prompt_tokens,
  completion_tokens: DEFAULT_USAGE.completion_tokens + AGENT_USAGE.completion_tokens,
  total_tokens: DEFAULT_USAGE.total_tokens + AGENT_USAGE.total_tokens,
};

const contentOf = (frame: Json) =>
  (frame.choices as { delta: { content?: string } }[])[0]?.delta.content ?? '';
const contentFrames = (frames: Json[]) => frames.filter((f) => contentOf(f));

describe('integration nodes together (console-shaped DSL)', () => {
  const knowledge = new KnowledgeServiceFixture();
  const knowledgePro = new KnowledgeProFixture();
  const agent = new AgentServiceFixture();
  const openai = new OpenAiFixture();
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    await Promise.all([knowledge.start(), knowledgePro.start(), agent.start(), openai.start()]);
    t = await createTestApp({
      RUNTIME_ENV: 'test',
      KNOWLEDGE_BASE_URL: `${knowledge.baseUrl}/`,
      KNOWLEDGE_PRO_BASE_URL: knowledgePro.baseUrl,
      AGENT_BASE_URL: `${agent.baseUrl}/`,
    });
    w = await createApps(t, uniqueAlias(''));
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([knowledge.close(), knowledgePro.close(), agent.close(), openai.close()]);
  });
  beforeEach(() => {
    knowledge.script();
    knowledgePro.script();
    agent.script();
    openai.reset();
    // the LLM answers only when the knowledge chunk reached its prompt
    openai.script.add({ match: `chunk about ${QUESTION}`, tokens: ['From the docs', ': yes'] });
  });

  /** What each service was asked during one run of the mixed flow. */
  function expectMixedRequests(): void {
    expect(knowledge.calls.map((c) => c.body.query)).toEqual([QUESTION]);
    expect(openai.requests).toHaveLength(1);
    // the chunks reach the prompt by the template display rule (docs/engine.md#templates)
    expect(openai.requests[0].prompt).toBe(
      `Context: [{'score': 0.9, 'docId': 'doc-1', 'content': 'chunk about ${QUESTION}', ` +
        `'references': {}}]\nQuestion: ${QUESTION}`,
    );
    expect(agent.calls).toHaveLength(1);
    expect(agent.calls[0].body.messages).toEqual([{ role: 'user', content: LLM_ANSWER }]);
  }

  it('knowledge → LLM → agent → end: debug and released, stream and not', async () => {
    const proto = knowledgeLlmAgentFlow(openai.chatUrl);
    const debugId = await addFlow(t, w.tenant, proto);
    await expectBuilds(debugId);
    const releasedId = await releasedFlow(t, w, proto);
    for (const [path, flowId] of [
      [DEBUG_CHAT, debugId],
      [CHAT, releasedId],
    ]) {
      for (const stream of [true, false]) {
        knowledge.script();
        agent.script();
        openai.requests.length = 0;
        const res = await runChat(t, path, w.caller, {
          flow_id: flowId,
          uid: 'runner1',
          stream,
          parameters: { AGENT_USER_INPUT: QUESTION },
        });
        const where = `${path} stream=${stream}`;
        expect({ where, ...outcome(res) }).toEqual({
          where,
          code: 0,
          text: `agent: ${LLM_ANSWER}`,
          message: '',
        });
        expect(res.chunks[res.chunks.length - 1].usage).toEqual(MIXED_USAGE);
        expectMixedRequests();
        if (stream) {
          // the answer arrives in the agent's pieces, not in one frame
          expect(contentFrames(res.chunks).map(contentOf)).toEqual(['agent: ', LLM_ANSWER]);
        }
        if (path === DEBUG_CHAT && stream) expectDebugFrames(res.chunks);
        if (path === CHAT) expectReleaseFrames(res.chunks, stream);
      }
    }
  });

  /** POST /protocol/build answers only its end-of-stream frame for a flow that builds. */
  async function expectBuilds(flowId: string): Promise<void> {
    const build = await t.http().post(`/workflow/v1/protocol/build/${flowId}`).expect(200);
    expect(build.text).toMatch(/^data: \{"end_of_stream":true,"sid":"[^"]+"\}\n\n$/);
  }

  /** Release view (docs/api.md#release-view): no node info, numbered frames, one stop frame. */
  function expectReleaseFrames(frames: Json[], stream: boolean): void {
    const steps = frames.map((f) => f.workflow_step as Json | undefined);
    if (!stream) {
      expect(frames).toHaveLength(1);
      expect(steps[0]).toBeUndefined();
      expect(frames[0]).toMatchObject({ code: 0, message: 'Success' });
      return;
    }
    expect(steps.every((step) => step && !('node' in step))).toBe(true);
    expect(steps.map((step) => step!.seq)).toEqual(frames.map((_, index) => index + 1));
    const progress = steps.map((step) => step!.progress as number);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    const finishes = frames.map((f) => (f.choices as Json[])[0].finish_reason);
    expect(finishes.filter(Boolean)).toEqual(['stop']);
    expect(finishes[finishes.length - 1]).toBe('stop');
  }

  /** Debug frames: every node starts and ends in graph order; the run frame closes the stream. */
  function expectDebugFrames(frames: Json[]): void {
    const trace = nodeTrace(frames);
    expect(trace[0]).toBe('flow:start');
    expect(trace[trace.length - 1]).toBe('flow:end');
    const ends = [MIX.start, KB, MIX.llm, MIX.agent, MIX.end].map((id) =>
      trace.indexOf(`${id}:end`),
    );
    expect(ends.every((index) => index > 0)).toBe(true);
    expect([...ends].sort((a, b) => a - b)).toEqual(ends);
    for (const id of [KB, MIX.llm, MIX.agent]) {
      expect(trace.indexOf(`${id}:start`)).toBeLessThan(trace.indexOf(`${id}:end`));
    }
    const nodeEnd = (id: string) =>
      (
        frames.find((f) => {
          const n = (f.workflow_step as { node?: { id: string; finish_reason?: string } }).node;
          return n?.id === id && n.finish_reason;
        })!.workflow_step as { node: Json }
      ).node;
    expect(nodeEnd(MIX.llm)).toMatchObject({
      outputs: { output: LLM_ANSWER },
      usage: DEFAULT_USAGE,
    });
    expect(nodeEnd(MIX.agent)).toMatchObject({
      inputs: { input: LLM_ANSWER },
      outputs: { output: `agent: ${LLM_ANSWER}`, REASONING_CONTENT: '' },
      usage: AGENT_USAGE,
    });
  }

  it('streams the agent answer token by token, before the agent service ends its stream', async () => {
    const proto = knowledgeLlmAgentFlow(openai.chatUrl);
    for (const [path, flowId] of [
      [DEBUG_CHAT, await addFlow(t, w.tenant, proto)],
      [CHAT, await releasedFlow(t, w, proto)],
    ]) {
      knowledge.script();
      openai.requests.length = 0;
      let release!: () => void;
      const hold = new Promise<void>((resolve) => (release = resolve));
      agent.script({ tokens: ['one ', 'two ', 'three'], delayMs: 20, hold });
      const stream = await openStream(t, path, w.caller, {
        flow_id: flowId,
        stream: true,
        parameters: { AGENT_USER_INPUT: QUESTION },
      });
      const early = await stream.readUntil((frames) => contentFrames(frames).length >= 3);
      // three pieces reached the client while the agent's stream is still open
      expect(agent.finished).toBe(0);
      expect(contentFrames(early).map(contentOf)).toEqual(['one ', 'two ', 'three']);
      release();
      const frames = await stream.readAll();
      expect(agent.finished).toBe(1);
      expect(frames[frames.length - 1]).toMatchObject({ code: 0, usage: MIXED_USAGE });
      expectMixedRequests();
    }
  });

  it('console-shaped knowledge-base and knowledge-pro-base flows: debug and released, stream and not', async () => {
    const kbResults = (query: string) =>
      JSON.stringify({
        r: [{ score: 0.9, docId: 'doc-1', content: `chunk about ${query}`, references: {} }],
      });
    // each run sends the console's settings to its service, once
    const sentKnowledge = () => {
      expect(knowledge.calls.map((c) => c.body)).toEqual([
        expect.objectContaining({
          query: QUESTION,
          topN: '3',
          ragType: 'CBG-RAG',
          match: expect.objectContaining({ repoId: ['repo-a', 'repo-b'], threshold: 0.2 }),
        }),
      ]);
    };
    const sentKnowledgePro = () => {
      expect(knowledgePro.calls.map((c) => c.body)).toEqual([
        expect.objectContaining({
          prompt: 'You answer from the documents.',
          rag: expect.objectContaining({ repo_id: ['repo-a'] }),
          messages: [{ role: 'user', content: QUESTION }],
        }),
      ]);
    };
    const cases: [Json, string, Json | undefined, () => void][] = [
      [consoleKnowledgeFlow(), kbResults(QUESTION), undefined, sentKnowledge],
      [consoleKnowledgeProFlow(), 'Answer to ' + QUESTION, PRO_USAGE, sentKnowledgePro],
    ];
    for (const [proto, text, usage, sent] of cases) {
      const debugId = await addFlow(t, w.tenant, proto);
      await expectBuilds(debugId);
      const ids = [
        [DEBUG_CHAT, debugId],
        [CHAT, await releasedFlow(t, w, proto)],
      ];
      for (const [path, flowId] of ids) {
        for (const stream of [true, false]) {
          knowledge.script();
          knowledgePro.script();
          const res = await runChat(t, path, w.caller, {
            flow_id: flowId,
            stream,
            parameters: { AGENT_USER_INPUT: QUESTION },
          });
          expect(outcome(res)).toEqual({ code: 0, text, message: '' });
          if (usage) expect(res.chunks[res.chunks.length - 1].usage).toEqual(usage);
          sent();
        }
      }
    }
  });

  it('console branch handles route to knowledge-pro-base or to the agent', async () => {
    const flowId = await addFlow(t, w.tenant, branchToKnowledgeOrAgentFlow());
    await expectBuilds(flowId);
    const cases: [string, string, number, number][] = [
      ['the docs say?', 'Answer to the docs say?', 1, 0],
      ['hello', 'agent: hello', 0, 1],
    ];
    for (const [question, text, proCalls, agentCalls] of cases) {
      for (const stream of [true, false]) {
        knowledgePro.script();
        agent.script();
        const res = await runChat(t, DEBUG_CHAT, w.caller, {
          flow_id: flowId,
          stream,
          parameters: { AGENT_USER_INPUT: question },
        });
        expect(outcome(res)).toEqual({ code: 0, text, message: '' });
        expect([knowledgePro.calls.length, agent.calls.length]).toEqual([proCalls, agentCalls]);
      }
    }
  });

  describe('kitchen sink: every node type of the catalog, as the console saves it', () => {
    const CATALOG = [
      'node-start',
      'node-end',
      'message',
      'spark-llm',
      'decision-making',
      'if-else',
      'ifly-code',
      'iteration',
      'iteration-node-start',
      'iteration-node-end',
      'text-joiner',
      'extractor-parameter',
      'plugin',
      'knowledge-base',
      'knowledge-pro-base',
      'database',
      'flow',
      'agent',
      'question-answer',
      'node-variable',
      'rpa',
    ];

    const add = (proto: Json) =>
      t
        .http()
        .post('/workflow/v1/protocol/add')
        .send({ name: proto.name, app_id: w.tenant, data: proto });

    it('holds every type once', () => {
      const nodes = ((kitchenSinkProtocol().data as Json).nodes as Json[]).map(
        (n) => (n.id as string).split('::')[0],
      );
      expect([...nodes].sort()).toEqual([...CATALOG].sort());
    });

    it('/protocol/add and /protocol/build accept it (no 22101, no 20100)', async () => {
      const res = await add(kitchenSinkProtocol());
      expect(res.body).toMatchObject({ code: 0, message: 'success' });
      await expectBuilds((res.body.data as { flow_id: string }).flow_id);
    });

    it('each integration node in it is still checked: a broken setting is refused', async () => {
      const broken: [string, string, unknown, string][] = [
        [SINK.knowledge, 'repoId', 'repo-a', 'repoId'],
        [SINK.knowledgePro, 'topK', 7, 'topK'],
        [SINK.agent, 'maxLoopCount', 'many', 'maxLoopCount'],
        [SINK.rpa, 'projectId', undefined, 'projectId'],
      ];
      for (const [nodeId, key, value, detail] of broken) {
        const proto = kitchenSinkProtocol();
        const target = ((proto.data as Json).nodes as Json[]).find((n) => n.id === nodeId)!;
        const nodeParam = (target.data as Json).nodeParam as Json;
        if (value === undefined) delete nodeParam[key];
        else nodeParam[key] = value;
        const res = await add(proto);
        expect({ nodeId, code: res.body.code }).not.toEqual({ nodeId, code: 0 });
        expect(String(res.body.message)).toContain(detail);
      }
    });

    it('the same flow with a type outside the catalog is refused with 22101', async () => {
      const proto = kitchenSinkProtocol();
      const nodes = (proto.data as Json).nodes as Json[];
      const rpa = nodes.find((n) => n.id === SINK.rpa)!;
      rpa.id = (rpa.id as string).replace('rpa::', 'variable-aggregator::');
      const edges = (proto.data as Json).edges as Json[];
      for (const e of edges) {
        for (const key of ['source', 'target', 'sourceNodeId', 'targetNodeId']) {
          if (e[key] === SINK.rpa) e[key] = rpa.id;
        }
      }
      const res = await add(proto);
      expect(res.body.code).toBe(22101);
      expect(String(res.body.message)).toContain('variable-aggregator');
    });
  });
});
