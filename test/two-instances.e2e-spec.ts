import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { S3ServerFixture } from './fixtures/s3-server';
import { samples } from './fixtures/upload-samples';
import { ServiceProcess, startService } from './helpers/service-process';
import {
  debugRun,
  pauseRun,
  resumeRun,
  seedSharedFlows,
  SharedFlows,
  uploadFile,
} from './helpers/shared-state';
import { postgresReachable, redisUrlOnDb, TEST_PG_URL } from './helpers/shared-stores';
import { TEST_TMP_DIR } from './helpers/test-paths';

// Two instances of the service (separate processes and ports) on one PostgreSQL, one Redis and
// one object store, as behind a balancer (docs/deployment.md): whatever one instance started
// or stored, the other continues or serves.

/** a Redis database of this spec's own */
const REDIS_DB = 7;

describe('two instances on shared PostgreSQL, Redis and object storage', () => {
  let reachable = false;
  let s3: S3ServerFixture;
  let flows: SharedFlows;
  let one: ServiceProcess;
  let two: ServiceProcess;

  beforeAll(async () => {
    reachable = await postgresReachable(TEST_PG_URL);
    if (!reachable) {
      console.warn(
        `two-instances: skipped, PostgreSQL unreachable at ${TEST_PG_URL} (TEST_PG_URL)`,
      );
      return;
    }
    s3 = await S3ServerFixture.start();
    const env = {
      RUNTIME_ENV: 'test',
      DATABASE_URL: TEST_PG_URL,
      REDIS_URL: redisUrlOnDb(REDIS_DB),
      CODE_PYTHON_SPARES: '0',
      OSS_TYPE: 's3',
      OSS_ENDPOINT: s3.endpoint,
      OSS_ACCESS_KEY_ID: S3ServerFixture.accessKey,
      OSS_ACCESS_KEY_SECRET: S3ServerFixture.secretKey,
      OSS_BUCKET_NAME: 'two-instances',
      OSS_DOWNLOAD_HOST: `${s3.endpoint}/`,
      FILE_STORAGE_DIR: join(TEST_TMP_DIR, 'files', randomUUID()),
    };
    // migrated and seeded once, so the two start on a database that is ready
    flows = await seedSharedFlows(env);
    [one, two] = await Promise.all([startService(env), startService(env)]);
    await Promise.all([one.ready, two.ready]);
  }, 120_000);

  afterAll(async () => {
    one?.kill();
    two?.kill();
    await s3?.destroy();
  });

  it('resumes on one instance a run paused on the other', async () => {
    if (!reachable) return;
    const there = await pauseRun(one.url, flows, 'one');
    const resumed = await resumeRun(two.url, there.eventId, 'A');
    expect(resumed.text).toBe('You chose Small');
    expect(resumed.frames[resumed.frames.length - 1]).toMatchObject({
      code: 0,
      choices: [{ finish_reason: 'stop' }],
    });
    // and the other way round
    const back = await pauseRun(two.url, flows, 'two');
    expect((await resumeRun(one.url, back.eventId, 'A')).text).toBe('You chose Small');
  });

  it('serves through one instance a file uploaded through the other', async () => {
    if (!reachable) return;
    const pdf = samples.pdf();
    const { url } = await uploadFile(one.url, 'shared.pdf', pdf);
    // the other instance takes the link as a file input: it checks the object is there
    const echoed = await debugRun(two.url, flows, flows.fileEcho, {
      AGENT_USER_INPUT: 'x',
      doc: url,
    });
    expect(echoed.frames[0]).toMatchObject({ code: 0 });
    expect(echoed.text).toBe(url);
    const download = await fetch(url);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
  });

  it('reads on one instance the node variables set on the other', async () => {
    if (!reachable) return;
    const saved = await debugRun(one.url, flows, flows.setVariable, { AGENT_USER_INPUT: 'teal' });
    expect(saved.text).toBe('saved');
    const read = await debugRun(two.url, flows, flows.getVariable, { AGENT_USER_INPUT: '' });
    expect(read.text).toBe('teal');
  });
});
