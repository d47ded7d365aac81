'use strict';
// Everything Node-specific: where the build lives, how the module is instantiated, how worker
// threads stop keeping the process alive, and AsyncResource for callbacks.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { AsyncResource } = require('node:async_hooks');

// Resolved from this file, never from process.cwd(), so an installed package finds its build
// wherever the user runs from.
const DIST = path.join(__dirname, '..', '..', 'dist');

let factory = null;
let wasmBinary = null;

function load() {
  if (factory) return;
  try {
    wasmBinary = fs.readFileSync(path.join(DIST, 'parahash.wasm'));
    factory = require(path.join(DIST, 'parahash.js'));
  } catch (cause) {
    throw new Error(`parahash: the WebAssembly build is missing from ${DIST}. In a clone of the ` +
      `repository run "npm run build"; an installed package ships it prebuilt.`, { cause });
  }
}

const nodePlatform = {
  defaultThreads() {
    return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  },

  instantiate({ threads, onAbort }) {
    load();
    return factory({
      poolSize: threads, // PTHREAD_POOL_SIZE is Module.poolSize: preload one worker per thread
      // Node 20's fetch can't load a file path (TOOLCHAIN.md §2), so hand over the bytes.
      wasmBinary,
      locateFile: (file) => path.join(DIST, file),
      onAbort,
    });
  },

  // A later macrotask: the check phase of this turn of the loop, after I/O, before the next
  // timers. Never a microtask, so a long run of completions cannot starve the loop.
  schedule: setImmediate,

  refWorkers(workers, keepAlive) {
    for (const worker of workers) keepAlive ? worker.ref() : worker.unref();
  },

  // Callbacks run in the async context of the call that made the job (AsyncLocalStorage works).
  createTask() {
    const resource = new AsyncResource('PARAHASH_TASK');
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
};

module.exports = { nodePlatform };
