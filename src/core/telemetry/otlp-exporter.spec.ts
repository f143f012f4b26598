import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OtlpTraceExporter } from './otlp-exporter';
import { Tracer, type FinishedSpan } from './tracer';

// The exporter against a loopback collector: batching by size and time, shutdown flush, the
// JSON encoding, and a failing collector costing one warning per dropped batch.

interface Posted {
  path: string;
  body: {
    resourceSpans: {
      resource: { attributes: unknown[] };
      scopeSpans: { scope: { name: string }; spans: Record<string, unknown>[] }[];
    }[];
  };
}

describe('OtlpTraceExporter', () => {
  let server: Server;
  let endpoint: string;
  let status = 200;
  const posts: Posted[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString('utf8')));
      req.on('end', () => {
        posts.push({ path: req.url ?? '', body: JSON.parse(text) as Posted['body'] });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    posts.length = 0;
    status = 200;
  });

  const span = (name: string): FinishedSpan => ({
    traceId: 'a'.repeat(32),
    spanId: 'b'.repeat(16),
    parentSpanId: 'c'.repeat(16),
    name,
    kind: 'server',
    startNs: 1_700_000_000_000_000_001n,
    endNs: 1_700_000_000_500_000_000n,
    attributes: { 'workflow.flow_id': '7', 'workflow.code': 20100, ok: true, ratio: 0.5 },
    status: { ok: false, message: 'boom' },
  });
  const spans = () => posts.flatMap((p) => p.body.resourceSpans[0].scopeSpans[0].spans);

  it('posts a full batch at once and encodes ExportTraceServiceRequest JSON', async () => {
    const warn = jest.fn();
    const exporter = new OtlpTraceExporter({
      endpoint,
      serviceName: 'svc',
      warn,
      maxBatch: 2,
      flushIntervalMs: 60_000,
    });
    exporter.add(span('one'));
    exporter.add(span('two'));
    exporter.add(span('three'));
    await exporter.shutdown();
    expect(posts.map((p) => p.path)).toEqual(['/v1/traces', '/v1/traces']);
    expect(spans().map((s) => s.name)).toEqual(['one', 'two', 'three']);
    expect(posts[0].body.resourceSpans[0].resource.attributes).toEqual([
      { key: 'service.name', value: { stringValue: 'svc' } },
    ]);
    expect(spans()[0]).toEqual({
      traceId: 'a'.repeat(32),
      spanId: 'b'.repeat(16),
      parentSpanId: 'c'.repeat(16),
      name: 'one',
      kind: 2,
      startTimeUnixNano: '1700000000000000001',
      endTimeUnixNano: '1700000000500000000',
      attributes: [
        { key: 'workflow.flow_id', value: { stringValue: '7' } },
        { key: 'workflow.code', value: { intValue: '20100' } },
        { key: 'ok', value: { boolValue: true } },
        { key: 'ratio', value: { doubleValue: 0.5 } },
      ],
      status: { code: 2, message: 'boom' },
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('flushes on its timer', async () => {
    const exporter = new OtlpTraceExporter({
      endpoint,
      serviceName: 'svc',
      warn: jest.fn(),
      flushIntervalMs: 20,
    });
    exporter.add(span('timed'));
    for (let i = 0; i < 50 && posts.length === 0; i += 1) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(spans().map((s) => s.name)).toEqual(['timed']);
    await exporter.shutdown();
  });

  it('drops a batch the collector refuses with one warning, and one for an unreachable one', async () => {
    status = 503;
    const warn = jest.fn();
    const exporter = new OtlpTraceExporter({ endpoint, serviceName: 'svc', warn });
    exporter.add(span('lost'));
    exporter.add(span('lost too'));
    await exporter.shutdown();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/2 spans dropped: Error: HTTP 503/);

    const nowhere = jest.fn();
    const dead = new OtlpTraceExporter({
      endpoint: 'http://127.0.0.1:9',
      serviceName: 'svc',
      warn: nowhere,
    });
    dead.add(span('x'));
    await expect(dead.shutdown()).resolves.toBeUndefined();
    expect(nowhere).toHaveBeenCalledTimes(1);
  });

  it('feeds a tracer: child spans share the trace and name their parent', () => {
    const finished: FinishedSpan[] = [];
    const tracer = new Tracer((s) => finished.push(s));
    const parent = { traceId: 'd'.repeat(32), spanId: 'e'.repeat(16) };
    const run = tracer.start('run', { parent, kind: 'server' });
    tracer.start('node', { parent: run.context }).end({ ok: true });
    run.end();
    run.end();
    expect(finished.map((s) => [s.name, s.traceId, s.parentSpanId])).toEqual([
      ['node', parent.traceId, run.context.spanId],
      ['run', parent.traceId, parent.spanId],
    ]);
    expect(new Tracer().enabled).toBe(false);
  });
});
