import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createNodeHttpFetch } from './node-http-fetch';

// The OpenAI client's fetch against a loopback server: what the SDK relies on.

describe('node:http fetch', () => {
  let server: Server;
  let base: string;
  let handler: (url: string, body: string, res: ServerResponse) => void;
  const fetchImpl = createNodeHttpFetch();

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (piece: string) => (body += piece));
      req.on('end', () =>
        handler(req.url ?? '', `${req.method} ${req.headers['x-a']} ${body}`, res),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends method, headers and body; answers status, headers and a streamed body', async () => {
    handler = (_url, seen, res) => {
      res.writeHead(201, { 'x-b': 'two', 'content-type': 'text/plain' });
      res.write(`got ${seen};`);
      setTimeout(() => res.end('later'), 20);
    };
    const res = await fetchImpl(`${base}/x`, {
      method: 'POST',
      headers: new Headers({ 'x-a': 'one' }),
      body: 'payload',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-b')).toBe('two');
    expect(await res.text()).toBe('got POST one payload;later');
  });

  it('undoes gzip like fetch does, and gives no body for 204', async () => {
    handler = (url, _seen, res) => {
      if (url === '/empty') {
        res.writeHead(204).end();
        return;
      }
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('{"ok":true}'));
    };
    expect(await (await fetchImpl(`${base}/zip`)).json()).toEqual({ ok: true });
    const empty = await fetchImpl(`${base}/empty`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it('errors the body when the connection drops mid-stream, and rejects when none is made', async () => {
    handler = (_url, _seen, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const res = await fetchImpl(`${base}/drop`);
    await expect(res.text()).rejects.toThrow('terminated');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(fetchImpl(`http://127.0.0.1:${port}/`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('aborts: before the response with the reason, mid-body by erroring the stream', async () => {
    handler = (_url, _seen, res) => {
      res.writeHead(200);
      res.write('first');
    };
    const early = new AbortController();
    early.abort(new Error('gave up'));
    await expect(fetchImpl(`${base}/a`, { signal: early.signal })).rejects.toThrow('gave up');

    const late = new AbortController();
    const res = await fetchImpl(`${base}/b`, { signal: late.signal });
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first');
    late.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses what the SDK never sends rather than sending it wrong', async () => {
    await expect(fetchImpl('ftp://127.0.0.1/')).rejects.toThrow('unsupported protocol');
    await expect(fetchImpl(`${base}/`, { method: 'POST', body: new Blob(['x']) })).rejects.toThrow(
      'only string and byte bodies',
    );
  });
});
