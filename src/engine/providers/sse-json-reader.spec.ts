import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode } from '../errors/error-codes';
import { createLlmProvider, llmConnectionFromParams } from './llm-provider-factory';
import { createNodeHttpFetch, directBodyOf } from './node-http-fetch';
import { pumpSseJson, readSseJson, SseDataParser } from './sse-json-reader';

function streamOf(pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

async function collect(pieces: string[]): Promise<unknown[]> {
  const seen: unknown[] = [];
  await readSseJson(streamOf(pieces), (data) => void seen.push(data));
  return seen;
}

describe('readSseJson', () => {
  it('parses events split anywhere across chunks, with \\n, \\r\\n or \\r line ends', async () => {
    expect(
      await collect(['data: {"a"', ':1}\n', '\ndata:{"b":2}\r', '\n\r\ndata: {"c":3}\r\r']),
    ).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  it('joins multi-line data, skips comments and other fields, ends at [DONE]', async () => {
    const seen = await collect([
      ': keep-alive\n\n',
      'event: chunk\nid: 7\ndata: {"x":\ndata: 1}\n\n',
      'data: [DONE]\n\ndata: {"after":true}\n\n',
    ]);
    expect(seen).toEqual([{ x: 1 }]);
  });

  it('takes an unterminated last event, stops when the handler says so, throws bad JSON', async () => {
    expect(await collect(['data: {"last":1}'])).toEqual([{ last: 1 }]);
    const seen: unknown[] = [];
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: 1\n\ndata: 2\n\n'));
      },
      cancel: () => void (cancelled = true),
    });
    await readSseJson(body, (data) => seen.push(data) < 1);
    expect(seen).toEqual([1]);
    expect(cancelled).toBe(true);
    await expect(collect(['data: {nope}\n\n'])).rejects.toThrow(SyntaxError);
  });

  it('a parser fed one character at a time sees the same events', () => {
    const seen: unknown[] = [];
    const parser = new SseDataParser((data) => void seen.push(data));
    for (const char of 'data: {"k":"v"}\r\n\r\ndata: [1,2]\n\n') parser.feed(char, false);
    parser.feed('', true);
    expect(seen).toEqual([{ k: 'v' }, [1, 2]]);
  });
});

describe('pumpSseJson over a body of the node:http fetch', () => {
  let script: (res: ServerResponse) => void;
  const ports: number[] = [];
  const server = createServer((req, res) => {
    ports.push(req.socket.remotePort ?? 0);
    script(res);
  });
  let url = '';
  const fetchImpl = createNodeHttpFetch();

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function pump(onData: (data: unknown) => boolean | void = () => undefined) {
    const response = await fetchImpl(url);
    const direct = directBodyOf(response);
    expect(direct).toBeDefined();
    await pumpSseJson(direct!, onData);
    // taken directly: the web stream is not offered again
    expect(directBodyOf(response)).toBeUndefined();
  }

  it('hands over events as they arrive and stops at [DONE]', async () => {
    script = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"n":1}\n\nda');
      setTimeout(() => res.write('ta: {"n":2}\n\ndata: [DONE]\n\n'), 10);
      // never ended by the server: [DONE] is what stops the reader
    };
    const seen: unknown[] = [];
    await pump((data) => void seen.push(data));
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('reads what follows the end and keeps the connection for the next call', async () => {
    script = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"last":true}\n\n');
      setTimeout(() => res.end('data: {"usage":1}\n\ndata: [DONE]\n\n'), 10);
    };
    ports.length = 0;
    const stopAtLast = (data: unknown) => !(data as { last?: boolean }).last;
    await pump(stopAtLast);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the rest drains
    await pump(stopAtLast);
    expect(ports).toHaveLength(2);
    expect(ports[1]).toBe(ports[0]);
  });

  it('rejects with what the handler throws, and on a connection lost mid-body', async () => {
    script = (res) => {
      res.writeHead(200);
      res.write('data: {"n":1}\n\n');
      setTimeout(() => res.socket?.destroy(), 10);
    };
    await expect(
      pump(() => {
        throw new Error('bad chunk');
      }),
    ).rejects.toThrow('bad chunk');
    await expect(pump()).rejects.toThrow('terminated');
  });

  it('a connection lost before reading starts is reported to the reader, not thrown', async () => {
    script = (res) => {
      res.writeHead(200);
      res.flushHeaders();
      setTimeout(() => res.socket?.destroy(), 5);
    };
    const response = await fetchImpl(url);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(pumpSseJson(directBodyOf(response)!, () => undefined)).rejects.toThrow(
      'terminated',
    );
  });

  it('the web stream still works when nobody reads directly', async () => {
    script = (res) => {
      res.writeHead(200);
      res.end('data: {"web":true}\n\n');
    };
    const response = await fetchImpl(url);
    const seen: unknown[] = [];
    await readSseJson(response.body!, (data) => void seen.push(data));
    expect(seen).toEqual([{ web: true }]);
    expect(directBodyOf(response)).toBeUndefined();
  });
});

describe('OpenAiChatProvider reading the stream', () => {
  it('an `error` event in the stream fails the call with 20380 and the error message', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"choices":[{"index":0,"delta":{"content":"par"}}]}\n\n');
      res.end('data: {"error":{"message":"model overloaded","type":"server_error"}}\n\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
    try {
      const connection = llmConnectionFromParams({
        source: 'openai',
        url,
        domain: 'm',
        apiKey: 'k',
        apiSecret: '',
      });
      const provider = createLlmProvider(connection, { sparkHost: '', requestTimeoutMs: 5000 });
      const pieces: string[] = [];
      await expect(
        provider.chat({
          messages: [{ role: 'user', content: 'hi' }],
          onFrame: (frame) => void pieces.push(frame.content),
        }),
      ).rejects.toMatchObject({
        code: ErrorCode.OPEN_AI_REQUEST_ERROR.code,
        message: expect.stringContaining('model overloaded') as unknown,
      });
      expect(pieces).toEqual(['par']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
