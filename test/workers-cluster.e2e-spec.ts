import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { samples } from './fixtures/upload-samples';
import { freePort, LoggedService, startLoggedService } from './helpers/logged-service';
import { freshRequest } from './helpers/fresh-connection';
import { parsePrometheus, seriesKey } from './helpers/prometheus-text';
import {
  pauseRun,
  resumeRun,
  seedSharedFlows,
  SharedFlows,
  uploadFile,
  workerOf,
} from './helpers/shared-state';
import { redisUrlOnDb } from './helpers/shared-stores';
import { TEST_TMP_DIR } from './helpers/test-paths';

// WORKERS=2 (docs/deployment.md#workers): one port, two processes under node:cluster. Every
// worker answers; a run paused on one resumes on the other; uploads, code sandboxes and the
// cluster-wide /metrics work whichever worker a request lands on; a killed worker is replaced;
// SIGTERM stops them all.

/** a Redis database of this spec's own */
const REDIS_DB = 8;
/** requests spread over the workers by the primary's round robin: a few suffice for both */
const ATTEMPTS = 40;

describe('WORKERS=2 behind one port', () => {
  let service: LoggedService;
  let base: string;
  let flows: SharedFlows;

  beforeAll(async () => {
    const env = {
      RUNTIME_ENV: 'test',
      // one SQLite file for both workers (WAL; docs/deployment.md#workers)
      DATABASE_URL: `sqlite:${join(TEST_TMP_DIR, `${randomUUID()}.sqlite`)}`,
      REDIS_URL: redisUrlOnDb(REDIS_DB),
      CODE_PYTHON_SPARES: '0',
      FILE_STORAGE_DIR: join(TEST_TMP_DIR, 'files', randomUUID()),
    };
    flows = await seedSharedFlows(env);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    service = startLoggedService({
      ...env,
      WORKERS: '2',
      PORT: String(port),
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    });
    await service.waitFor(/listening on/, 120_000);
  }, 180_000);

  afterAll(async () => {
    await service?.stop();
  });

  const get = async (path: string) => {
    const res = await freshRequest(`${base}${path}`);
    return { status: res.status, worker: workerOf(res) ?? '', body: res.body };
  };

  /** The workers that answered `count` GET /health. */
  async function healthWorkers(count: number): Promise<Set<string>> {
    const seen = new Set<string>();
    for (let i = 0; i < count; i += 1) seen.add((await get('/health')).worker);
    return seen;
  }

  it('says listening once, from the primary, naming the workers', () => {
    const lines = service.stdout.filter((line) => line.includes('listening on'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      msg: `listening on ${base} (database sqlite, storage local, registry redis, workers 2)`,
    });
  });

  it('answers from both workers, and /metrics counts the requests of both', async () => {
    const before = await healthTotal();
    const workers = await healthWorkers(ATTEMPTS);
    expect([...workers].every((pid) => /^\d+$/.test(pid))).toBe(true);
    expect(workers.size).toBe(2);
    // each worker served part of them; the scrape, wherever it lands, counts them all
    expect((await healthTotal()) - before).toBe(ATTEMPTS);
  });

  async function healthTotal(): Promise<number> {
    const text = (await get('/metrics')).body.toString('utf8');
    const labels = { method: 'GET', route: '/health', status: '200', code: '' };
    return parsePrometheus(text).get(seriesKey('astron_http_requests_total', labels)) ?? 0;
  }

  it('resumes on one worker a run paused on the other', async () => {
    for (let i = 0; i < ATTEMPTS; i += 1) {
      const paused = await pauseRun(base, flows, `w${i}`);
      const resumed = await resumeRun(base, paused.eventId, 'A');
      expect(resumed.text).toBe('You chose Small');
      if (paused.worker && resumed.worker && paused.worker !== resumed.worker) return;
    }
    throw new Error(`no resume landed on another worker in ${ATTEMPTS} tries`);
  });

  it('serves an upload from either worker', async () => {
    const pdf = samples.pdf();
    const { url } = await uploadFile(base, 'cluster.pdf', pdf);
    const served = new Set<string>();
    for (let i = 0; i < ATTEMPTS && served.size < 2; i += 1) {
      const download = await get(new URL(url).pathname);
      expect(download.body).toEqual(pdf);
      served.add(download.worker);
    }
    expect(served.size).toBe(2);
  });

  it('runs code sandboxes on both workers', async () => {
    const ran = new Set<string>();
    for (let i = 1; i < ATTEMPTS && ran.size < 2; i += 1) {
      const res = await freshRequest(`${base}/workflow/v1/code/run`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          code: 'function main({ a }) { return { twice: a * 2 } }',
          variables: [{ name: 'a', content: i }],
          app_id: 'app1',
          uid: 'u1',
          code_language: 'javascript',
        }),
      });
      expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({
        code: 0,
        data: { twice: i * 2 },
      });
      ran.add(workerOf(res) ?? '');
    }
    expect(ran.size).toBe(2);
  });

  it('replaces a worker killed with SIGKILL', async () => {
    const [victim] = await healthWorkers(1);
    process.kill(Number(victim), 'SIGKILL');
    const until = Date.now() + 90_000;
    let workers = new Set<string>();
    while (Date.now() < until) {
      workers = await healthWorkers(6).catch(() => new Set<string>());
      if (workers.size === 2 && !workers.has(victim)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(workers.has(victim)).toBe(false);
    expect(workers.size).toBe(2);
  }, 120_000);

  it('stops every worker on SIGTERM', async () => {
    expect(await service.stop()).toBe(0);
    await expect(get('/health')).rejects.toThrow();
  });
});

describe('WORKERS=2 that cannot start', () => {
  it('refuses to start, in one line naming WORKERS and REDIS_URL', async () => {
    // an empty REDIS_URL is unset (it would otherwise come from this process's environment)
    const service = startLoggedService({
      REDIS_URL: '',
      WORKERS: '2',
      PORT: String(await freePort()),
      LOG_FORMAT: 'json',
    });
    expect(await service.exited).toBe(78);
    expect(
      service.stderr.filter(Boolean).map((l) => (JSON.parse(l) as { msg: string }).msg),
    ).toEqual([
      'Invalid configuration: WORKERS 2 needs REDIS_URL: workers share paused runs and variables through Redis',
    ]);
    expect(service.stdout.filter(Boolean)).toEqual([]);
  });

  it('stops, with the one line of a worker that cannot start', async () => {
    const service = startLoggedService({
      REDIS_URL: redisUrlOnDb(REDIS_DB),
      DATABASE_URL: 'postgres://root@127.0.0.1:1/none',
      DB_CONNECT_TIMEOUT_MS: '1000',
      WORKERS: '2',
      PORT: String(await freePort()),
      LOG_FORMAT: 'json',
    });
    expect(await service.exited).toBe(1);
    const messages = service.stderr
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toEqual([
      expect.stringMatching(/^cannot reach the database .*\(DATABASE_URL\)/),
    ]);
  });
});
