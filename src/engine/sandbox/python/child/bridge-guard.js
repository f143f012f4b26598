'use strict';
/* global WebAssembly, module */
// The Python → JavaScript bridge guard of a Python sandbox process (see ../../README.md,
// "Python containment"). Pyodide reaches JavaScript values only through functions the
// WebAssembly module imports from its JS glue (`JsProxy_GetAttr_js`, `JsvObject_SetAttr`,
// `js2python_js`, …). This module wraps every such import before the module is instantiated;
// once armed (after boot, before any user code), the first call of one throws instead of
// running. The exception unwinds through the interpreter, which the caller treats as fatal: the
// run fails and the process exits. So user code that finds a bridge object (walking the object
// graph finds some) cannot read, write or call anything of the host with it, and the process it
// ran in never serves another run.
//
// The wrappers keep the verdict in this closure, out of reach of anything the interpreter can
// touch, and keep refusing after a breach whatever happens next.

// What the host itself needs while armed: zero-argument calls into Python answer `str`
// (`_python2js_*` build a JS string from wasm memory; the two checks only test a value the host
// passed). None of them reads or changes a host object.
const ALLOWED = new Set([
  'JsvError_Check',
  'JsvNoValue_Check',
  '_python2js_ascii',
  '_python2js_ucs1',
  '_python2js_ucs2',
  '_python2js_ucs4',
]);
// Imports that handle JS values: an externref (`e`) in the signature, or a name of the bridge
// (and Emscripten's `eval` of a string, which nothing but ctypes could reach anyway).
const BRIDGE_NAME =
  /^_{0,2}(js|Js|python2js|pyproxy|proxy_cache|hiwire)|^emscripten_(async_)?run_script/;
// Imports the guard must have wrapped, or Pyodide changed and the guard would be blind.
const REQUIRED = [
  'JsProxy_GetAttr_js',
  'JsProxy_SetAttr_js',
  'JsvObject_CallMethod',
  'js2python_js',
];

let armed = false;
let breach;
const guarded = new Set();

class BridgeRefused extends Error {}

function isBridge(name, fn) {
  if (ALLOWED.has(name)) return false;
  return BRIDGE_NAME.test(name) || (typeof fn.sig === 'string' && fn.sig.includes('e'));
}

function wrap(name, fn) {
  function refusing(...args) {
    if (armed) {
      breach ??= name;
      throw new BridgeRefused(`the sandbox refused ${name}`);
    }
    return fn.apply(this, args);
  }
  // Emscripten reads metadata (`sig`, …) off its imports
  for (const key of Object.keys(fn)) refusing[key] = fn[key];
  return refusing;
}

function guardImports(imports) {
  const env = imports && imports.env;
  if (!env || typeof env !== 'object') return;
  for (const name of Object.keys(env)) {
    const fn = env[name];
    if (typeof fn !== 'function' || !isBridge(name, fn) || guarded.has(name)) continue;
    env[name] = wrap(name, fn);
    guarded.add(name);
  }
}

/** Wraps the bridge imports of every module instantiated until `arm()`; call before loading. */
function install() {
  const instantiate = WebAssembly.instantiate;
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  const Instance = WebAssembly.Instance;
  WebAssembly.instantiate = function (source, imports, ...rest) {
    guardImports(imports);
    return instantiate.call(this, source, imports, ...rest);
  };
  if (instantiateStreaming) {
    WebAssembly.instantiateStreaming = function (source, imports, ...rest) {
      guardImports(imports);
      return instantiateStreaming.call(this, source, imports, ...rest);
    };
  }
  WebAssembly.Instance = function (module, imports) {
    guardImports(imports);
    return new Instance(module, imports);
  };
  WebAssembly.Instance.prototype = Instance.prototype;
  return function uninstall() {
    WebAssembly.instantiate = instantiate;
    WebAssembly.instantiateStreaming = instantiateStreaming;
    WebAssembly.Instance = Instance;
  };
}

/** From now on every bridge call is refused; throws if the guard could not see the bridge. */
function arm() {
  const missing = REQUIRED.filter((name) => !guarded.has(name));
  if (missing.length > 0) {
    throw new Error(`the bridge guard did not find ${missing.join(', ')}; refusing to start`);
  }
  armed = true;
}

/** The first bridge import user code called, or undefined. */
function breached() {
  return breach;
}

module.exports = { install, arm, breached, guardedCount: () => guarded.size };
