'use strict';
// Everything Node-specific: where the build lives, how the module is instantiated, how worker
// threads stop keeping the process alive, results as Buffers, and AsyncResource for callbacks.

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const url = require('node:url');
const util = require('node:util');
const { AsyncResource } = require('node:async_hooks');
const { BroadcastChannel } = require('node:worker_threads');
const { randomInt } = crypto;
const { NodeHasher } = require('./node-hasher');
const { openFile, fileInfo, maxOpenFiles } = require('./node-files');
const { syncModule } = require('./node-sync');
const { walkTree } = require('./node-walk');
const { unsupported } = require('../args/errors');

// Resolved from this file, never from process.cwd(), so an installed package finds its build
// wherever the user runs from.
const DIST = path.join(__dirname, '..', '..', 'dist');

// NODE_DEBUG=parahash lets the engine's own diagnostics through to stderr (a crashed thread's
// stack, emscripten's messages); without it a library stays quiet and says it in its errors.
const debug = util.debuglog('parahash');

let factory = null;
let wasmBinary = null;
const MODULE_PROTOTYPE = Object.freeze(Object.create(null, { hasOwnProperty: { value: Object.prototype.hasOwnProperty } }));

// Node's permission model (--experimental-permission, --permission) names what it denied in
// error.permission; the flag that grants it, for the message.
const GRANTS = { WorkerThreads: '--allow-worker', FileSystemRead: '--allow-fs-read', ChildProcess: '--allow-child-process' };

// An ERR_ACCESS_DENIED of the permission model as ERR_PARAHASH_UNSUPPORTED, which says what was
// denied and how to grant it (it is no crash: nothing ran); anything else unchanged.
function denied(error) {
  if (error?.code !== 'ERR_ACCESS_DENIED') return error;
  const permission = typeof error.permission === 'string' ? error.permission : 'unknown';
  const grant = Object.hasOwn(GRANTS, permission) ? GRANTS[permission] : 'the matching --allow-* flag';
  const what = permission === 'WorkerThreads' ? 'its pool threads are worker_threads Workers'
    : permission === 'FileSystemRead' ? `it reads its WebAssembly build from ${DIST}` : 'it needs it';
  return unsupported(`parahash cannot start under Node's permission model without the ${permission} permission ` +
    `(${what}): run node with ${grant}${permission === 'FileSystemRead' ? `=${DIST}` : ''}`, error);
}

// The runtime takes a shared WebAssembly.Memory only when its buffer is `instanceof
// SharedArrayBuffer`, and when it is not, prints a hint on stdout with console.log (a library
// must not write there). A global SharedArrayBuffer replaced by a polyfill or a patch fails that
// test however real the memory is, so it is refused here, with a code, before the runtime runs.
function checkSharedMemory() {
  let memory;
  try {
    memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  } catch {
    return; // no address space left, say: the runtime's own attempt reports it
  }
  if (typeof SharedArrayBuffer !== 'function' || !(memory.buffer instanceof SharedArrayBuffer)) {
    throw unsupported('globalThis.SharedArrayBuffer is not the runtime\'s own (a polyfill or a patch replaced it), ' +
      'so the WebAssembly runtime cannot recognise its shared memory; leave SharedArrayBuffer as Node defines it');
  }
}

function load() {
  if (factory) return;
  try {
    wasmBinary = fs.readFileSync(path.join(DIST, 'parahash.wasm'));
    factory = require(path.join(DIST, 'parahash.js'));
  } catch (cause) {
    if (cause?.code === 'ERR_ACCESS_DENIED') throw denied(cause);
    throw new Error(`parahash: the WebAssembly build is missing from ${DIST}. In a clone of the ` +
      `repository run "npm run build"; an installed package ships it prebuilt.`, { cause });
  }
}

let hashes = null;
const hostHashes = () => (hashes ??= new Set(crypto.getHashes()));

// A Buffer over the same memory as `bytes` (a Uint8Array over a whole buffer): for the heap, kept
// per SharedArrayBuffer (growth replaces it); for a copy, made once.
const heapViews = new WeakMap();
function viewOf(bytes) {
  if (Buffer.isBuffer(bytes)) return bytes;
  if (!(bytes.buffer instanceof SharedArrayBuffer)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let view = heapViews.get(bytes.buffer);
  if (view === undefined) heapViews.set(bytes.buffer, (view = Buffer.from(bytes.buffer)));
  return view;
}

function workersOf(module) {
  const pthread = module?.parahashRuntime?.pthread;
  return pthread ? [...pthread.runningWorkers, ...pthread.unusedWorkers] : [];
}

// A null-prototype object, like every object of ours that is read by name: a property polluted
// onto Object.prototype (`startBackend`, `maxThreads`) must not read as a platform feature.
const nodePlatform = Object.assign(Object.create(null), {
  defaultThreads() {
    return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  },

  // locateFile(name, defaultPath) → another path (or file: URL) for parahash.wasm or
  // parahash.worker.js, as createPool({ locateFile }) gives it.
  async instantiate({ threads, onAbort, locateFile }) {
    load();
    checkSharedMemory();
    const locate = (file) => {
      const fallback = path.join(DIST, file);
      const answer = locateFile === undefined ? undefined : locateFile(file, fallback);
      if (answer === undefined || answer === null) return fallback;
      return String(answer).startsWith('file:') ? url.fileURLToPath(String(answer)) : String(answer);
    };
    const wasmPath = locate('parahash.wasm');
    // Outside Object.prototype's reach: the runtime reads dozens of optional settings from this
    // object (Module["preRun"], Module["instantiateWasm"], …), none of which may come from a
    // polluted Object.prototype. Its prototype holds the one method Embind calls on it.
    const moduleArg = Object.assign(Object.create(MODULE_PROTOTYPE), {
      poolSize: threads, // PTHREAD_POOL_SIZE is Module.poolSize: preload one worker per thread
      // Node 20's fetch can't load a file path (TOOLCHAIN.md §2), so hand over the bytes.
      wasmBinary: wasmPath === path.join(DIST, 'parahash.wasm') ? wasmBinary : fs.readFileSync(wasmPath),
      locateFile: locate,
      onAbort,
      print: (text) => debug('%s', text),
      printErr: (text) => debug('%s', text),
    });
    try {
      return await factory(moduleArg);
    } catch (error) {
      // Workers may already run (a failure in Embind's set-up comes after they started); left
      // alone, they would keep the process alive for ever.
      this.terminate(moduleArg);
      throw denied(error);
    }
  },

  // Ends every thread of an instance; the instance is unusable afterwards.
  terminate(module) {
    for (const worker of workersOf(module)) worker.terminate();
  },

  // A later macrotask: the check phase of this turn of the loop, after I/O, before the next
  // timers. Never a microtask, so a long run of completions cannot starve the loop.
  schedule: setImmediate,

  refWorkers(workers, keepAlive) {
    for (const worker of workers) keepAlive ? worker.ref() : worker.unref();
  },

  // Results as node:crypto gives them: a Buffer over the fresh copy (no second copy), or a
  // string from Buffer's own encoder.
  result(bytes, encoding) {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return encoding === undefined ? buffer : buffer.toString(encoding);
  },

  // `count` digests of `size` bytes each, back to back in `bytes` (the heap, or a copy) at `at`,
  // as results: strings encoded in place (Buffer's encoder over a view of the memory, no copy
  // first), or Buffers cut from one copy per slab of up to 8 KiB (as Buffer's own pool does),
  // which costs one allocation per slab instead of an ArrayBuffer and a wrapper per digest.
  results(bytes, at, count, size, encoding) {
    const out = new Array(count);
    if (encoding !== undefined) {
      const view = viewOf(bytes);
      for (let k = 0, from = at; k < count; k++, from += size) out[k] = view.toString(encoding, from, from + size);
      return out;
    }
    if (count === 1) {
      const one = Buffer.allocUnsafeSlow(size);
      one.set(bytes.subarray(at, at + size));
      out[0] = one;
      return out;
    }
    const perSlab = size === 0 ? count : Math.max(1, Math.floor(8192 / size));
    for (let k = 0; k < count; k += perSlab) {
      const n = Math.min(perSlab, count - k);
      const slab = Buffer.allocUnsafeSlow(n * size);
      slab.set(bytes.subarray(at + k * size, at + (k + n) * size));
      for (let j = 0; j < n; j++) out[k + j] = slab.subarray(j * size, (j + 1) * size);
    }
    return out;
  },

  // Calls fn after `ms`, without keeping the process alive. @return cancel().
  timer(fn, ms) {
    const timeout = setTimeout(fn, ms);
    timeout.unref();
    return () => clearTimeout(timeout);
  },

  // node:crypto's input encodings for update(string, inputEncoding): Buffer's decoder, with an
  // unknown encoding refused (Buffer.from would silently fall back to UTF-8).
  decode(string, encoding) {
    return Buffer.isEncoding(encoding) ? Buffer.from(string, encoding) : undefined;
  },

  // createHash()'s object: the Hasher core as a Writable.
  hasher(core) {
    return new NodeHasher(core);
  },

  // The host's own hashes, which the pool's threads use where they are faster
  // (js/engine/host-choice.js). PARAHASH_HOST_CRYPTO=0 turns them off by default, as
  // createPool({ hostCrypto: false }) does for one pool (the command has no pool options);
  // PARAHASH_HOST_CRYPTO=all uses them for every algorithm node:crypto has, whatever the
  // measurement says (the differential tests and the benchmarks).
  hostCrypto: Object.freeze({
    wanted: () => {
      const setting = process.env.PARAHASH_HOST_CRYPTO;
      return setting === 'all' ? 'all' : setting !== '0';
    },
    has: (name) => hostHashes().has(name),
    // @return the digest of `bytes` as a Buffer, or as a string in `encoding` (a Buffer encoding)
    // when given; outputLength for an XOF only.
    // crypto.hash (Node ≥ 20.12) is the one-shot without a Hash object: 1.8 µs for 64 B against
    // createHash's 2.5 here; it has no outputLength, so an XOF takes createHash. Asked for a
    // string it is 0.28 µs for 64 B of SHA-256 against 0.85 for a Buffer (Node 20.20, measured
    // for hashSync): it encodes in C++ without making a Buffer object.
    hash: (name, bytes, outputLength, encoding) => (outputLength === undefined && typeof crypto.hash === 'function'
      ? crypto.hash(name, bytes, encoding ?? 'buffer')
      : (outputLength === undefined ? crypto.createHash(name) : crypto.createHash(name, { outputLength })).update(bytes).digest(encoding)),
    // HMAC of `bytes` under `key`, for a synchronous digest (js/engine/sync-hash.js).
    hmac: (name, key, bytes, encoding) => crypto.createHmac(name, key).update(bytes).digest(encoding),
    // A pool's own channel to its threads for inputs in a caller's SharedArrayBuffer
    // (js/engine/shared-input.js): { number, port }, the port its sending end, never what keeps
    // the process alive. The number must differ from every other pool's in the process (two
    // pools on one channel would read each other's buffers under the same numbers), so it is
    // drawn from node:crypto, taken when this module loaded, not from Math.random.
    sharedChannel: () => {
      const number = randomInt(1, 2 ** 48);
      const port = new BroadcastChannel(`parahash-shared-input:${number}`);
      port.unref();
      return { number, port };
    },
  }),

  // The build without threads, started synchronously on this thread (js/load/node-sync.js),
  // for hashSync() and digestSync() of algorithms node:crypto lacks.
  syncModule,

  // hashFile: openFile(path, known?) → { size, regular, read(view) → bytes read (0 at the
  // end), close() }, with fs's own errors; fileInfo(path) → { size, regular, directory } or
  // undefined (js/load/node-files.js); maxOpenFiles() → how many files hashFiles may hold open
  // at once (a share of the descriptor limit), or undefined.
  openFile,
  fileInfo,
  maxOpenFiles,
  // hashDirectory: walkTree(root, { followSymlinks, filter, stopped }) → async iterator of the
  // files under root with the command's -r rules (js/load/node-walk.js).
  walkTree,

  // Each call's own async resource: the context its callbacks and listeners run in.
  task() {
    return new AsyncResource('PARAHASH_TASK');
  },

  // `fn` bound to the caller's async context, for listeners the engine calls later
  // (onProgress): AsyncLocalStorage sees the store of the call that passed them.
  bind(fn) {
    return AsyncResource.bind(fn, 'PARAHASH_PROGRESS');
  },

  // Callbacks run in the async context of the call that made the job (AsyncLocalStorage works).
  createTask() {
    const resource = new AsyncResource('PARAHASH_CALLBACK');
    return {
      run(fn, ...args) {
        // A throwing user callback must surface as an uncaught exception, as in Node's own APIs,
        // not as an unhandled rejection of our internal Promise.
        process.nextTick(() => {
          try {
            resource.runInAsyncScope(fn, null, ...args);
          } finally {
            resource.emitDestroy();
          }
        });
      },
    };
  },
});

module.exports = { nodePlatform };
