import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sandboxAsset } from '../sandbox-assets';

/**
 * How a Python sandbox process is started. Layers, strongest first, each probed once:
 * - `unshare --net --pid --fork --kill-child`: no network interface but a down loopback (host
 *   services on 127.0.0.1 unreachable), and no host PID visible, so no signal reaches the host;
 *   `--kill-child` takes the sandbox down with its launcher. As root this needs no user
 *   namespace; otherwise a user namespace (`--map-root-user`) is tried.
 * - `setpriv` to nobody (when started as root): the child owns no file and can signal nothing.
 * - Node's permission model: read access to the pyodide package and the child folder only; no
 *   write, no child processes, no worker threads, no native addons.
 * - `--disallow-code-generation-from-strings`: JS `eval`/`Function` throw, so code that reaches
 *   the JS bridge cannot compile new JavaScript (dynamic `import()` needs source text).
 * - An empty environment.
 */
export interface SandboxIsolation {
  network: 'namespace' | 'none';
  pid: 'namespace' | 'none';
  user: 'nobody' | 'inherited';
}

export interface SandboxCommand {
  file: string;
  args: string[];
  isolation: SandboxIsolation;
}

const UNSHARE = '/usr/bin/unshare';
const SETPRIV = '/usr/bin/setpriv';
const NOBODY = '65534';

let probed: { prefix: string[]; isolation: SandboxIsolation } | undefined;

function works(command: string[]): boolean {
  if (!existsSync(command[0])) return false;
  const result = spawnSync(command[0], command.slice(1), {
    env: {},
    stdio: 'ignore',
    timeout: 5000,
  });
  return result.status === 0;
}

/** Probes the namespace and user layers once per process (about 20 ms). */
function probeIsolation(): { prefix: string[]; isolation: SandboxIsolation } {
  if (probed) return probed;
  const node = process.execPath;
  const namespaces = ['--net', '--pid', '--fork', '--kill-child'];
  let prefix: string[] = [];
  let network: SandboxIsolation['network'] = 'none';
  if (process.platform === 'linux') {
    for (const candidate of [namespaces, ['--user', '--map-root-user', ...namespaces]]) {
      if (works([UNSHARE, ...candidate, node, '--version'])) {
        prefix = [UNSHARE, ...candidate];
        network = 'namespace';
        break;
      }
    }
  }
  let user: SandboxIsolation['user'] = 'inherited';
  const dropToNobody = [SETPRIV, `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // nobody must be able to read the pyodide package (a project under /root would not be).
  const readCheck = [node, '--check', join(pyodideDirectory(), 'pyodide.js')];
  if (isRoot && works([...prefix, ...dropToNobody, ...readCheck])) {
    prefix = [...prefix, ...dropToNobody, '--no-new-privs'];
    user = 'nobody';
  }
  probed = { prefix, isolation: { network, pid: network, user } };
  return probed;
}

/** `--permission` since Node 22.13 / 23.5, `--experimental-permission` before. */
function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission')
    ? '--permission'
    : '--experimental-permission';
}

let readFlagForm: 'repeated' | 'comma-list' | undefined;

/** Node's permission flags granting read access to `readable` (files and folders) only. */
function permissionFlags(readable: string[], probeFiles: string[]): string[] {
  const flag = permissionFlag();
  const forms = {
    repeated: readable.map((path) => `--allow-fs-read=${path}`),
    'comma-list': [`--allow-fs-read=${readable.join(',')}`],
  };
  // Early Node 20 releases take one comma-separated list; later ones (and 22+) the flag once
  // per path. Probed once by reading the files the sandbox needs.
  if (!readFlagForm) {
    const probe = `for (const f of ${JSON.stringify(probeFiles)}) require('fs').readFileSync(f)`;
    readFlagForm =
      (['repeated', 'comma-list'] as const).find((form) =>
        works([process.execPath, flag, ...forms[form], '--no-warnings', '-e', probe]),
      ) ?? 'repeated';
  }
  return [flag, ...forms[readFlagForm]];
}

export function pyodideDirectory(): string {
  return dirname(require.resolve('pyodide/pyodide.js'));
}

/** The Python sandbox: pyodide-child.js with read access to itself and the pyodide package. */
export function pythonSandboxCommand(): SandboxCommand {
  const childDir = dirname(sandboxAsset('python/child/pyodide-child.js'));
  const pyodideDir = pyodideDirectory();
  const permissions = permissionFlags(
    [pyodideDir, childDir],
    [join(pyodideDir, 'pyodide.js'), join(childDir, 'pyodide-child.js')],
  );
  return isolatedNodeCommand(permissions, [join(childDir, 'pyodide-child.js'), pyodideDir]);
}

/** Node under every isolation layer, no read access at all: for testing the layers alone. */
export function bareIsolatedNodeCommand(scriptArgs: string[]): SandboxCommand {
  return isolatedNodeCommand([permissionFlag()], scriptArgs);
}

function isolatedNodeCommand(permissions: string[], scriptArgs: string[]): SandboxCommand {
  const { prefix, isolation } = probeIsolation();
  const command = [
    ...prefix,
    process.execPath,
    ...permissions,
    '--disallow-code-generation-from-strings',
    '--no-warnings',
    ...scriptArgs,
  ];
  return { file: command[0], args: command.slice(1), isolation };
}
