import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3ServerFixture } from './fixtures/s3-server';
import { multipart, samples } from './fixtures/upload-samples';
import {
  addFlow,
  answerOf,
  CHAT,
  createApps,
  DEBUG_CHAT,
  edge,
  endNode,
  input,
  Json,
  output,
  protocol,
  ref,
  releasedFlow,
  runChat,
  startNode,
  World,
} from './chat.helpers';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// The whole path a tenant app takes: upload a file, pass its URL to a flow's file input, run.

const S = 'node-start::s';
const E = 'node-end::e';

const fileOutput = (
  name: string,
  type: 'string' | 'array',
  kinds: string[],
  required: boolean,
) => ({
  ...output(name, type === 'array' ? { type: 'array', items: { type: 'string' } } : type, required),
  fileType: 'file',
  allowedFileType: kinds,
});

/** start(AGENT_USER_INPUT, doc: pdf file, pics: optional image files) → end printing `doc` */
const fileFlow = () =>
  protocol(
    [
      startNode('s', [
        output('AGENT_USER_INPUT', 'string', true),
        fileOutput('doc', 'string', ['pdf'], true),
        fileOutput('pics', 'array', ['image'], false),
      ]),
      endNode('e', [input('doc', 'string', ref(S, 'doc'))], { outputMode: 0 }),
    ],
    [edge(S, E)],
  );

async function uploadTo(origin: string, filename: string, content: Buffer): Promise<string> {
  const { body, contentType } = multipart([{ name: 'file', filename, content }]);
  const res = await fetch(`${origin}/workflow/v1/upload_file`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, 'X-Consumer-Username': 'tenant-app' },
    body,
  });
  const envelope = (await res.json()) as { code: number; data: { url: string } };
  expect(envelope.code).toBe(0);
  return envelope.data.url;
}

describe.each([
  ['local disk', false],
  ['MinIO/S3', true],
])('uploaded files as flow inputs (%s)', (_store, useS3) => {
  let s3: S3ServerFixture | undefined;
  let t: TestApp;
  let w: World;
  let origin: string;

  beforeAll(async () => {
    s3 = useS3 ? await S3ServerFixture.start() : undefined;
    const storeEnv: Record<string, string> = s3
      ? {
          OSS_TYPE: 's3',
          OSS_ENDPOINT: s3.endpoint,
          OSS_ACCESS_KEY_ID: S3ServerFixture.accessKey,
          OSS_ACCESS_KEY_SECRET: S3ServerFixture.secretKey,
        }
      : {};
    t = await createTestApp({ RUNTIME_ENV: 'test', FILE_SIZE_LIMIT: '4096', ...storeEnv });
    await t.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    w = await createApps(t, uniqueAlias(''));
  });

  afterAll(async () => {
    await t.close();
    await s3?.destroy();
  });

  const run = async (path: string, parameters: Json) => {
    const flowId =
      path === CHAT ? await releasedFlow(t, w, fileFlow()) : await addFlow(t, w.tenant, fileFlow());
    return runChat(t, path, w.caller, { flow_id: flowId, parameters, stream: true });
  };

  it('runs a flow on the URL of an uploaded file (debug and release)', async () => {
    const doc = await uploadTo(origin, 'contract.pdf', samples.pdf());
    const pic = await uploadTo(origin, 'photo.png', samples.png());
    for (const path of [DEBUG_CHAT, CHAT]) {
      const res = await run(path, { AGENT_USER_INPUT: 'read it', doc, pics: [pic] });
      const last = res.chunks[res.chunks.length - 1];
      expect(last).toMatchObject({ code: 0, message: 'Success' });
      expect(answerOf(res.chunks)).toContain(doc);
    }
  });

  it('stops the run with 23601 when a linked file is over FILE_SIZE_LIMIT', async () => {
    const host = createServer((req, res) => {
      res.writeHead(200, { 'Content-Length': '5000' });
      res.end(req.method === 'HEAD' ? undefined : Buffer.alloc(5000));
    });
    await new Promise<void>((done) => host.listen(0, '127.0.0.1', done));
    try {
      const doc = `http://127.0.0.1:${(host.address() as AddressInfo).port}/big.pdf`;
      for (const path of [DEBUG_CHAT, CHAT]) {
        const res = await run(path, { AGENT_USER_INPUT: 'x', doc });
        expect(res.chunks).toHaveLength(1);
        expect(res.chunks[0]).toMatchObject({
          code: 23601,
          message: 'Invalid file(Error: File size exceeds limit)',
        });
      }
    } finally {
      host.closeAllConnections();
      await new Promise((done) => host.close(done));
    }
  });

  it('stops the run with 23603 when the link leads nowhere, and with 23601 for a wrong kind', async () => {
    const doc = await uploadTo(origin, 'a.pdf', samples.pdf());
    const gone = doc.replace(/[0-9a-f-]{36}\.pdf$/, '00000000-0000-4000-8000-000000000000.pdf');
    const cases: [Json, number, string][] = [
      [{ doc: gone }, 23603, 'Invalid file link'],
      [{ doc, pics: [doc] }, 23601, 'Invalid file(Error: Unsupported file extension)'],
    ];
    for (const [parameters, code, message] of cases) {
      for (const path of [DEBUG_CHAT, CHAT]) {
        const res = await run(path, { AGENT_USER_INPUT: 'x', ...parameters });
        expect(res.chunks).toHaveLength(1);
        expect(res.chunks[0]).toMatchObject({ code, message });
      }
    }
  });
});
