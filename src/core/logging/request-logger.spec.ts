import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { sidOf } from '../http/request-sid';
import { createRequestLogger } from './request-logger';
import { noteResponseCode } from './response-code';

// The request line through a real server: one line per request, with the sid the handler saw.

describe('request logger', () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  let n = 0;
  const logRequest = createRequestLogger(pino({ level: 'info' }, sink), () => `sid-${++n}`);
  const seen: string[] = [];
  let server: Server;
  let base = '';

  beforeAll(async () => {
    server = createServer((req, res) =>
      logRequest(req, res, () => {
        seen.push(sidOf(req));
        const coded = /^\/code\/(\d+)(\/unexpected)?$/.exec(req.url ?? '');
        if (coded) noteResponseCode(res, Number(coded[1]), coded[2] !== undefined);
        if (req.url === '/fail') res.writeHead(500).end();
        else if (req.url === '/hang') res.writeHead(200).write('partial');
        else res.end('ok');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

  it('mints the sid before the handler and logs one completed line', async () => {
    lines.length = 0;
    await (await fetch(`${base}/ok?x=1`)).text();
    await settle();
    expect(seen[seen.length - 1]).toMatch(/^sid-\d+$/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      sid: seen[seen.length - 1],
      req: { method: 'GET', url: '/ok?x=1' },
      res: { status: 200 },
      msg: 'request completed',
    });
    expect(typeof lines[0].duration_ms).toBe('number');
  });

  it('logs a 5xx as errored and a connection closed first as aborted', async () => {
    lines.length = 0;
    await (await fetch(`${base}/fail`)).text();
    const client = new AbortController();
    const response = await fetch(`${base}/hang`, { signal: client.signal });
    await response.body!.getReader().read();
    client.abort();
    await settle();
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [50, 'request errored'],
      [50, 'request aborted'],
    ]);
  });

  it('carries the business code: 0 at info, a caller error at warn, a service error at error', async () => {
    lines.length = 0;
    for (const path of ['/code/0', '/code/20201', '/code/20805', '/code/22301/unexpected', '/ok']) {
      await (await fetch(`${base}${path}`)).text();
    }
    await settle();
    expect(lines.map((line) => [line.level, line.code, line.msg])).toEqual([
      [30, 0, 'request completed'],
      [40, 20201, 'request failed'],
      [50, 20805, 'request errored'],
      [50, 22301, 'request errored'],
      [30, undefined, 'request completed'],
    ]);
  });
});
