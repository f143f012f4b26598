import type { AddressInfo } from 'node:net';
import { OpenAiFixture } from './fixtures/openai-fixture';
import {
  addFlow,
  answerOf,
  CHAT,
  createApps,
  DEBUG_CHAT,
  input,
  joinerNode,
  node,
  output,
  ref,
  releasedFlow,
  runChat,
  World,
} from './chat.helpers';
import { runRecordsApi } from './helpers/run-records-api';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';
import {
  edge,
  END,
  lit,
  llmNode,
  oneOptionQuestionFlow,
  openaiModel,
  promptEnd,
  protocol,
  START,
  start,
} from './llm/llm-flows';
import { RunRecorder } from '../src/modules/run/records/run-recorder.service';
import { RunRecordRetention } from '../src/modules/run/records/run-record-retention.service';

// Run records and the admin runs API (docs/api.md#run-records): after a mix of runs, each is
// listed with the status it ended in, its trace names its nodes, secrets never reach the
// table, big fields are cut, and the retention sweep deletes old runs.

const TOKEN = 'admin-token-records';
const LLM = 'spark-llm::l';
const JOINER = 'text-joiner::j';
const SECRET = 'sk-very-secret-value';
const DAY_MS = 24 * 3_600_000;

describe('run records (admin runs API)', () => {
  const openai = new OpenAiFixture();
  let t: TestApp;
  let w: World;
  let base: string;

  beforeAll(async () => {
    await openai.start();
    t = await createTestApp({ RUNTIME_ENV: 'test', ADMIN_TOKEN: TOKEN });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    w = await createApps(t, uniqueAlias(''));
  });
  afterAll(async () => {
    await t.close();
    await openai.close();
  });

  const api = () => runRecordsApi(t, TOKEN);
  const admin = (path: string, query: Record<string, string> = {}) => api().get(path, query);
  const list = (query: Record<string, string>) => api().list(query);
  const trace = (runId: string) => api().trace(runId);
  const until = async (check: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 100; i += 1) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  const llmFlow = () =>
    protocol(
      [
        start(),
        llmNode('l', openaiModel(openai.chatUrl), {}),
        promptEnd('{{o}}', { o: [LLM, 'output'] }),
      ],
      [edge(START, LLM), edge(LLM, END)],
    );
  // a node whose inputs carry a credential and whose output is far over 16 KiB
  const bigFlow = () =>
    protocol(
      [
        start(),
        joinerNode('j', '{{big}}{{big}}', [
          input('api_key', 'string', lit(SECRET)),
          input('big', 'string', lit('x'.repeat(12_000))),
        ]),
        promptEnd('done', {}),
      ],
      [edge(START, JOINER), edge(JOINER, END)],
    );

  it('answers 401 without the admin token and 404 for an unknown run', async () => {
    expect((await t.http().get('/workflow/v1/admin/runs')).status).toBe(401);
    const missing = await admin('/0b1f6c2e4a7d40c8b3e5f1a2c4d6e8f0');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe(404);
  });

  it('records an in-process sub-flow as a child of its parent run', async () => {
    const own = await createApps(t, uniqueAlias(''));
    const sub = await releasedFlow(
      t,
      own,
      protocol(
        [start(), promptEnd('Sub says {{a}}', { a: [START, 'AGENT_USER_INPUT'] })],
        [edge(START, END)],
      ),
    );
    const parent = await releasedFlow(
      t,
      own,
      protocol(
        [
          start(),
          node('flow::f', {
            inputs: [input('AGENT_USER_INPUT', 'string', ref(START, 'AGENT_USER_INPUT'))],
            outputs: [output('content', 'string')],
            nodeParam: { flowId: sub, appId: own.caller, uid: 'sub-user' },
          }),
          promptEnd('{{c}}', { c: ['flow::f', 'content'] }),
        ],
        [edge(START, 'flow::f'), edge('flow::f', END)],
      ),
    );
    const res = await runChat(t, CHAT, own.caller, {
      flow_id: parent,
      parameters: { AGENT_USER_INPUT: 'hi' },
    });
    expect(answerOf(res.chunks)).toBe('Sub says hi');
    const runs = (await list({ app_id: own.caller })).items;
    expect(runs).toHaveLength(2);
    const top = runs.find((run) => run.flow_id === parent)!;
    const child = runs.find((run) => run.flow_id === sub)!;
    expect(top).toMatchObject({ parent_run_id: null, status: 'succeeded' });
    expect(child).toMatchObject({
      parent_run_id: top.run_id,
      status: 'succeeded',
      uid: 'sub-user',
    });
    expect((await trace(child.run_id)).nodes.map((n) => n.node_id)).toEqual([START, END]);
    expect((await trace(top.run_id)).nodes.map((n) => n.node_id)).toEqual([START, 'flow::f', END]);
  });

  it('records a node debug as a debug run of the flow named in the body', async () => {
    const own = await createApps(t, uniqueAlias(''));
    const flowId = '7300000000000000042';
    const res = await t
      .http()
      .post('/workflow/v1/node/debug')
      .set('X-Consumer-Username', own.caller)
      .send({
        id: flowId,
        name: 'flow',
        data: { nodes: [joinerNode('j', '<{{x}}>', [input('x', 'string', lit('a'))])], edges: [] },
      });
    expect(res.body.code).toBe(0);
    const runs = (await list({ app_id: own.caller })).items;
    expect(runs).toMatchObject([{ flow_id: flowId, mode: 'debug', status: 'succeeded' }]);
    const nodes = (await trace(runs[0].run_id)).nodes;
    expect(nodes.find((n) => n.node_id === JOINER)).toMatchObject({
      inputs: { x: 'a' },
      outputs: { output: '<a>' },
      error: null,
    });
  });

  it('records every run with its outcome, trace, redaction, truncation; filters, pages, sweeps', async () => {
    openai.script.add({ match: 'boom', httpStatus: 500, errorBody: { error: 'down' } });
    openai.script.add({ match: 'slow', tokens: ['first', 'never'], hangAfter: 1 });
    openai.script.add({ tokens: ['fine'] });
    const llm = await releasedFlow(t, w, llmFlow());
    const question = await releasedFlow(t, w, oneOptionQuestionFlow());
    const big = await releasedFlow(t, w, bigFlow());
    const draft = await addFlow(t, w.tenant, llmFlow());
    const chat = (flowId: string, text: string, path = CHAT) =>
      runChat(t, path, w.caller, {
        flow_id: flowId,
        uid: 'u-records',
        parameters: { AGENT_USER_INPUT: text },
      });

    const ok = await chat(llm, 'hi');
    expect(answerOf(ok.chunks)).toBe('fine');
    const failed = await chat(llm, 'boom');
    const failCode = failed.chunks[failed.chunks.length - 1].code as number;
    expect(failCode).not.toBe(0);
    const paused = await chat(question, 'shirt');
    const eventId = (paused.chunks[paused.chunks.length - 1].event_data as { event_id: string })
      .event_id;
    // cancelled: the client leaves after the first answer text
    const leaving = new AbortController();
    const slow = await fetch(`${base}${CHAT}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Consumer-Username': w.caller },
      body: JSON.stringify({
        flow_id: llm,
        parameters: { AGENT_USER_INPUT: 'slow' },
        stream: true,
      }),
      signal: leaving.signal,
    });
    await slow.body!.getReader().read();
    leaving.abort();
    expect((await chat(draft, 'hey', DEBUG_CHAT)).raw).toContain('fine');
    expect((await chat(big, 'x')).chunks.at(-1)!.code).toBe(0);

    // the paused run is listed as paused under its event id
    const pausedRun = await trace(eventId);
    expect(pausedRun.status).toBe('paused');
    expect(pausedRun.flow_id).toBe(question);

    await until(
      async () => (await list({ app_id: w.caller, status: 'cancelled' })).total === 1,
      'the cancelled run',
    );
    const resumed = await runChat(t, '/workflow/v1/resume', undefined, {
      event_id: eventId,
      event_type: 'resume',
      content: 'A',
    });
    expect(answerOf(resumed.chunks)).toBe('You chose Small');
    await until(async () => (await trace(eventId)).status === 'succeeded', 'the resumed run');

    // every run, newest first, with the status it ended in
    const all = await list({ app_id: w.caller, page_size: '50' });
    expect(all.total).toBe(6);
    const starts = all.items.map((run) => Date.parse(run.started_at));
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
    const byFlow = (flowId: string, mode = 'release') =>
      all.items.filter((run) => run.flow_id === flowId && run.mode === mode);
    expect(
      byFlow(llm)
        .map((run) => run.status)
        .sort(),
    ).toEqual(['cancelled', 'failed', 'succeeded']);
    expect(byFlow(question).map((run) => run.status)).toEqual(['succeeded']);
    expect(byFlow(draft, 'debug').map((run) => run.status)).toEqual(['succeeded']);
    expect(byFlow(big).map((run) => run.status)).toEqual(['succeeded']);
    for (const run of all.items) {
      expect(run).toMatchObject({ app_id: w.caller, uid: expect.any(String) });
      expect(typeof run.run_id).toBe('string');
      expect(run.finished_at).not.toBeNull();
    }
    const succeeded = byFlow(llm).find((run) => run.status === 'succeeded')!;
    expect(succeeded.uid).toBe('u-records');
    expect(succeeded.sid).toEqual(expect.any(String));
    expect(succeeded.usage.total_tokens).toBeGreaterThan(0);
    expect(succeeded.error).toBeNull();

    // the failed run's trace names the failing node and its code, in start order
    const failedRun = byFlow(llm).find((run) => run.status === 'failed')!;
    expect(failedRun.error?.code).toBe(failCode);
    const failedTrace = await trace(failedRun.run_id);
    // the end node had started (waiting for the answer to stream) and never ended
    expect(failedTrace.nodes.map((n) => [n.node_id, n.finished_at === null])).toEqual([
      [START, false],
      [LLM, false],
      [END, true],
    ]);
    expect(failedTrace.nodes[1]).toMatchObject({
      node_type: 'spark-llm',
      error: { code: failCode },
    });
    expect(failedTrace.nodes[0]).toMatchObject({ node_type: 'node-start', error: null });
    expect(failedTrace.nodes[0].inputs).toEqual({ AGENT_USER_INPUT: 'boom' });

    // the cancelled run's model node was still running: no end
    const cancelled = byFlow(llm).find((run) => run.status === 'cancelled')!;
    const cancelledNodes = (await trace(cancelled.run_id)).nodes;
    expect(cancelledNodes.find((n) => n.node_id === LLM)?.finished_at).toBeNull();

    // secrets redacted, the big output cut to a marked preview
    const bigTrace = await trace(byFlow(big)[0].run_id);
    expect(JSON.stringify(bigTrace)).not.toContain(SECRET);
    const joiner = bigTrace.nodes.find((n) => n.node_id === JOINER)!;
    // inputs under the cap are kept whole, the credential redacted
    expect(joiner.inputs.api_key).toBe('[redacted]');
    expect(joiner.inputs.big === 'x'.repeat(12_000)).toBe(true);
    expect(joiner.outputs).toMatchObject({ truncated: true });
    expect(joiner.outputs.size as number).toBeGreaterThan(24_000);
    expect(String(joiner.outputs.preview).length).toBeLessThan(16 * 1024);

    // filters and paging
    expect((await list({ app_id: w.caller, status: 'failed' })).items.map((r) => r.run_id)).toEqual(
      [failedRun.run_id],
    );
    expect((await list({ flow_id: llm })).total).toBe(3);
    const page1 = await list({ app_id: w.caller, page: '1', page_size: '4' });
    const page2 = await list({ app_id: w.caller, page: '2', page_size: '4' });
    expect([page1.total, page1.items.length, page2.items.length]).toEqual([6, 4, 2]);
    expect([...page1.items, ...page2.items].map((r) => r.run_id)).toEqual(
      all.items.map((r) => r.run_id),
    );
    const future = new Date(Date.now() + DAY_MS).toISOString();
    expect((await list({ app_id: w.caller, since: future })).total).toBe(0);
    expect((await list({ app_id: w.caller, until: future })).total).toBe(6);
    expect((await admin('', { status: 'lost' })).body.code).toBe(460);
    expect((await admin('', { page_size: '500' })).body.code).toBe(460);

    // retention: nothing is 7 days old six days from now; eight days from now all is
    const retention = t.app.get(RunRecordRetention);
    expect(await retention.sweep(Date.now() + 6 * DAY_MS)).toBe(0);
    expect((await list({ app_id: w.caller })).total).toBe(6);
    expect(await retention.sweep(Date.now() + 8 * DAY_MS)).toBeGreaterThanOrEqual(6);
    expect((await list({ app_id: w.caller })).total).toBe(0);
    expect((await admin(`/${failedRun.run_id}`)).status).toBe(404);
  });
});

describe('run records switched off (RUN_RETENTION_DAYS=0)', () => {
  it('records nothing', async () => {
    const t = await createTestApp({
      RUNTIME_ENV: 'test',
      ADMIN_TOKEN: TOKEN,
      RUN_RETENTION_DAYS: '0',
    });
    try {
      const w = await createApps(t, uniqueAlias(''));
      const flow = protocol([start(), promptEnd('hello', {})], [edge(START, END)]);
      const flowId = await addFlow(t, w.tenant, flow);
      const run = await runChat(t, DEBUG_CHAT, w.caller, {
        flow_id: flowId,
        parameters: { AGENT_USER_INPUT: 'x' },
      });
      expect(run.status).toBe(200);
      await t.app.get(RunRecorder).flush();
      const res = await t
        .http()
        .get('/workflow/v1/admin/runs')
        .query({ app_id: w.caller })
        .set('Authorization', `Bearer ${TOKEN}`);
      expect(res.body.data).toMatchObject({ total: 0, items: [] });
    } finally {
      await t.close();
    }
  });
});
