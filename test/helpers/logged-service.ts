import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

// The service as a real child process (`src/main.ts` through ts-node) whose stdout and stderr
// are kept line by line: for specs about what an operator reads in the log.

const ROOT = join(__dirname, '..', '..');

export interface LoggedService {
  stdout: string[];
  stderr: string[];
  /** resolves with the exit code (or the signal's name) once the process has ended */
  exited: Promise<number | string>;
  /** resolves with the first stdout line matching, fails if the process ends first */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<number | string>;
}

export function startLoggedService(env: Record<string, string>): LoggedService {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join('src', 'main.ts')],
    { cwd: ROOT, env: { ...process.env, HOST: '127.0.0.1', ...env }, stdio: 'pipe' },
  );
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters = new Set<() => void>();
  const collect = (into: string[]) => {
    let partial = '';
    return (piece: Buffer) => {
      const lines = (partial + piece.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      into.push(...lines);
      for (const wake of waiters) wake();
    };
  };
  child.stdout.on('data', collect(stdout));
  child.stderr.on('data', collect(stderr));
  let ended = false;
  const exited = new Promise<number | string>((resolve) =>
    child.on('close', (code, signal) => {
      ended = true;
      resolve(code ?? signal ?? 'unknown');
      for (const wake of waiters) wake();
    }),
  );

  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`no line matching ${pattern}`)), timeoutMs);
      const check = () => {
        const line = stdout.find((candidate) => pattern.test(candidate));
        if (line !== undefined) finish(undefined, line);
        else if (ended) {
          finish(new Error(`exited before ${pattern}: ${stderr.join('\n')}`));
        }
      };
      const finish = (error?: Error, line?: string) => {
        clearTimeout(timer);
        waiters.delete(check);
        if (error) reject(error);
        else resolve(line!);
      };
      waiters.add(check);
      check();
    });

  const stop = () => {
    if (!ended) child.kill('SIGTERM');
    return exited;
  };
  return { stdout, stderr, exited, waitFor, stop };
}

/** A port this machine is not using (bound then released). */
export async function freePort(): Promise<number> {
  const server = await listening(0);
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP server on 127.0.0.1 that accepts connections and never answers. */
export function listening(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(() => undefined);
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
