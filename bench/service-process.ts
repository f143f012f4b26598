import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import type { World } from '../test/chat.helpers';
import type { TestApp } from '../test/helpers/test-app';

const ROOT = join(__dirname, '..');
const ADMIN_TOKEN = 'bench-admin-token';

/**
 * The service as users run it — the compiled `dist/main.js` in its own process — on a scratch
 * SQLite database. Latency benchmarks measure this rather than an app inside the benchmark
 * process, whose heap also holds ts-node's compiler and whose loop is shared with the bench.
 */
export class ServiceProcess {
  private constructor(
    readonly base: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {}

  /** `nodeArgs`: e.g. `--cpu-prof` when looking into a figure; by default the space-separated
   * BENCH_SERVICE_NODE_ARGS (e.g. `--trace-gc`, which NODE_OPTIONS does not take) */
  static async start(
    env: Record<string, string> = {},
    nodeArgs: string[] = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ): Promise<ServiceProcess> {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-if-needed.js')], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    const dir = mkdtempSync(join(tmpdir(), 'bench-service-'));
    const port = await freePort();
    const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist', 'main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
        FILE_STORAGE_DIR: join(dir, 'files'),
        ADMIN_TOKEN,
        // `BENCH_SERVICE_LOG_LEVEL=warn` when looking into a failed run (the log goes to stdout)
        LOG_LEVEL: process.env.BENCH_SERVICE_LOG_LEVEL ?? 'silent',
        RUNTIME_ENV: 'test',
        SHUTDOWN_INTERVAL: '0',
        // BENCH_SERVICE_MALLOC_ARENA_MAX=2 when looking into memory (glibc's malloc arenas)
        ...passThrough('MALLOC_ARENA_MAX'),
        ...env,
      },
      // stdout too: the service logs nothing at LOG_LEVEL=silent, but node flags (--trace-gc) print
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const service = new ServiceProcess(`http://127.0.0.1:${port}`, child, dir);
    await service.waitReady();
    return service;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** CPU seconds (user + system) the service process has used so far; Linux only */
  cpuSeconds(): number | undefined {
    return processCpuSeconds(this.child.pid);
  }

  /** supertest against the running service, shaped like the tests' `TestApp` for helpers */
  asTestApp(): TestApp {
    return { http: () => supertest(this.base) } as unknown as TestApp;
  }

  /** A publishing tenant and a caller app, created through the admin API. */
  async createApps(suffix: string): Promise<World> {
    const world = { tenant: `ten${suffix}`, caller: `app${suffix}` };
    const create = (body: object) =>
      supertest(this.base)
        .post('/workflow/v1/admin/apps')
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .send(body)
        .expect(200);
    await create({
      alias_id: world.tenant,
      name: 'tenant',
      is_tenant: 1,
      plat_release_auth: 7,
      source: 1,
      actual_source: 1,
      api_key: 'tenant-key',
      api_secret: 'tenant-secret',
    });
    await create({
      alias_id: world.caller,
      name: 'caller',
      source: 1,
      actual_source: 1,
      api_key: 'caller-key',
      api_secret: 'caller-secret',
    });
    return world;
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error('the service exited while starting');
      try {
        if ((await fetch(`${this.base}/ready`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the service did not become ready in 60 s');
  }
}

/** `BENCH_SERVICE_<name>` of the bench's environment, given to the service as `<name>` */
function passThrough(...names: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = process.env[`BENCH_SERVICE_${name}`];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** CPU seconds (user + system, all threads) a process has used so far; Linux only */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
  } catch {
    return undefined;
  }
}
