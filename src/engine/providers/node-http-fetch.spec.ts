import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
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

  describe('kept-alive connections', () => {
    /** a server closing a connection unanswered on its `closeFrom`-th request (1: the first) */
    const closingServer = async (closeFrom: number) => {
      const connections: { socket: Socket; openedAt: number; closedAt?: number }[] = [];
      const served = new WeakMap<Socket, number>();
      const closing = createServer((req, res) => {
        const count = (served.get(req.socket) ?? 0) + 1;
        served.set(req.socket, count);
        if (count >= closeFrom) return void req.socket.destroy();
        req.resume().on('end', () => res.end('ok'));
      });
      closing.keepAliveTimeout = 2_000;
      closing.on('connection', (socket: Socket) => {
        const entry: (typeof connections)[number] = { socket, openedAt: Date.now() };
        connections.push(entry);
        socket.on('close', () => (entry.closedAt = Date.now()));
      });
      await new Promise<void>((resolve) => closing.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(closing.address() as AddressInfo).port}/`;
      const close = () => {
        closing.closeAllConnections();
        return new Promise((resolve) => closing.close(resolve));
      };
      return { url, connections, close };
    };

    it('sends a request again on a new connection when the server closed the reused one', async () => {
      const server = await closingServer(2);
      const own = createNodeHttpFetch();
      try {
        const post = async () => (await own(server.url, { method: 'POST', body: 'x' })).text();
        expect(await post()).toBe('ok');
        expect(await post()).toBe('ok');
        expect(server.connections).toHaveLength(2);
      } finally {
        await server.close();
      }
    });

    it('does not send again when a new connection fails', async () => {
      const server = await closingServer(1);
      const own = createNodeHttpFetch();
      try {
        await expect(own(server.url, { method: 'POST', body: 'x' })).rejects.toThrow(
          'socket hang up',
        );
        expect(server.connections).toHaveLength(1);
      } finally {
        await server.close();
      }
    });

    it("lets an idle connection go before the server's announced keep-alive timeout", async () => {
      const server = await closingServer(Infinity);
      const own = createNodeHttpFetch();
      try {
        const res = await own(server.url, { method: 'POST', body: 'x' });
        expect(res.headers.get('keep-alive')).toBe('timeout=2');
        await res.text();
        const [connection] = server.connections;
        await new Promise((resolve) => connection.socket.once('close', resolve));
        // announced 2 s: the client lets go 1 s before (the server would close at 2 s or later)
        expect(connection.closedAt! - connection.openedAt).toBeLessThan(1_900);
      } finally {
        await server.close();
      }
    });
  });

  it('refuses what the SDK never sends rather than sending it wrong', async () => {
    await expect(fetchImpl('ftp://127.0.0.1/')).rejects.toThrow('unsupported protocol');
    await expect(fetchImpl(`${base}/`, { method: 'POST', body: new Blob(['x']) })).rejects.toThrow(
      'only string and byte bodies',
    );
  });
});
