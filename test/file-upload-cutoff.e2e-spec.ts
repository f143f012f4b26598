import { request as httpRequest } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { drainedOrClosed } from '../src/core/streams/drained';
import { createTestApp, TestApp } from './helpers/test-app';
import { localStoreContents } from './fixtures/upload-samples';

const LIMIT = 64 * 1024;
const MiB = 1024 * 1024;

interface StreamedUpload {
  status: number;
  body: { code: number; message: string };
  /** body bytes the client managed to hand to its socket before the server hung up */
  written: number;
  /** body bytes the client had written when the answer arrived */
  writtenAtAnswer: number;
  connectionError?: string;
}

/**
 * Streams a multipart upload of `fileBytes` in 64 KiB writes, as a browser or curl would,
 * while listening for an early answer. Stops writing once the connection is gone.
 */
function streamUpload(port: number, filename: string, fileBytes: number): Promise<StreamedUpload> {
  const boundary = '----cutoff';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      'Content-Type: text/plain\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(64 * 1024, 'a');

  return new Promise((resolve, reject) => {
    let written = 0;
    let writtenAtAnswer = -1;
    let gone = false;
    let connectionError: string | undefined;
    let answer: { status: number; body: { code: number; message: string } } | undefined;
    let writing = true;
    const settle = () => {
      if (!answer || writing) return;
      resolve({ ...answer, written, writtenAtAnswer, connectionError });
    };

    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/workflow/v1/upload_file',
      headers: {
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(head.length + fileBytes + tail.length),
        'X-Consumer-Username': 'app1',
      },
    });
    req.on('response', (res) => {
      writtenAtAnswer = written;
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        answer = { status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString()) };
        settle();
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      gone = true;
      connectionError = error.code ?? error.message;
      if (!answer && writtenAtAnswer < 0) reject(error);
    });
    req.on('close', () => {
      gone = true;
    });

    const pump = async () => {
      req.write(head);
      while (!gone && written < fileBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, fileBytes - written));
        const flushed = req.write(piece);
        written += piece.length;
        if (!flushed) await drainedOrClosed(req);
      }
      if (!gone) req.end(tail);
    };
    void pump().finally(() => {
      writing = false;
      settle();
    });
  });
}

describe('upload size limit enforced while streaming', () => {
  let t: TestApp;
  let port: number;
  const serverSockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ FILE_SIZE_LIMIT: String(LIMIT) });
    await t.app.listen(0, '127.0.0.1');
    const server = t.app.getHttpServer();
    server.on('connection', (socket: Socket) => serverSockets.push(socket));
    port = (server.address() as AddressInfo).port;
  });

  /** Bytes the service read from the connection of the last request, once it is closed. */
  async function bytesReadByServer(): Promise<number> {
    const socket = serverSockets[serverSockets.length - 1];
    if (!socket.destroyed) await new Promise((done) => socket.once('close', done));
    return socket.bytesRead;
  }

  afterAll(async () => {
    await t.close();
  });

  it('answers a huge upload with 23601 at once and hangs up instead of reading it all', async () => {
    const total = 64 * MiB;
    const result = await streamUpload(port, 'huge.txt', total);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      code: 23601,
      message: 'Invalid file(File size exceeds limit)',
    });
    // the answer came while the client was still sending, and reached it intact (no reset);
    // the service read the limit, at most its 16 MiB drain budget, and closed the connection
    expect(result.connectionError).toBeUndefined();
    expect(result.written).toBe(result.writtenAtAnswer);
    expect(result.written).toBeLessThan(total / 2);
    expect(await bytesReadByServer()).toBeLessThan(LIMIT + 18 * MiB);
    expect(localStoreContents(t.config.files.localDir)).toEqual({ stored: [], spooled: [] });
  });

  it('lets a client that is nearly done finish sending, and answers it cleanly', async () => {
    const result = await streamUpload(port, 'slightly-big.txt', LIMIT + 256 * 1024);
    expect(result.body).toMatchObject({
      code: 23601,
      message: 'Invalid file(File size exceeds limit)',
    });
    expect(result.connectionError).toBeUndefined();
    expect(result.written).toBe(LIMIT + 256 * 1024);
    expect(localStoreContents(t.config.files.localDir)).toEqual({ stored: [], spooled: [] });
  });

  it('removes the spool of an upload the client abandons midway', async () => {
    const boundary = '----gone';
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/workflow/v1/upload_file',
      headers: {
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(LIMIT),
        'X-Consumer-Username': 'app1',
      },
    });
    req.on('error', () => undefined);
    req.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n` +
        'x'.repeat(10_000),
    );
    const spool = () => localStoreContents(t.config.files.localDir).spooled;
    await waitFor(() => spool().length === 1);
    req.destroy();
    await waitFor(() => spool().length === 0);
    expect(localStoreContents(t.config.files.localDir).stored).toEqual([]);
  });

  it('refuses a wrong extension from the part header, before reading the file', async () => {
    const boundary = '----x';
    const result = await new Promise<{ code: number; message: string }>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/workflow/v1/upload_file',
        headers: {
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': String(100 * MiB),
          'X-Consumer-Username': 'app1',
        },
      });
      req.on('response', (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => {
          resolve(JSON.parse(Buffer.concat(parts).toString()));
          req.destroy();
        });
      });
      req.on('error', reject);
      // only the part header is ever sent: the answer cannot wait for the file
      req.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="tool.exe"\r\n\r\nMZ`,
      );
    });
    expect(result).toMatchObject({
      code: 23601,
      message: 'Invalid file(Unsupported file type: exe)',
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((done) => setTimeout(done, 10));
  }
}
