'use strict';
/* global require, process, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: runs without a TS loader */
// One Python sandbox process. Started by python-sandbox-process.ts under Node's permission model
// (read access to the pyodide package and this folder only), with an empty environment and,
// where the host allows it, in fresh network and PID namespaces as an unprivileged user.
// The bridge guard (bridge-guard.js) is armed once booted: from then on the host hands Python no
// JS value and takes back only strings — the job goes through a file of Emscripten's in-memory
// file system, the answer is one string.
// Protocol over the IPC channel: parent → { id, code, args, timeoutMs, maxOutputChars };
// child → { ready, rss } once, then per job { id, status, text, stdout, rss } as soon as the run
// ends and { id, reset } once the interpreter state is put back (the next job may come then).
// Plain JavaScript on purpose: it runs without a TypeScript loader inside the sandbox.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const bridgeGuard = require('./bridge-guard.js');

const [pyodideDir] = process.argv.slice(2);
const send = process.send.bind(process);
const onParentMessage = process.on.bind(process, 'message');
// The service went away (crash or restart): nothing will ever ask this sandbox again.
process.on('disconnect', () => process.exit(0));
const MAX_STDOUT_CHARS = 64 * 1024;
// where each job is written for the harness (harness.py reads it)
const JOB_DIR = '/sandbox';
const JOB_PATH = `${JOB_DIR}/job.json`;
// Putting the state back takes a few milliseconds; past this, user finalizers are looping.
const RESET_BUDGET_MS = 2000;

// Emscripten's NODEFS asks `process.binding('constants')`; everything else is refused.
const constants = { fs: fs.constants, os: os.constants };
process.binding = (name) => {
  if (name === 'constants') return constants;
  throw new Error(`process.binding(${name}) is not available in the sandbox`);
};

let deadline = Infinity;
// Pyodide reads `[0]` of the interrupt buffer between bytecodes; 2 = SIGINT. A getter lets the
// single-threaded child interrupt itself at the deadline without a second thread. It fires
// once: code that swallows the KeyboardInterrupt keeps running until the parent kills it.
const deadlineInterrupt = Object.freeze({
  get 0() {
    if (Date.now() <= deadline) return 0;
    deadline = Infinity;
    return 2;
  },
  set 0(_value) {},
});

let stdout = '';
function captureStdout(text) {
  if (stdout.length < MAX_STDOUT_CHARS)
    stdout += `${text}\n`.slice(0, MAX_STDOUT_CHARS - stdout.length);
}

/** Removes what user code could use to reach the host if it ever got hold of the JS bridge. */
function neutraliseHost() {
  for (const key of [
    'getBuiltinModule',
    'mainModule',
    'dlopen',
    'kill',
    '_kill',
    '_debugProcess',
    '_debugEnd',
    '_linkedBinding',
    'chdir',
    'setuid',
    'setgid',
    'seteuid',
    'setegid',
    'setgroups',
  ]) {
    try {
      delete process[key];
    } catch {
      /* non-configurable: left as is */
    }
  }
  for (const key of ['fetch', 'WebSocket', 'EventSource', 'XMLHttpRequest', 'require', 'module']) {
    delete globalThis[key];
  }
  for (const key of ['on', 'addListener', 'prependListener', 'once', 'removeAllListeners']) {
    process[key] = () => {
      throw new Error('process events are not available in the sandbox');
    };
  }
}

async function boot() {
  const uninstallGuard = bridgeGuard.install();
  const { loadPyodide } = require(path.join(pyodideDir, 'pyodide.js'));
  const pyodide = await loadPyodide({
    indexURL: `${pyodideDir}${path.sep}`,
    env: { HOME: '/home/pyodide' },
    stdout: captureStdout,
    stderr: () => {},
  });
  const read = (name) => fs.readFileSync(path.join(__dirname, name), 'utf8');
  // The harness and the baseline live in module namespaces that are not in sys.modules, so
  // user code cannot reach them by name; only two functions are handed back to JS.
  const scope = pyodide.globals.get('dict')();
  scope.set('baseline_source', read('baseline.py'));
  scope.set('harness_source', read('harness.py'));
  pyodide.runPython(
    'import types\n' +
      "baseline = types.ModuleType('sandbox_baseline')\n" +
      'exec(compile(baseline_source, "<baseline>", "exec"), baseline.__dict__)\n' +
      "harness = types.ModuleType('sandbox_harness')\n" +
      'harness.baseline = baseline\n' +
      'exec(compile(harness_source, "<harness>", "exec"), harness.__dict__)\n' +
      'sandbox_run = harness.sandbox_run\n' +
      'sandbox_reset = harness.sandbox_reset\n' +
      'del baseline, harness, types',
    { globals: scope },
  );
  const sandboxRun = scope.get('sandbox_run');
  const sandboxReset = scope.get('sandbox_reset');
  scope.destroy();
  pyodide.FS.mkdirTree(JOB_DIR);
  pyodide.setInterruptBuffer(deadlineInterrupt);
  neutraliseHost();
  // Boot's own bridge objects that are garbage go now, not inside a later run (freeing one is a
  // bridge call); what survives is frozen, so the collection after each run scans only what
  // runs created (≈ 1 ms instead of ≈ 20 ms).
  pyodide.runPython('import gc\ngc.collect()\ngc.freeze()');
  uninstallGuard();
  bridgeGuard.arm();
  return { pyodide, sandboxRun, sandboxReset };
}

/** The job as harness.py reads it; `args` is JSON text already. */
function jobFile(job) {
  return `{"code":${JSON.stringify(job.code)},"max":${Number(job.maxOutputChars)},"args":${job.args}}`;
}

/** `status\ntext` from the harness. */
function splitReply(reply) {
  const cut = reply.indexOf('\n');
  return [reply.slice(0, cut), reply.slice(cut + 1)];
}

function refusedBridge(name) {
  return (
    'access to JavaScript objects from Python is not allowed in the sandbox ' +
    `(${name}); the sandbox process was discarded`
  );
}

function runJob({ pyodide, sandboxRun }, job) {
  stdout = '';
  const started = Date.now();
  let status;
  let text;
  try {
    pyodide.FS.writeFile(JOB_PATH, jobFile(job));
    deadline = started + job.timeoutMs;
    [status, text] = splitReply(sandboxRun());
  } catch (error) {
    // Only interpreter-level failures get here (the harness catches Python exceptions): a JS
    // stack overflow inside the wasm stack, a Pyodide fatal error, or an interrupt that hit the
    // harness itself. Past the deadline it is a timeout; otherwise the interpreter may be
    // inconsistent, so this process answers and exits (the pool starts a fresh one).
    text = String((error && error.message) || error).slice(0, 4000);
    status = Date.now() - started >= job.timeoutMs ? 'timeout' : 'fatal';
  } finally {
    deadline = Infinity;
    unlinkJob(pyodide);
  }
  if (status === 'ok' && Date.now() - started > job.timeoutMs) status = 'timeout';
  // Checked last: whatever the interpreter answered, a run that crossed the bridge ends here.
  if (bridgeGuard.breached()) {
    [status, text] = ['fatal', refusedBridge(bridgeGuard.breached())];
    stdout = ''; // Pyodide's fatal-error dump of the harness frames
  }
  return { id: job.id, status, text, stdout, rss: process.memoryUsage().rss };
}

function unlinkJob(pyodide) {
  try {
    pyodide.FS.unlink(JOB_PATH);
  } catch {
    /* not written */
  }
}

/** Puts the interpreter state back after a run; a process that cannot is not reused. */
function resetAfterJob({ sandboxReset }, job) {
  deadline = Date.now() + RESET_BUDGET_MS;
  try {
    const reset = sandboxReset();
    // a finalizer of the run that crossed the bridge while the state was put back
    if (bridgeGuard.breached()) return { id: job.id, reset: 'failed' };
    return { id: job.id, reset: reset === 'restored' ? 'restored' : 'clean' };
  } catch {
    return { id: job.id, reset: 'failed' };
  } finally {
    deadline = Infinity;
  }
}

boot().then(
  (sandbox) => {
    onParentMessage((job) => {
      const reply = runJob(sandbox, job);
      send(reply);
      if (reply.status === 'fatal') process.exit(70);
      const reset = resetAfterJob(sandbox, job);
      if (reset.reset === 'failed') send(reset, () => process.exit(70));
      else send(reset);
    });
    send({ ready: true, rss: process.memoryUsage().rss });
  },
  (error) => {
    send({ ready: false, text: String((error && error.stack) || error) });
    process.exit(70);
  },
);
