import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppException } from '../src/core/errors/app.exception';
import {
  FileInputOptions,
  startNodeOf,
  validateFileInputs,
} from '../src/modules/file/inputs/validate-file-inputs';
import { createTestApp } from './helpers/test-app';
import { multipart, samples } from './fixtures/upload-samples';

const LIMIT = 1000;

/** A file host on loopback whose paths behave as their names say; records what it was asked. */
class FileHost {
  readonly requests: { method: string; path: string }[] = [];
  private server!: Server;

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.answer(req, res));
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((done) => this.server.close(done));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    this.requests.push({ method: req.method ?? '', path });
    const sized = (size: number) => {
      res.writeHead(200, { 'Content-Length': String(size) });
      res.end(req.method === 'HEAD' ? undefined : Buffer.alloc(size));
    };
    if (path.startsWith('/ok/')) return sized(LIMIT);
    if (path.startsWith('/big/')) return sized(LIMIT + 1);
    if (path.startsWith('/get-only/')) {
      if (req.method === 'HEAD') return void res.writeHead(405).end();
      return sized(10);
    }
    if (path.startsWith('/chunked/')) {
      res.writeHead(200, { 'Transfer-Encoding': 'chunked' });
      if (req.method === 'HEAD') return void res.end();
      res.write('part');
      return void res.end();
    }
    if (path.startsWith('/slow/')) return; // never answers
    res.writeHead(404, { 'Content-Length': '9' }).end('not found');
  }
}

function startNode(outputs: unknown[]) {
  return { id: 'node-start::1', data: { outputs } };
}

function fileOutput(name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    schema: { type: 'string' },
    fileType: 'file',
    allowedFileType: ['pdf'],
    required: true,
    ...extra,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppException) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('validateFileInputs (run-phase file inputs, docs/api.md#file-inputs)', () => {
  const host = new FileHost();
  const options: FileInputOptions = { sizeLimit: LIMIT, timeoutMs: 300 };

  beforeAll(() => host.start());
  afterAll(() => host.stop());
  beforeEach(() => host.requests.splice(0));

  it('passes a flow without file variables, asking nobody', async () => {
    const node = startNode([{ name: 'AGENT_USER_INPUT', schema: { type: 'string' } }]);
    await expect(validateFileInputs(node, { AGENT_USER_INPUT: 'hi' }, options)).resolves.toBe(
      undefined,
    );
    await expect(validateFileInputs(undefined, {}, options)).resolves.toBe(undefined);
    expect(host.requests).toEqual([]);
  });

  it('passes a reachable link within the limit (HEAD only)', async () => {
    const node = startNode([fileOutput('doc')]);
    await validateFileInputs(node, { doc: host.url('/ok/report.pdf') }, options);
    expect(host.requests).toEqual([{ method: 'HEAD', path: '/ok/report.pdf' }]);
  });

  it('falls back to GET when HEAD is refused', async () => {
    const node = startNode([fileOutput('doc')]);
    await validateFileInputs(node, { doc: host.url('/get-only/report.pdf') }, options);
    expect(host.requests.map((r) => r.method)).toEqual(['HEAD', 'GET']);
  });

  it('validates array variables element-wise and accepts any listed kind', async () => {
    const node = startNode([
      fileOutput('docs', { schema: { type: 'array' }, allowedFileType: ['pdf', 'image'] }),
    ]);
    await validateFileInputs(
      node,
      { docs: [host.url('/ok/a.pdf'), host.url('/ok/b.PNG'), host.url('/ok/c.jpeg?sig=1')] },
      options,
    );
    expect(host.requests).toHaveLength(3);
  });

  it('skips optional variables that are missing or empty', async () => {
    const node = startNode([
      fileOutput('a', { required: false }),
      fileOutput('b', { required: false }),
      fileOutput('c', { required: false, schema: { type: 'array' } }),
    ]);
    await validateFileInputs(node, { b: '', c: [] }, options);
    expect(host.requests).toEqual([]);
  });

  it.each([
    [
      'a required variable is missing',
      {},
      'File variable protocol error(Error: doc is a required parameter)',
    ],
    [
      'a required variable is empty',
      { doc: '' },
      'File variable protocol error(Error: doc is a required parameter)',
    ],
  ])('23602 when %s', async (_case, parameters, message) => {
    const failure = await failureOf(
      validateFileInputs(startNode([fileOutput('doc')]), parameters, options),
    );
    expect(failure).toEqual({ code: 23602, message });
  });

  it('23602 for malformed declarations and variable types', async () => {
    const cases: [unknown[], Record<string, unknown>, string][] = [
      [[fileOutput('doc', { fileType: 'image' })], {}, 'Error: fileType field is incorrect'],
      [
        [fileOutput('doc', { allowedFileType: [] })],
        {},
        'Error: allowedFileType field is incorrect',
      ],
      [
        [fileOutput('doc', { allowedFileType: ['video'] })],
        {},
        'Error: allowedFileType field is incorrect',
      ],
      [
        [fileOutput('doc', { allowedFileType: undefined })],
        {},
        'Error: allowedFileType field is incorrect',
      ],
      [
        [fileOutput('doc', { schema: { type: 'object' } })],
        { doc: { url: 'x' } },
        'Error: file variable doc must be of type string or array',
      ],
      [
        [fileOutput('docs', { schema: { type: 'array' } })],
        { docs: host.url('/ok/a.pdf') },
        'Error: docs must be an array of links',
      ],
    ];
    for (const [outputs, parameters, detail] of cases) {
      const failure = await failureOf(validateFileInputs(startNode(outputs), parameters, options));
      expect(failure).toEqual({ code: 23602, message: `File variable protocol error(${detail})` });
    }
    expect(host.requests).toEqual([]);
  });

  it('23601 for a wrong or missing extension, without asking the host', async () => {
    const node = startNode([fileOutput('doc')]);
    expect(
      await failureOf(validateFileInputs(node, { doc: host.url('/ok/pic.png') }, options)),
    ).toEqual({
      code: 23601,
      message: 'Invalid file(Error: Unsupported file extension)',
    });
    expect(
      await failureOf(validateFileInputs(node, { doc: host.url('/ok/noext') }, options)),
    ).toEqual({
      code: 23601,
      message: 'Invalid file',
    });
    expect(host.requests).toEqual([]);
  });

  it('23601 for a file over FILE_SIZE_LIMIT', async () => {
    const node = startNode([fileOutput('doc')]);
    expect(
      await failureOf(validateFileInputs(node, { doc: host.url('/big/x.pdf') }, options)),
    ).toEqual({
      code: 23601,
      message: 'Invalid file(Error: File size exceeds limit)',
    });
  });

  it.each([
    ['answers 404', () => host.url('/missing/x.pdf')],
    ['sends no Content-Length', () => host.url('/chunked/x.pdf')],
    ['does not answer in time', () => host.url('/slow/x.pdf')],
    ['refuses connections', () => 'http://127.0.0.1:1/x.pdf'],
    ['is not http(s)', () => 'ftp://127.0.0.1/x.pdf'],
    ['is not a URL', () => 'x.pdf'],
  ])('23603 when the link %s', async (_case, link) => {
    const node = startNode([fileOutput('doc')]);
    const started = Date.now();
    expect(await failureOf(validateFileInputs(node, { doc: link() }, options))).toEqual({
      code: 23603,
      message: 'Invalid file link',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('probes links concurrently but reports the first failure in declaration order', async () => {
    const node = startNode([
      fileOutput('first', { schema: { type: 'array' } }),
      fileOutput('second'),
    ]);
    const failure = await failureOf(
      validateFileInputs(
        node,
        { first: [host.url('/ok/a.pdf'), host.url('/slow/b.pdf')], second: host.url('/big/c.pdf') },
        options,
      ),
    );
    expect(failure).toEqual({ code: 23603, message: 'Invalid file link' });
  });

  it('stops probing when the run is aborted, rethrowing the abort', async () => {
    const controller = new AbortController();
    const node = startNode([fileOutput('doc')]);
    const run = validateFileInputs(
      node,
      { doc: host.url('/slow/x.pdf') },
      {
        ...options,
        timeoutMs: 10_000,
        signal: controller.signal,
      },
    );
    setTimeout(() => controller.abort(), 20);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('finds the start node in a DSL', () => {
    const start = startNode([]);
    expect(startNodeOf({ nodes: [{ id: 'node-end::1' }, start], edges: [] })).toBe(start);
    expect(startNodeOf({ nodes: [] })).toBeUndefined();
    expect(startNodeOf(null)).toBeUndefined();
  });
});

describe('validateFileInputs on URLs this service answered for uploads', () => {
  it('accepts a file uploaded to local storage (served with HEAD and Content-Length)', async () => {
    const t = await createTestApp();
    try {
      await t.app.listen(0, '127.0.0.1');
      const port = (t.app.getHttpServer().address() as AddressInfo).port;
      const { body, contentType } = multipart([
        { name: 'file', filename: 'input.pdf', content: samples.pdf() },
      ]);
      const res = await fetch(`http://127.0.0.1:${port}/workflow/v1/upload_file`, {
        method: 'POST',
        headers: { 'Content-Type': contentType, 'X-Consumer-Username': 'app1' },
        body,
      });
      const { data } = (await res.json()) as { data: { url: string } };
      const node = startNode([fileOutput('doc')]);
      await validateFileInputs(node, { doc: data.url }, { sizeLimit: t.config.files.sizeLimit });
      const tooSmallLimit = await failureOf(
        validateFileInputs(node, { doc: data.url }, { sizeLimit: 100 }),
      );
      expect(tooSmallLimit.code).toBe(23601);
    } finally {
      await t.close();
    }
  });
});
