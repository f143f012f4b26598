import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

// The service as a real child process (`src/main.ts` through ts-node, no build needed), for
// tests that must kill it the hard way (SIGKILL) and start another on the same stores.

const ROOT = join(__dirname, '..', '..');
const BOOT_TIMEOUT_MS = 60_000;

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** resolves when `/ready` answers 200 */
  ready: Promise<void>;
  /** SIGKILL: no shutdown hooks, leases and heartbeats stay as they were */
  kill(): void;
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

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  const until = Date.now() + BOOT_TIMEOUT_MS;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/ready`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('service did not become ready');
}

export async function startService(env: Record<string, string>): Promise<ServiceProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join('src', 'main.ts')],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const ready = waitReady(url, child);
  ready.catch(() => undefined); // awaited by the caller
  return { url, child, ready, kill: () => child.kill('SIGKILL') };
}
