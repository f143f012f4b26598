'use strict';
/* global require, WebAssembly */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: runs without a TS loader */
// One JavaScript sandbox: a worker thread holding a QuickJS WebAssembly module. Every job gets
// a fresh QuickJS runtime and context with memory, stack and time limits; the only host
// function inside is `console.log` (captured, capped). The parent terminates this thread if a
// job overruns its deadline (QuickJS can stall in GC near its memory limit), and retires it
// after a job that ran out of memory.
// Protocol: parent → { id, code, args, timeoutMs, maxOutputChars }; worker → { ready } once,
// then { id, status, text, stdout } per job. Plain JavaScript: loaded without a TS loader.

const { parentPort, workerData } = require('node:worker_threads');
const { newQuickJSWASMModuleFromVariant, newVariant } = require('quickjs-emscripten-core');
const RELEASE_SYNC = require('@jitl/quickjs-wasmfile-release-sync').default;

const { memoryLimitBytes, stackLimitBytes } = workerData;
const MAX_STDOUT_CHARS = 64 * 1024;
const MAX_STACK_LINES = 20;
const WASM_PAGE_BYTES = 64 * 1024;
// The module declares its imported memory with a minimum of 256 pages (16 MiB).
const MODULE_MIN_PAGES = 256;
// Besides a run's own data the memory holds the module's static data and 5 MiB C stack
// (≈5.1 MiB of addresses, mostly never touched) and a fresh runtime and context (≈0.9 MiB):
// with 6 MiB a run can still hold about its whole limit (64 strings of 1 MiB under 64 MiB).
const HEADROOM_BYTES = 6 * 1024 * 1024;

/** Set when the heap asked for more memory than the cap: an allocation of this run failed. */
let heapExhausted = false;

/**
 * The wasm memory is what bounds a run. This build has no malloc_usable_size, so QuickJS counts
 * 8 bytes per block and `setMemoryLimit` never bites; left alone, the heap grows to 2 GiB inside
 * the service process. The memory starts at its maximum (pages count only once touched), so
 * any grow request means malloc found no room: the run is out of memory.
 */
function boundedMemory() {
  const capBytes = memoryLimitBytes + HEADROOM_BYTES;
  const pages = Math.max(MODULE_MIN_PAGES, Math.ceil(capBytes / WASM_PAGE_BYTES));
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const grow = memory.grow.bind(memory);
  memory.grow = (delta) => {
    heapExhausted = true;
    return grow(delta);
  };
  return memory;
}

function describeError(vm, handle) {
  const error = vm.dump(handle);
  if (error && typeof error === 'object') {
    const head = `${error.name || 'Error'}: ${error.message ?? ''}`;
    const lines = typeof error.stack === 'string' ? error.stack.trimEnd().split('\n') : [];
    const stack = lines.slice(0, MAX_STACK_LINES).join('\n');
    return stack ? `${head}\n${stack}` : head;
  }
  return `Uncaught ${JSON.stringify(error) ?? String(error)}`;
}

function statusOfError(text, timedOut) {
  if (timedOut || /^InternalError: interrupted/.test(text)) return 'timeout';
  if (/^InternalError: out of memory/.test(text)) return 'memory';
  return 'runtime';
}

function installConsole(vm, output) {
  const log = vm.newFunction('log', (...args) => {
    const line = args.map((arg) => {
      const value = vm.dump(arg);
      return typeof value === 'string' ? value : JSON.stringify(value);
    });
    if (output.text.length < MAX_STDOUT_CHARS) {
      output.text += `${line.join(' ')}\n`.slice(0, MAX_STDOUT_CHARS - output.text.length);
    }
  });
  const consoleObject = vm.newObject();
  vm.setProp(consoleObject, 'log', log);
  vm.setProp(vm.global, 'console', consoleObject);
  log.dispose();
  consoleObject.dispose();
}

/** Result text as the Python sandbox prints it: strings raw, anything else as JSON. A value
 * JSON cannot encode (a cycle, a BigInt) fails like a throw, with every handle released: a
 * leaked handle makes the runtime's dispose abort and keep the run's memory. */
function encodeResult(vm, handle) {
  if (vm.typeof(handle) === 'string') return { status: 'ok', text: vm.getString(handle) };
  if (vm.typeof(handle) === 'undefined') return { status: 'ok', text: 'null' };
  const json = vm.getProp(vm.global, 'JSON');
  const stringify = vm.getProp(json, 'stringify');
  const encoded = vm.callFunction(stringify, json, handle);
  [stringify, json].forEach((h) => h.dispose());
  if (encoded.error) return { error: encoded.error };
  const text = vm.typeof(encoded.value) === 'string' ? vm.getString(encoded.value) : 'null';
  encoded.value.dispose();
  return { status: 'ok', text };
}

/** Runs queued promise jobs in slices so a job that keeps queueing jobs meets the deadline. */
function drainJobs(runtime, deadline) {
  while (Date.now() <= deadline) {
    const result = runtime.executePendingJobs(1000);
    if (result.error) {
      result.error.dispose();
      return;
    }
    if (result.value === 0) return;
  }
}

function callMain(vm, runtime, argsJson, deadline) {
  const main = vm.getProp(vm.global, 'main');
  if (vm.typeof(main) !== 'function') {
    main.dispose();
    return { status: 'build', text: 'can not find main function' };
  }
  const json = vm.getProp(vm.global, 'JSON');
  const parse = vm.getProp(json, 'parse');
  const source = vm.newString(argsJson);
  const args = vm.unwrapResult(vm.callFunction(parse, json, source));
  [source, parse, json].forEach((h) => h.dispose());
  const called = vm.callFunction(main, vm.undefined, args);
  main.dispose();
  args.dispose();
  if (called.error) return { error: called.error };
  // An async main settles through the job queue; a still pending promise is an error.
  drainJobs(runtime, deadline);
  if (Date.now() > deadline) {
    called.value.dispose();
    return { status: 'timeout', text: '' };
  }
  const state = vm.getPromiseState(called.value);
  if (state.type === 'pending') {
    called.value.dispose();
    return { status: 'runtime', text: 'main returned a promise that never settled' };
  }
  if (state.type === 'rejected') {
    called.value.dispose();
    return { error: state.error };
  }
  const result = encodeResult(vm, state.value);
  if (state.value !== called.value) state.value.dispose();
  called.value.dispose();
  return result;
}

function runJob(quickjs, job) {
  const deadline = Date.now() + job.timeoutMs;
  heapExhausted = false;
  const runtime = quickjs.newRuntime();
  // Kept for builds that measure blocks; here the capped wasm memory is the limit.
  runtime.setMemoryLimit(memoryLimitBytes);
  runtime.setMaxStackSize(stackLimitBytes);
  runtime.setInterruptHandler(() => Date.now() > deadline);
  const vm = runtime.newContext();
  const output = { text: '' };
  let outcome;
  try {
    installConsole(vm, output);
    const evaluated = vm.evalCode(job.code, 'code.js', { type: 'global' });
    if (evaluated.error) outcome = { error: evaluated.error };
    else {
      evaluated.value.dispose();
      outcome = callMain(vm, runtime, job.args, deadline);
    }
    if (outcome.error) {
      const text = describeError(vm, outcome.error);
      outcome.error.dispose();
      outcome = { status: statusOfError(text, Date.now() > deadline), text };
    }
  } catch (error) {
    const text = String((error && error.message) || error);
    outcome = { status: statusOfError(text, Date.now() > deadline), text };
  } finally {
    try {
      vm.dispose();
      runtime.dispose();
    } catch {
      // A runtime that ran out of memory may fail to free; the parent retires this worker.
      outcome = outcome?.status === 'ok' ? { status: 'memory', text: 'out of memory' } : outcome;
    }
  }
  // A failed allocation can surface as anything (`null` thrown, an empty string read back, a
  // caught error), and the heap stays full: the run ends as out of memory and, not being a
  // clean status, has the pool retire this worker.
  if (heapExhausted && outcome.status !== 'memory') {
    const limitMb = Math.round(memoryLimitBytes / 2 ** 20);
    outcome = { status: 'memory', text: `out of memory (the limit is ${limitMb} MB)` };
  }
  if (outcome.status === 'ok' && outcome.text.length > job.maxOutputChars) {
    const size = outcome.text.length;
    outcome = {
      status: 'output',
      text: `output has ${size} characters, the limit is ${job.maxOutputChars}`,
    };
  }
  return { id: job.id, status: outcome.status, text: outcome.text, stdout: output.text };
}

newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmMemory: boundedMemory() })).then(
  (quickjs) => {
    parentPort.on('message', (job) => parentPort.postMessage(runJob(quickjs, job)));
    parentPort.postMessage({ ready: true });
  },
  (error) => parentPort.postMessage({ ready: false, text: String(error) }),
);
