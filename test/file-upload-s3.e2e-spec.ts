import { Client } from 'minio';
import { createServer as createTcpServer, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { S3Storage } from '../src/modules/file/storage/s3.storage';
import { createTestApp, TestApp } from './helpers/test-app';
import { S3ServerFixture } from './fixtures/s3-server';
import { localStoreContents, multipart, Part, samples, UUID_NAME } from './fixtures/upload-samples';

const LIMIT = 64 * 1024;
const BUCKET = 'wf-uploads';

function s3Env(s3: S3ServerFixture, bucket = BUCKET): Record<string, string> {
  return {
    OSS_TYPE: 's3',
    OSS_ENDPOINT: s3.endpoint,
    OSS_ACCESS_KEY_ID: S3ServerFixture.accessKey,
    OSS_ACCESS_KEY_SECRET: S3ServerFixture.secretKey,
    OSS_BUCKET_NAME: bucket,
    OSS_DOWNLOAD_HOST: `${s3.endpoint}/`,
    FILE_SIZE_LIMIT: String(LIMIT),
  };
}

function clientFor(s3: S3ServerFixture): Client {
  const url = new URL(s3.endpoint);
  return new Client({
    endPoint: url.hostname,
    port: Number(url.port),
    useSSL: false,
    accessKey: S3ServerFixture.accessKey,
    secretKey: S3ServerFixture.secretKey,
    pathStyle: true,
  });
}

async function objectsIn(client: Client, bucket = BUCKET): Promise<string[]> {
  const names: string[] = [];
  for await (const item of client.listObjectsV2(bucket, '', true)) {
    if (item.name) names.push(item.name);
  }
  return names.sort();
}

function upload(t: TestApp, path: string, parts: Part[]) {
  const { body, contentType } = multipart(parts);
  return t
    .http()
    .post(`/workflow/v1/${path}`)
    .set('X-Consumer-Username', 'app1')
    .set('Content-Type', contentType)
    .send(body)
    .expect(200);
}

describe('uploads to MinIO/S3 (s3rver on loopback)', () => {
  let s3: S3ServerFixture;
  let t: TestApp;
  let client: Client;

  beforeAll(async () => {
    s3 = await S3ServerFixture.start();
    t = await createTestApp(s3Env(s3));
    client = clientFor(s3);
  });

  afterAll(async () => {
    await t.close();
    await s3.destroy();
  });

  /** A refused upload: its code and message, and the bucket and spool exactly as before. */
  async function expectRefused(path: string, parts: Part[], code: number, message: string) {
    const before = await objectsIn(client);
    const res = await upload(t, path, parts);
    expect(res.body).toEqual({ code, message, sid: expect.any(String) });
    expect(await objectsIn(client)).toEqual(before);
    expect(localStoreContents(t.config.files.localDir).spooled).toEqual([]);
  }

  it('creates the missing bucket at start and asks for public read', async () => {
    expect(await client.bucketExists(BUCKET)).toBe(true);
    expect(s3.requests).toContainEqual({ method: 'PUT', url: `/${BUCKET}` });
    // s3rver has no bucket policies (NotImplemented): the request is made, start goes on
    expect(s3.requests).toContainEqual({ method: 'PUT', url: `/${BUCKET}?policy` });
  });

  it('stores a file under <OSS_DOWNLOAD_HOST>/<bucket>/<uuid>.<ext>; the URL serves the same bytes', async () => {
    const pdf = samples.pdf();
    const res = await upload(t, 'upload_file', [
      { name: 'file', filename: 'Quarterly report.pdf', content: pdf },
    ]);
    expect(res.body.code).toBe(0);
    const url: string = res.body.data.url;
    expect(url).toMatch(new RegExp(`^${s3.endpoint}/${BUCKET}/${UUID_NAME.source}\\.pdf$`));

    const got = await fetch(url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.compare(Buffer.from(await got.arrayBuffer()), pdf)).toBe(0);

    const stat = await client.statObject(BUCKET, url.split('/').pop()!);
    expect(stat.size).toBe(pdf.length);
    expect(stat.metaData['original-name']).toBe(encodeURIComponent('Quarterly report.pdf'));
    expect(localStoreContents(t.config.files.localDir).spooled).toEqual([]);
  });

  it('stores several files, URLs in part order', async () => {
    const files = [samples.png(), samples.txt(), samples.pdf()];
    const res = await upload(t, 'upload_files', [
      { name: 'files', filename: 'a.png', content: files[0] },
      { name: 'files', filename: 'b.txt', content: files[1] },
      { name: 'files', filename: 'c.pdf', content: files[2] },
    ]);
    const urls: string[] = res.body.data.urls;
    expect(urls).toHaveLength(3);
    for (const [i, url] of urls.entries()) {
      const got = await fetch(url);
      expect(Buffer.compare(Buffer.from(await got.arrayBuffer()), files[i])).toBe(0);
    }
  });

  it('does not serve bucket objects from the local file route', async () => {
    const res = await upload(t, 'upload_file', [
      { name: 'file', filename: 'a.pdf', content: samples.pdf() },
    ]);
    const key = (res.body.data.url as string).split('/').pop();
    await t.http().get(`/workflow/v1/files/${key}`).expect(404);
  });

  it('refuses bad files with their code and stores nothing', async () => {
    await expectRefused(
      'upload_file',
      [{ name: 'file', filename: 'x.svg', content: '<svg/>' }],
      23601,
      'Invalid file(Unsupported file type: svg)',
    );
    await expectRefused(
      'upload_file',
      [{ name: 'file', filename: 'big.txt', content: samples.txt(LIMIT + 1) }],
      23601,
      'Invalid file(File size exceeds limit)',
    );
    await expectRefused(
      'upload_file',
      [{ name: 'file', filename: 'x.jpg', content: samples.html() }],
      23601,
      'Invalid file(File content does not match its extension: jpg)',
    );
    await expectRefused(
      'upload_file',
      [{ name: 'file', filename: '.txt', content: 'x' }],
      23601,
      'Invalid file(File name cannot be empty)',
    );
    await expectRefused(
      'upload_files',
      [
        { name: 'files', filename: 'ok.pdf', content: samples.pdf() },
        { name: 'files', filename: 'bad.exe', content: 'MZ' },
      ],
      23601,
      'Invalid file(Unsupported file type: exe)',
    );
    await expectRefused(
      'upload_file',
      [],
      460,
      'Parameter: body->file, Input: None, Error: Field required (missing)',
    );
  });

  it('removes what it stored when a later file of the request cannot be stored (23604)', async () => {
    let objectPuts = 0;
    s3.fault = (req) =>
      req.method === 'PUT' && req.url!.startsWith(`/${BUCKET}/`) && ++objectPuts >= 2;
    const deletesBefore = s3.requests.filter((r) => r.method === 'DELETE').length;
    try {
      await expectRefused(
        'upload_files',
        [
          { name: 'files', filename: 'one.pdf', content: samples.pdf() },
          { name: 'files', filename: 'two.pdf', content: samples.pdf() },
        ],
        23604,
        'File storage failed',
      );
    } finally {
      s3.fault = undefined;
    }
    expect(s3.requests.filter((r) => r.method === 'DELETE').length).toBe(deletesBefore + 1);
  });

  it('answers 23604 while the store is down, reports it in readiness, and recovers', async () => {
    const before = await objectsIn(client);
    await t.http().get('/ready').expect(200);
    await s3.stop();
    try {
      const res = await upload(t, 'upload_file', [
        { name: 'file', filename: 'a.pdf', content: samples.pdf() },
      ]);
      expect(res.body).toEqual({
        code: 23604,
        message: 'File storage failed',
        sid: expect.any(String),
      });
      const ready = await t.http().get('/ready').expect(503);
      expect(ready.body.checks.storage.status).toBe('down');
      expect(ready.body.checks.database.status).toBe('up');
    } finally {
      await s3.restart();
    }
    expect(await objectsIn(client)).toEqual(before);
    expect(localStoreContents(t.config.files.localDir).spooled).toEqual([]);
    await t.http().get('/ready').expect(200);
    const again = await upload(t, 'upload_file', [
      { name: 'file', filename: 'a.pdf', content: samples.pdf() },
    ]);
    expect(again.body.code).toBe(0);
  });
});

describe('S3 storage that is down at boot', () => {
  it('starts anyway, reports not ready, and creates the bucket on the first upload once up', async () => {
    const s3 = await S3ServerFixture.start();
    await s3.stop();
    const t = await createTestApp(s3Env(s3, 'late-bucket'));
    try {
      const ready = await t.http().get('/ready').expect(503);
      expect(ready.body.checks.storage.status).toBe('down');
      await s3.restart();
      const res = await upload(t, 'upload_file', [
        { name: 'file', filename: 'a.txt', content: 'hello' },
      ]);
      expect(res.body.code).toBe(0);
      expect(await objectsIn(clientFor(s3), 'late-bucket')).toHaveLength(1);
      await t.http().get('/ready').expect(200);
    } finally {
      await t.close();
      await s3.destroy();
    }
  });
});

describe('S3 storage that accepts connections and goes silent', () => {
  it('fails the request after its idle timeout instead of hanging', async () => {
    const sockets: Socket[] = [];
    const silent = createTcpServer((socket) => void sockets.push(socket)); // never answers
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const storage = new S3Storage({
      endpoint: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      bucket: BUCKET,
      region: 'us-east-1',
      accessKey: S3ServerFixture.accessKey,
      secretKey: S3ServerFixture.secretKey,
      idleTimeoutMs: 200,
    });
    try {
      const started = Date.now();
      await expect(storage.prepare()).rejects.toThrow('object store silent for 200 ms');
      await expect(storage.check()).rejects.toThrow('object store silent for 200 ms');
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((done) => silent.close(done));
    }
  });
});
