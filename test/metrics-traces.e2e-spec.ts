import type { AddressInfo } from 'node:net';
import { OpenAiFixture } from './fixtures/openai-fixture';
import { attributeOf, OtlpReceiver, type ReceivedSpan } from './fixtures/otlp-receiver';
import { multipart } from './fixtures/upload-samples';
import {
  addFlow,
  answerOf,
  CHAT,
  createApps,
  DEBUG_CHAT,
  Json,
  releasedFlow,
  runChat,
  World,
} from './chat.helpers';
import { parsePrometheus, seriesKey } from './helpers/prometheus-text';
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

// GET /metrics and the OTLP traces (docs/operations.md) after a known mix of runs: the counters
// must say exactly what happened, and every run must arrive as one trace.

const TOKEN = 'metrics-token-0123';
const LLM = 'spark-llm::l';
const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

describe('metrics and traces', () => {
  const openai = new OpenAiFixture();
  const collector = new OtlpReceiver();
  let t: TestApp;
  let w: World;
  let base: string;

  beforeAll(async () => {
    await openai.start();
    await collector.start();
    t = await createTestApp({
      RUNTIME_ENV: 'test',
      METRICS_TOKEN: TOKEN,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_SERVICE_NAME: 'wf-under-test',
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    w = await createApps(t, uniqueAlias(''));
  });
  afterAll(async () => {
    await t.close();
    await collector.close();
    await openai.close();
  });

  const llmFlow = () =>
    protocol(
      [
        start(),
        llmNode('l', openaiModel(openai.chatUrl), {}),
        promptEnd('{{o}}', { o: [LLM, 'output'] }),
      ],
      [edge(START, LLM), edge(LLM, END)],
    );

  const scrape = async (): Promise<Map<string, number>> => {
    const res = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return parsePrometheus(await res.text());
  };
  const value = (series: Map<string, number>, name: string, labels?: Record<string, string>) =>
    series.get(seriesKey(name, labels)) ?? 0;
  const until = async (check: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 100; i += 1) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  it('is plain text outside the API, behind METRICS_TOKEN, not in the API docs', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${base}/metrics`, { headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const series = await scrape();
    expect(value(series, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(series.has(seriesKey('astron_sandbox_idle', { language: 'python' }))).toBe(true);
    const doc = (await t.http().get('/openapi.json')).body as { paths: Json };
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
  });

  it('needs no request signature under AUTH_MODE=signature (METRICS_TOKEN guards it)', async () => {
    const signed = await createTestApp({ AUTH_MODE: 'signature' });
    try {
      const res = await signed.http().get('/metrics');
      expect(res.status).toBe(200);
      expect(res.text).toContain('astron_runs_total');
      expect((await signed.http().post(CHAT).send({})).status).toBe(401);
    } finally {
      await signed.close();
    }
  });

  it('shows the sandbox pools: one cold start, then an idle sandbox', async () => {
    const js = { language: 'javascript' };
    const before = await scrape();
    expect(value(before, 'astron_sandbox_cold_starts_total', js)).toBe(0);
    const res = await t.http().post('/workflow/v1/code/run').send({
      code: 'function main() { return 1 }',
      variables: [],
      app_id: 'app1',
      uid: 'user1',
      code_language: 'javascript',
    });
    expect(res.body.code).toBe(0);
    await until(async () => value(await scrape(), 'astron_sandbox_idle', js) === 1, 'idle');
    const after = await scrape();
    expect(value(after, 'astron_sandbox_cold_starts_total', js)).toBe(1);
    expect(value(after, 'astron_sandbox_busy', js)).toBe(0);
    expect(value(after, 'astron_sandbox_cold_starts_total', { language: 'python' })).toBe(0);
  });

  it('counts runs, nodes, tokens and requests exactly, and sends one trace per run', async () => {
    openai.script.add({ match: 'boom', httpStatus: 500, errorBody: { error: 'down' } });
    openai.script.add({ match: 'slow', tokens: ['first', 'never'], hangAfter: 1 });
    openai.script.add({ tokens: ['fine'] });
    const llm = await releasedFlow(t, w, llmFlow());
    const question = await releasedFlow(t, w, oneOptionQuestionFlow());
    const draft = await addFlow(t, w.tenant, llmFlow());
    const chat = (flowId: string, input: string, path = CHAT) =>
      runChat(t, path, w.caller, { flow_id: flowId, parameters: { AGENT_USER_INPUT: input } });

    // succeeded, with the caller's trace context
    const traced = await fetch(`${base}${CHAT}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Consumer-Username': w.caller,
        traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01`,
      },
      body: JSON.stringify({ flow_id: llm, parameters: { AGENT_USER_INPUT: 'hi' }, stream: true }),
    });
    expect(await traced.text()).toContain('fine');
    // failed at the model node
    const failed = await chat(llm, 'boom');
    const failCode = failed.chunks[failed.chunks.length - 1].code as number;
    expect(failCode).not.toBe(0);
    // paused at the question
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
    // debug view of the draft
    expect((await chat(draft, 'hey', DEBUG_CHAT)).raw).toContain('fine');
    // an upload and an unknown path
    const upload = multipart([{ name: 'file', filename: 'a.txt', content: Buffer.from('12345') }]);
    const stored = await t
      .http()
      .post('/workflow/v1/upload_file')
      .set('Content-Type', upload.contentType)
      .set('X-Consumer-Username', w.caller)
      .send(upload.body);
    expect(stored.body.code).toBe(0);
    await t.http().get('/no/such/path/123');

    await until(
      async () =>
        value(await scrape(), 'astron_runs_total', { mode: 'release', outcome: 'cancelled' }) === 1,
      'the cancelled run',
    );
    const m = await scrape();
    const runs = (mode: string, outcome: string) =>
      value(m, 'astron_runs_total', { mode, outcome });
    expect([
      runs('release', 'succeeded'),
      runs('release', 'failed'),
      runs('release', 'paused'),
      runs('release', 'cancelled'),
      runs('debug', 'succeeded'),
      runs('debug', 'failed'),
    ]).toEqual([1, 1, 1, 1, 1, 0]);
    expect(
      value(m, 'astron_run_duration_seconds_count', { mode: 'release', outcome: 'failed' }),
    ).toBe(1);
    expect(value(m, 'astron_live_runs', { mode: 'release' })).toBe(0);
    expect(value(m, 'astron_live_runs', { mode: 'debug' })).toBe(0);
    expect(value(m, 'astron_paused_runs')).toBe(1);
    expect(value(m, 'astron_live_streams')).toBe(0);

    const nodes = (type: string) =>
      value(m, 'astron_node_duration_seconds_count', { node_type: type });
    // start: every run; model: succeeded, failed, debug (the cancelled one never ended);
    // end: succeeded and debug; the question has not ended yet
    expect([
      nodes('node-start'),
      nodes('spark-llm'),
      nodes('node-end'),
      nodes('question-answer'),
    ]).toEqual([5, 3, 2, 0]);
    expect(
      value(m, 'astron_node_failures_total', { node_type: 'spark-llm', code: String(failCode) }),
    ).toBe(1);
    expect(
      value(m, 'astron_model_time_to_first_token_seconds_count', { node_type: 'spark-llm' }),
    ).toBe(3);
    expect(value(m, 'astron_model_tokens_total', { node_type: 'spark-llm', kind: 'prompt' })).toBe(
      20,
    );
    expect(
      value(m, 'astron_model_tokens_total', { node_type: 'spark-llm', kind: 'completion' }),
    ).toBe(10);
    expect(value(m, 'astron_upload_bytes_total')).toBe(5);

    const requests = (route: string, code: string) =>
      value(m, 'astron_http_requests_total', { method: 'POST', route, status: '200', code });
    expect(requests(CHAT, '0')).toBe(3);
    expect(requests(CHAT, String(failCode))).toBe(1);
    expect(requests(DEBUG_CHAT, '0')).toBe(1);
    expect(
      value(m, 'astron_http_requests_total', {
        method: 'GET',
        route: 'unmatched',
        status: '404',
        code: '',
      }),
    ).toBe(1);
    expect([...m.keys()].some((key) => key.includes('/no/such/path'))).toBe(false);
    expect(
      value(m, 'astron_http_request_duration_seconds_count', { method: 'POST', route: CHAT }),
    ).toBe(4);

    // the answer ends the paused run: it is no longer paused, and succeeded
    const resumed = await runChat(t, '/workflow/v1/resume', undefined, {
      event_id: eventId,
      event_type: 'resume',
      content: 'A',
    });
    expect(answerOf(resumed.chunks)).toBe('You chose Small');
    const after = await scrape();
    expect(value(after, 'astron_paused_runs')).toBe(0);
    expect(value(after, 'astron_runs_total', { mode: 'release', outcome: 'succeeded' })).toBe(2);

    // traces: one per run (5), each with one run span; node spans under it
    await until(async () => runSpans().length === 5, 'five run spans');
    const exports = collector.exports;
    expect(exports[0]).toMatchObject({ path: '/v1/traces', serviceName: 'wf-under-test' });
    expect(exports[0].contentType).toMatch(/^application\/json/);
    for (const span of collector.spans) {
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(span.startTimeUnixNano).toMatch(/^\d{19}$/);
      expect(BigInt(span.endTimeUnixNano) >= BigInt(span.startTimeUnixNano)).toBe(true);
    }
    const traces = new Set(runSpans().map((s) => s.traceId));
    expect(traces.size).toBe(5);

    const tracedRun = runSpans().find((s) => s.traceId === CALLER_TRACE)!;
    expect(tracedRun).toMatchObject({ parentSpanId: CALLER_SPAN, kind: 2, status: { code: 1 } });
    expect(attributeOf(tracedRun, 'workflow.flow_id')).toBe(llm);
    expect(attributeOf(tracedRun, 'workflow.app_id')).toBe(w.caller);
    expect(attributeOf(tracedRun, 'workflow.mode')).toBe('release');
    expect(attributeOf(tracedRun, 'workflow.event_id')).toMatch(/^[0-9a-f]{32}$/);
    expect(nodeSpansOf(tracedRun).map((s) => attributeOf(s, 'workflow.node.type'))).toEqual([
      'node-start',
      'spark-llm',
      'node-end',
    ]);

    const failedRun = runSpans().find((s) => attributeOf(s, 'workflow.code') === String(failCode))!;
    expect(failedRun.status.code).toBe(2);
    expect(failedRun.parentSpanId).toBeUndefined();
    const failedModel = nodeSpansOf(failedRun).find((s) => s.name === 'workflow.node spark-llm')!;
    expect(failedModel.status.code).toBe(2);
    expect(attributeOf(failedModel, 'workflow.node.id')).toBe(LLM);

    const questionRun = runSpans().find((s) => attributeOf(s, 'workflow.flow_id') === question)!;
    expect(nodeSpansOf(questionRun).map((s) => attributeOf(s, 'workflow.node.type'))).toEqual([
      'node-start',
      'question-answer',
      'message',
      'node-end',
    ]);
    const cancelledRun = runSpans().find(
      (s) => attributeOf(s, 'workflow.outcome') === 'cancelled',
    )!;
    expect(nodeSpansOf(cancelledRun).map((s) => s.name)).toEqual(['workflow.node node-start']);
    const debugRun = runSpans().find((s) => attributeOf(s, 'workflow.mode') === 'debug')!;
    expect(nodeSpansOf(debugRun)).toHaveLength(3);
  });

  const runSpans = () => collector.spans.filter((s) => s.name === 'workflow.run');
  /** the run's node spans in the order they ended */
  const nodeSpansOf = (run: ReceivedSpan) =>
    collector.spans
      .filter((s) => s.parentSpanId === run.spanId && s.traceId === run.traceId)
      .sort((a, b) => (BigInt(a.endTimeUnixNano) < BigInt(b.endTimeUnixNano) ? -1 : 1));
});
