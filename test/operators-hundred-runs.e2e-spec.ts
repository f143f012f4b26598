import { OpenAiFixture } from './fixtures/openai-fixture';
import { parsePrometheus, seriesKey } from './helpers/prometheus-text';
import { CHAT, createApps, DEBUG_CHAT, releasedFlow, runChat, World } from './chat.helpers';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';
import {
  edge,
  END,
  llmNode,
  oneOptionQuestionFlow,
  openaiModel,
  promptEnd,
  protocol,
  START,
  start,
} from './llm/llm-flows';
import { RunRecorder } from '../src/modules/run/records/run-recorder.service';

// The operators' view after a hundred runs of mixed outcomes: the admin runs API lists each
// with its status, a failed run's trace names the failing node and its code, and /metrics
// counts the same runs (docs/operations.md, docs/api.md#run-records).

const TOKEN = 'admin-token-hundred';
const LLM = 'spark-llm::l';
const RUNS = 100;

type Kind = 'ok' | 'failed' | 'paused' | 'resumed' | 'debug';

/** run i's kind: a quarter each of success, failure, question and debug; every other question answered */
function kindOf(i: number): Kind {
  switch (i % 4) {
    case 0:
      return 'ok';
    case 1:
      return 'failed';
    case 2:
      return i % 8 === 2 ? 'resumed' : 'paused';
    default:
      return 'debug';
  }
}

describe('operators: a hundred runs of mixed outcomes', () => {
  const openai = new OpenAiFixture();
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    await openai.start();
    openai.script.add({ match: 'boom', httpStatus: 500, errorBody: { error: 'down' } });
    openai.script.add({ tokens: ['fine'] });
    t = await createTestApp({ RUNTIME_ENV: 'test', ADMIN_TOKEN: TOKEN });
    w = await createApps(t, uniqueAlias('hr'));
  });
  afterAll(async () => {
    await t?.close();
    await openai.close();
  });

  const runs = async (query: Record<string, string>) => {
    await t.app.get(RunRecorder).flush();
    const res = await t
      .http()
      .get('/workflow/v1/admin/runs')
      .query({ app_id: w.caller, page_size: '200', ...query })
      .set('Authorization', `Bearer ${TOKEN}`);
    expect(res.body.code).toBe(0);
    return res.body.data as {
      total: number;
      items: { run_id: string; status: string; mode: string; error: { code: number } | null }[];
    };
  };

  it('lists every run with its status and counts them in /metrics', async () => {
    const llm = await releasedFlow(
      t,
      w,
      protocol(
        [
          start(),
          llmNode('l', openaiModel(openai.chatUrl), {}),
          promptEnd('{{o}}', { o: [LLM, 'output'] }),
        ],
        [edge(START, LLM), edge(LLM, END)],
      ),
    );
    const question = await releasedFlow(t, w, oneOptionQuestionFlow());
    const expected = new Map<string, string>();
    let failCode = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const kind = kindOf(i);
      const flowId = kind === 'paused' || kind === 'resumed' ? question : llm;
      const text = kind === 'failed' ? 'boom' : `run ${i}`;
      const res = await runChat(t, kind === 'debug' ? DEBUG_CHAT : CHAT, w.caller, {
        flow_id: flowId,
        parameters: { AGENT_USER_INPUT: text },
      });
      const last = res.chunks[res.chunks.length - 1];
      if (kind === 'failed') failCode = last.code as number;
      if (kind === 'paused' || kind === 'resumed') {
        const eventId = (last.event_data as { event_id: string }).event_id;
        expected.set(eventId, kind === 'resumed' ? 'succeeded' : 'paused');
        if (kind === 'resumed') {
          const done = await runChat(t, '/workflow/v1/resume', undefined, {
            event_id: eventId,
            content: 'A',
          });
          expect(done.chunks.at(-1)).toMatchObject({ code: 0 });
        }
      }
    }
    expect(failCode).not.toBe(0);

    // the runs API: every run, each with its status
    const all = await runs({});
    expect(all.total).toBe(RUNS);
    const count = (status: string, mode?: string) =>
      all.items.filter((r) => r.status === status && (!mode || r.mode === mode)).length;
    expect({
      releaseSucceeded: count('succeeded', 'release'),
      debugSucceeded: count('succeeded', 'debug'),
      failed: count('failed'),
      paused: count('paused'),
    }).toEqual({ releaseSucceeded: 25 + 13, debugSucceeded: 25, failed: 25, paused: 12 });
    for (const [eventId, status] of expected) {
      expect(all.items.find((r) => r.run_id === eventId)?.status).toBe(status);
    }
    expect((await runs({ status: 'failed' })).total).toBe(25);

    // a failed run's trace names the failing node and its code
    const failed = all.items.find((r) => r.status === 'failed')!;
    expect(failed.error?.code).toBe(failCode);
    const trace = await t
      .http()
      .get(`/workflow/v1/admin/runs/${failed.run_id}`)
      .set('Authorization', `Bearer ${TOKEN}`);
    const failing = (
      trace.body.data.nodes as { node_id: string; error: { code: number } | null }[]
    ).find((n) => n.error);
    expect(failing).toMatchObject({ node_id: LLM, error: { code: failCode } });

    // /metrics counts the same runs (a question counts as paused, then as its final outcome)
    const metrics = parsePrometheus((await t.http().get('/metrics')).text);
    const value = (name: string, labels: Record<string, string> = {}) =>
      metrics.get(seriesKey(name, labels)) ?? 0;
    expect({
      succeeded: value('astron_runs_total', { mode: 'release', outcome: 'succeeded' }),
      failed: value('astron_runs_total', { mode: 'release', outcome: 'failed' }),
      paused: value('astron_runs_total', { mode: 'release', outcome: 'paused' }),
      debug: value('astron_runs_total', { mode: 'debug', outcome: 'succeeded' }),
      waiting: value('astron_paused_runs'),
    }).toEqual({ succeeded: 38, failed: 25, paused: 25, debug: 25, waiting: 12 });
    expect(
      value('astron_node_failures_total', { node_type: 'spark-llm', code: String(failCode) }),
    ).toBe(25);
  }, 120_000);
});
