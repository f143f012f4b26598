import { spawnSync } from 'node:child_process';
import { createServer, Server } from 'node:net';
import { bareIsolatedNodeCommand, pythonSandboxCommand } from './sandbox-launcher';

// The process layers alone, without the Python guards: what code that got hold of the JS
// bridge inside the sandbox process could still do. The probe runs under the same launcher
// prefix and Node flags as the Python sandbox.
let canary: Server;
let port = 0;
let hits = 0;

beforeAll(async () => {
  canary = createServer((socket) => {
    hits += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  port = (canary.address() as { port: number }).port;
});
afterAll(() => new Promise((resolve) => canary.close(resolve)));

// Each attempt reports `denied: <reason>` or what it achieved.
const PROBE = `
const results = {};
const attempt = (name, fn) => { try { results[name] = 'ALLOWED ' + String(fn()).slice(0, 40); }
  catch (e) { results[name] = 'denied: ' + (e.code || e.name); } };
attempt('readPasswd', () => require('fs').readFileSync('/etc/passwd', 'utf8'));
attempt('writeTmp', () => require('fs').writeFileSync('/tmp/sandbox-probe', 'x'));
attempt('spawn', () => require('child_process').spawnSync('/bin/true').status);
attempt('worker', () => new (require('worker_threads').Worker)('1', { eval: true }));
attempt('killParent', () => process.kill(Number(process.argv[1]), 0));
attempt('env', () => { if (Object.keys(process.env).length) return JSON.stringify(process.env); throw { code: 'EMPTY' }; });
const socket = require('net').connect(Number(process.argv[2]), '127.0.0.1');
socket.on('connect', () => { results.connect = 'ALLOWED'; done(); });
socket.on('error', (e) => { results.connect = 'denied: ' + e.code; done(); });
function done() { process.stdout.write(JSON.stringify(results)); process.exit(0); }
`;

describe('sandbox launcher isolation layers', () => {
  it('builds the Python sandbox command with the permission model and no code generation', () => {
    const { args } = pythonSandboxCommand();
    expect(args.join(' ')).toMatch(/--(experimental-)?permission/);
    expect(args).toContain('--disallow-code-generation-from-strings');
    expect(args.filter((arg) => arg.startsWith('--allow-fs-read')).join(' ')).not.toMatch(
      /allow-fs-read=\/($|\s|,)/,
    );
    expect(args.some((arg) => arg.startsWith('--allow-fs-write'))).toBe(false);
  });

  it('denies files, processes, workers, signals to the host, environment and network', () => {
    const { file, args, isolation } = bareIsolatedNodeCommand([
      '-e',
      PROBE,
      String(process.pid),
      String(port),
    ]);
    const result = spawnSync(file, args, {
      env: { CANARY: 'x' },
      encoding: 'utf8',
      timeout: 10000,
    });
    const report = JSON.parse(result.stdout) as Record<string, string>;
    expect(report.readPasswd).toBe('denied: ERR_ACCESS_DENIED');
    expect(report.writeTmp).toBe('denied: ERR_ACCESS_DENIED');
    expect(report.spawn).toBe('denied: ERR_ACCESS_DENIED');
    expect(report.worker).toBe('denied: ERR_ACCESS_DENIED');
    // The pool spawns with an empty environment; here we pass one to show it is not filtered
    // by the layers themselves, only by the spawn.
    expect(report.env).toContain('CANARY');
    if (isolation.network === 'namespace') {
      expect(report.connect).toMatch(/^denied: (ENETUNREACH|ECONNREFUSED)/);
      expect(hits).toBe(0);
    }
    if (isolation.pid === 'namespace') expect(report.killParent).toMatch(/^denied: ESRCH/);
  });
});
