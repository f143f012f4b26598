import { OpenAiFixture } from './fixtures/openai-fixture';
import {
  addFlow,
  answerOf,
  CHAT,
  createApps,
  DEBUG_CHAT,
  input,
  Json,
  node,
  nodeTrace,
  output,
  ref,
  releasedFlow,
  runChat,
  World,
} from './chat.helpers';
import { parsePrometheus, seriesKey } from './helpers/prometheus-text';
import { runRecordsApi } from './helpers/run-records-api';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';
import {
  edge,
  END,
  llmNode,
  openaiModel,
  promptEnd,
  protocol,
  START,
  start,
} from './llm/llm-flows';

// Retries in the run records' node trace (docs/api.md#run-records): a model node that fails
// twice and then answers is recorded with 2 retries and the failure behind them; one that never
// answers with every retry and its code; a sub-flow's retried node in the child run. Retries
// leave no frame: the streams are the same as those of runs whose model answered at once.

const TOKEN = 'admin-token-retries';
const METRICS_TOKEN = 'metrics-token-retries';
const LLM = 'spark-llm::l';
const SUB = 'flow::f';

/** A run's stream with what differs from run to run blanked out: its sid and the times. */
function comparable(res: { raw: string; chunks: Json[] }): string {
  const sid = JSON.stringify(res.chunks[0].id);
  return res.raw
    .split(`"id":${sid}`)
    .join('"id":"<sid>"')
    .replace(/"created":\d+/g, '"created":0')
    .replace(/"executed_time":[0-9.e-]+/g, '"executed_time":0');
}

describe('retries in run records (admin runs API)', () => {
  const openai = new OpenAiFixture();
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    await openai.start();
    t = await createTestApp({ RUNTIME_ENV: 'test', ADMIN_TOKEN: TOKEN, METRICS_TOKEN });
    w = await createApps(t, uniqueAlias(''));
  });
  afterAll(async () => {
    await t.close();
    await openai.close();
  });
  beforeEach(() => openai.reset());

  const api = () => runRecordsApi(t, TOKEN);
  const runsOfFlow = async (flowId: string) =>
    (await api().list({ flow_id: flowId, page_size: '50' })).items;
  const nodesOf = async (runId: string) => (await api().trace(runId)).nodes;
  /** the recorded run a stream belongs to: its record's sid is the frames' `id` */
  const runOf = async (flowId: string, chunks: Json[]) => {
    const run = (await runsOfFlow(flowId)).find((r) => r.sid === chunks[0].id);
    expect(run).toBeDefined();
    return run!;
  };
  const retriesMetric = async () => {
    const res = await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(res.status).toBe(200);
    const series = parsePrometheus(res.text);
    return series.get(seriesKey('astron_node_retries_total', { node_type: 'spark-llm' })) ?? 0;
  };

  const failModel = (times?: number) =>
    openai.script.add({
      httpStatus: 500,
      errorBody: { error: { message: 'model overloaded' } },
      times,
    });
  /** start → model node with error handling (up to 3 retries) → end streaming its answer */
  const retryFlow = (errorStrategy = 0) =>
    protocol(
      [
        start(),
        llmNode('l', openaiModel(openai.chatUrl), {}, undefined, [output('output', 'string')], {
          shouldRetry: true,
          maxRetries: 3,
          errorStrategy,
          customOutput: { output: 'fallback' },
          timeout: 30,
        }),
        promptEnd('{{o}}', { o: [LLM, 'output'] }),
      ],
      [edge(START, LLM), edge(LLM, END)],
    );
  const ask = (path: string, flowId: string) =>
    runChat(t, path, w.caller, { flow_id: flowId, parameters: { AGENT_USER_INPUT: 'hi' } });

  it('a node that fails twice then answers shows 2 retries and the failure; the streams are unchanged', async () => {
    const released = await releasedFlow(t, w, retryFlow());
    const draft = await addFlow(t, w.tenant, retryFlow());
    const metricBefore = await retriesMetric();

    const direct: Record<string, Awaited<ReturnType<typeof ask>>> = {};
    const retried: typeof direct = {};
    for (const [path, flowId] of [
      [CHAT, released],
      [DEBUG_CHAT, draft],
    ]) {
      openai.reset();
      openai.script.add({ tokens: ['fi', 'ne'] });
      direct[path] = await ask(path, flowId);
      openai.reset();
      failModel(2);
      openai.script.add({ tokens: ['fi', 'ne'] });
      retried[path] = await ask(path, flowId);
      expect(openai.requests).toHaveLength(3);
      expect(answerOf(retried[path].chunks)).toContain('fine');
      // no frame tells of the retries: the same frames, byte for byte but for sid and times
      expect(comparable(retried[path])).toBe(comparable(direct[path]));
    }
    // the debug view shows every node frame: one start and one end for the model node
    expect(nodeTrace(retried[DEBUG_CHAT].chunks).filter((id) => id.startsWith(LLM))).toEqual([
      `${LLM}:start`,
      `${LLM}:end`,
    ]);

    for (const [path, flowId] of [
      [CHAT, released],
      [DEBUG_CHAT, draft],
    ]) {
      const run = await runOf(flowId, retried[path].chunks);
      expect(run).toMatchObject({ status: 'succeeded', error: null });
      const nodes = await nodesOf(run.run_id);
      expect(nodes.map((n) => [n.node_id, n.retries])).toEqual([
        [START, 0],
        [LLM, 2],
        [END, 0],
      ]);
      const model = nodes[1];
      expect(model).toMatchObject({ error: null, outputs: { output: 'fine' } });
      expect(model.retry_error?.code).toEqual(expect.any(Number));
      expect(model.retry_error?.code).not.toBe(0);
      expect(model.retry_error?.message).toContain('model overloaded');
      expect(nodes[0].retry_error).toBeNull();

      const once = await runOf(flowId, direct[path].chunks);
      const onceModel = (await nodesOf(once.run_id)).find((n) => n.node_id === LLM)!;
      expect(onceModel).toMatchObject({ retries: 0, retry_error: null, error: null });
    }
    // every retry of the two runs, counted once each
    expect((await retriesMetric()) - metricBefore).toBe(4);
  });

  it('a node that exhausts its retries shows retries = maxRetries and its error code', async () => {
    const failing = await releasedFlow(t, w, retryFlow(0));
    failModel();
    const res = await ask(CHAT, failing);
    expect(openai.requests).toHaveLength(4);
    const last = res.chunks[res.chunks.length - 1];
    const failCode = last.code as number;
    expect(failCode).not.toBe(0);

    const run = await runOf(failing, res.chunks);
    expect(run).toMatchObject({ status: 'failed', error: { code: failCode } });
    const model = (await nodesOf(run.run_id)).find((n) => n.node_id === LLM)!;
    expect(model).toMatchObject({
      retries: 3,
      error: { code: failCode },
      retry_error: { code: failCode },
    });
    expect(model.finished_at).not.toBeNull();

    // with a custom output the node ends well after the same retries: the error is the retries'
    const handled = await releasedFlow(t, w, retryFlow(1));
    openai.reset();
    failModel();
    const fallback = await ask(CHAT, handled);
    expect(answerOf(fallback.chunks)).toBe('fallback');
    const handledRun = await runOf(handled, fallback.chunks);
    expect(handledRun.status).toBe('succeeded');
    const handledModel = (await nodesOf(handledRun.run_id)).find((n) => n.node_id === LLM)!;
    expect(handledModel).toMatchObject({
      retries: 3,
      error: null,
      retry_error: { code: failCode },
      outputs: { output: 'fallback' },
    });
  });

  it("records an in-process sub-flow's retries in the child run", async () => {
    const sub = await releasedFlow(t, w, retryFlow());
    const parent = await releasedFlow(
      t,
      w,
      protocol(
        [
          start(),
          node(SUB, {
            inputs: [input('AGENT_USER_INPUT', 'string', ref(START, 'AGENT_USER_INPUT'))],
            outputs: [output('content', 'string')],
            nodeParam: { flowId: sub, appId: w.caller, uid: 'sub-user' },
          }),
          promptEnd('{{c}}', { c: [SUB, 'content'] }),
        ],
        [edge(START, SUB), edge(SUB, END)],
      ),
    );
    failModel(1);
    openai.script.add({ tokens: ['from the sub-flow'] });
    const res = await ask(CHAT, parent);
    expect(answerOf(res.chunks)).toBe('from the sub-flow');

    const top = await runOf(parent, res.chunks);
    const child = (await runsOfFlow(sub)).find((r) => r.parent_run_id === top.run_id)!;
    expect(child.status).toBe('succeeded');
    const childModel = (await nodesOf(child.run_id)).find((n) => n.node_id === LLM)!;
    expect(childModel).toMatchObject({ retries: 1, error: null });
    expect(childModel.retry_error?.message).toContain('model overloaded');
    // the parent's flow node has no error handling of its own
    const parentNodes = await nodesOf(top.run_id);
    expect(parentNodes.map((n) => [n.node_id, n.retries])).toEqual([
      [START, 0],
      [SUB, 0],
      [END, 0],
    ]);
  });
});
