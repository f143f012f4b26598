import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createTestApp, TestApp } from './helpers/test-app';
import { localStoreContents, multipart, Part, samples, UUID_NAME } from './fixtures/upload-samples';

const LIMIT = 64 * 1024;

describe('uploads on local disk (default storage)', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp({ FILE_SIZE_LIMIT: String(LIMIT) });
    dir = t.config.files.localDir;
  });

  afterAll(async () => {
    await t.close();
  });

  const post = (path: string, parts: Part[], consumer: string | null = 'app1') => {
    const { body, contentType } = multipart(parts);
    const req = t.http().post(`/workflow/v1/${path}`).set('Content-Type', contentType);
    if (consumer !== null) req.set('X-Consumer-Username', consumer);
    return req.send(body);
  };
  const pathOf = (url: string) => new URL(url).pathname;
  const download = (url: string) =>
    t
      .http()
      .get(pathOf(url))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  /** Runs a refused upload and checks its code, message, and that nothing stayed on disk. */
  async function expectRefused(path: string, parts: Part[], code: number, message: string) {
    const before = localStoreContents(dir).stored;
    const res = await post(path, parts).expect(200);
    expect(res.body).toEqual({ code, message, sid: expect.any(String) });
    expect(localStoreContents(dir)).toEqual({ stored: before, spooled: [] });
  }

  it('stores one file and serves the same bytes back with its content type', async () => {
    const pdf = samples.pdf();
    const res = await post('upload_file', [{ name: 'file', filename: 'report.pdf', content: pdf }]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      code: 0,
      message: 'success',
      data: { url: expect.any(String) },
      sid: expect.any(String),
    });
    const url: string = res.body.data.url;
    expect(url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:\\d+/workflow/v1/files/${UUID_NAME.source}\\.pdf$`),
    );

    const got = await download(url).expect(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(got.body as Buffer, pdf)).toBe(0);

    const head = await t.http().head(pathOf(url)).expect(200);
    expect(head.headers['content-length']).toBe(String(pdf.length));

    const part = await download(url).set('Range', 'bytes=5-14').expect(206);
    expect(Buffer.compare(part.body as Buffer, pdf.subarray(5, 15))).toBe(0);
    expect(part.headers['content-type']).toBe('application/pdf');
    expect(localStoreContents(dir).spooled).toEqual([]);
  });

  it('stores several files in part order, each served with its own type', async () => {
    const files = [samples.pdf(), samples.png(), samples.txt()];
    const res = await post('upload_files', [
      { name: 'files', filename: 'a.pdf', content: files[0] },
      { name: 'files', filename: 'b.PNG', content: files[1] },
      { name: 'files', filename: 'c.txt', content: files[2] },
    ]).expect(200);
    expect(res.body.code).toBe(0);
    const urls: string[] = res.body.data.urls;
    expect(urls.map((u) => u.split('.').pop())).toEqual(['pdf', 'png', 'txt']);
    const types = ['application/pdf', 'image/png', 'text/plain; charset=utf-8'];
    for (const [i, url] of urls.entries()) {
      const got = await download(url).expect(200);
      expect(got.headers['content-type']).toBe(types[i]);
      expect(Buffer.compare(got.body as Buffer, files[i])).toBe(0);
    }
  });

  it('accepts a file of exactly FILE_SIZE_LIMIT bytes', async () => {
    const res = await post('upload_file', [
      { name: 'file', filename: 'full.txt', content: samples.txt(LIMIT) },
    ]).expect(200);
    expect(res.body.code).toBe(0);
  });

  it('answers 404 for names it did not store, never leaving the directory', async () => {
    await t.http().get('/workflow/v1/files/0b6f1a2e-7c1d-4f7e-9a55-3f1c2d4e5f60.pdf').expect(404);
    await t.http().get('/workflow/v1/files/..%2F..%2Fetc%2Fpasswd').expect(404);
    await t.http().get('/workflow/v1/files/.incoming').expect(404);
  });

  it('documents both routes as multipart with their error codes in the OpenAPI document', async () => {
    const doc = (await t.http().get('/openapi.json').expect(200)).body;
    for (const [path, part] of [
      ['/workflow/v1/upload_file', 'file'],
      ['/workflow/v1/upload_files', 'files'],
    ]) {
      const op = doc.paths[path].post;
      expect(op.requestBody.content['multipart/form-data'].schema.required).toEqual([part]);
      expect(op.parameters).toContainEqual(
        expect.objectContaining({ in: 'header', name: 'X-Consumer-Username', required: true }),
      );
      expect(op['x-error-codes'].map((e: { code: number }) => e.code)).toEqual([460, 23601, 23604]);
    }
    expect(doc.paths['/workflow/v1/files/{name}'].get).toBeDefined();
  });

  describe('refusals (code, message, nothing stored)', () => {
    it('requires X-Consumer-Username (460)', async () => {
      const res = await post(
        'upload_file',
        [{ name: 'file', filename: 'a.pdf', content: samples.pdf() }],
        null,
      );
      expect(res.body.code).toBe(460);
      expect(res.body.message).toBe(
        'Parameter: header->x-consumer-username, Input: None, Error: Field required (missing)',
      );
    });

    it('refuses an extension outside SUPPORT_FILE_TYPE', async () => {
      await expectRefused(
        'upload_file',
        [{ name: 'file', filename: 'setup.exe', content: Buffer.from('MZ\x90\x00') }],
        23601,
        'Invalid file(Unsupported file type: exe)',
      );
    });

    it('refuses a file one byte over FILE_SIZE_LIMIT', async () => {
      await expectRefused(
        'upload_file',
        [{ name: 'file', filename: 'big.txt', content: samples.txt(LIMIT + 1) }],
        23601,
        'Invalid file(File size exceeds limit)',
      );
    });

    it('refuses content whose leading bytes contradict the extension', async () => {
      await expectRefused(
        'upload_file',
        [{ name: 'file', filename: 'invoice.pdf', content: samples.html() }],
        23601,
        'Invalid file(File content does not match its extension: pdf)',
      );
      await expectRefused(
        'upload_file',
        [{ name: 'file', filename: 'photo.png', content: samples.pdf() }],
        23601,
        'Invalid file(File content does not match its extension: png)',
      );
    });

    it('refuses an empty file name', async () => {
      await expectRefused(
        'upload_file',
        [{ name: 'file', filename: '.pdf', content: samples.pdf() }],
        23601,
        'Invalid file(File name cannot be empty)',
      );
      // no name at all: the (empty) extension is checked first, as in the reference
      await expectRefused(
        'upload_file',
        [{ name: 'file', filename: '', content: samples.pdf() }],
        23601,
        'Invalid file(Unsupported file type: )',
      );
    });

    it('answers 460 when the part is missing, misnamed, not a file, or the body not multipart', async () => {
      await expectRefused(
        'upload_file',
        [{ name: 'other', filename: 'a.pdf', content: samples.pdf() }],
        460,
        'Parameter: body->file, Input: None, Error: Field required (missing)',
      );
      await expectRefused(
        'upload_files',
        [{ name: 'file', filename: 'a.pdf', content: samples.pdf() }],
        460,
        'Parameter: body->files, Input: None, Error: Field required (missing)',
      );
      await expectRefused(
        'upload_file',
        [{ name: 'file', content: 'just text' }],
        460,
        "Parameter: body->file, Input: just text, Error: Value error, Expected UploadFile, received: <class 'str'> (value_error)",
      );
      const json = await t
        .http()
        .post('/workflow/v1/upload_file')
        .set('X-Consumer-Username', 'app1')
        .send({ file: 'x' })
        .expect(200);
      expect(json.body.code).toBe(460);
      expect(json.body.message).toContain('Parameter: body->file');
    });

    it('answers 460 for a multipart body that ends before its closing boundary', async () => {
      const { body, contentType } = multipart([
        { name: 'file', filename: 'a.txt', content: samples.txt() },
      ]);
      const truncated = body.subarray(0, body.length - 20);
      const before = localStoreContents(dir).stored;
      const res = await t
        .http()
        .post('/workflow/v1/upload_file')
        .set('X-Consumer-Username', 'app1')
        .set('Content-Type', contentType)
        .send(truncated)
        .expect(200);
      expect(res.body.code).toBe(460);
      expect(res.body.message).toBe(
        'Parameter: body, Input: None, Error: Malformed multipart body: Unexpected end of form (value_error)',
      );
      expect(localStoreContents(dir)).toEqual({ stored: before, spooled: [] });
    });

    it('keeps nothing of a multi-file upload when a later file is refused', async () => {
      await expectRefused(
        'upload_files',
        [
          { name: 'files', filename: 'ok1.pdf', content: samples.pdf() },
          { name: 'files', filename: 'ok2.txt', content: samples.txt() },
          { name: 'files', filename: 'bad.png', content: samples.html() },
        ],
        23601,
        'Invalid file(File content does not match its extension: png)',
      );
      await expectRefused(
        'upload_files',
        [
          { name: 'files', filename: 'ok.pdf', content: samples.pdf() },
          { name: 'files', filename: 'big.txt', content: samples.txt(LIMIT + 10) },
        ],
        23601,
        'Invalid file(File size exceeds limit)',
      );
    });

    it('refuses more than 50 files in one request', async () => {
      const parts = Array.from({ length: 51 }, (_, i) => ({
        name: 'files',
        filename: `f${i}.txt`,
        content: 'x',
      }));
      await expectRefused(
        'upload_files',
        parts,
        23601,
        'Invalid file(Too many files: at most 50 per request)',
      );
    });
  });

  it('reports the store in readiness, and answers 23604 leaving nothing when it is down', async () => {
    const ready = await t.http().get('/ready').expect(200);
    expect(ready.body.checks.storage).toEqual({ status: 'up' });

    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, 'not a directory');
    try {
      const res = await post('upload_files', [
        { name: 'files', filename: 'a.pdf', content: samples.pdf() },
      ]).expect(200);
      expect(res.body).toEqual({
        code: 23604,
        message: 'File storage failed',
        sid: expect.any(String),
      });
      const down = await t.http().get('/ready').expect(503);
      expect(down.body.checks.storage.status).toBe('down');
    } finally {
      rmSync(dir, { force: true });
      mkdirSync(dir, { recursive: true });
    }
    expect(localStoreContents(dir)).toEqual({ stored: [], spooled: [] });
    await t.http().get('/ready').expect(200);
    const again = await post('upload_file', [
      { name: 'file', filename: 'a.pdf', content: samples.pdf() },
    ]);
    expect(again.body.code).toBe(0);
  });
});

describe('local storage URLs with PUBLIC_BASE_URL', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://files.example.com/wf/' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('builds the URL from PUBLIC_BASE_URL instead of the request host', async () => {
    const { body, contentType } = multipart([
      { name: 'file', filename: 'x.pdf', content: samples.pdf() },
    ]);
    const res = await t
      .http()
      .post('/workflow/v1/upload_file')
      .set('X-Consumer-Username', 'app1')
      .set('Content-Type', contentType)
      .send(body)
      .expect(200);
    expect(res.body.data.url).toMatch(
      new RegExp(`^https://files\\.example\\.com/wf/workflow/v1/files/${UUID_NAME.source}\\.pdf$`),
    );
  });
});
