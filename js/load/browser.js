'use strict';
// The platforms of a browser page (see js/load/node.js for what each member is).
//
// threadedPlatform: cross-origin isolated. The threaded module runs on the page's main thread,
//   its pool threads are Web Workers over one shared memory, every one spawned before the
//   factory resolves (a pthread_create past the pre-spawned pool hangs a browser's main thread:
//   emscripten #14202, #8969).
// workerPlatform: not isolated. The page talks to one dedicated Worker (js/load/browser-worker.js)
//   that runs the module without threads; js/remote-backend.js is the Pool's backend there.
//
// `files` maps each shipped file's name to its URL (the entry point computes them with
// new URL(…, import.meta.url) so bundlers that follow that pattern copy them); a pool's
// locateFile(name, defaultUrl) may answer another URL (a CDN, a bundler's output folder).

const { browserBase } = require('./browser-common');
const { RemoteBackend } = require('../remote-backend');
const { unsupported } = require('../errors');

const THREADED = 'parahash-threads.mjs';

// An absolute URL: a relative answer means the page's, as a URL in the page's HTML would
// (new Worker, import() in the Worker and import() here would each resolve it differently).
function where(files, locateFile, name) {
  const fallback = String(files[name]);
  if (locateFile === undefined) return fallback;
  const answer = locateFile(name, fallback);
  return answer === undefined || answer === null ? fallback : new URL(String(answer), globalThis.location?.href).href;
}

// Can this page run the threaded build? Shared memory (cross-origin isolation) and
// Atomics.waitAsync, which the completion bridge waits with (Firefox has it from 145).
// A bundler may inline a small file as a data: URL (Vite does below 4 KiB, as with the pool
// threads' script). A Worker from a data: URL has an opaque origin and cannot load the module;
// a blob: URL made from the same text is this page's own.
// One blob: URL per data: URL, kept for the page's life (every pool may start Workers from it).
const blobUrls = new Map();
function workerSafe(url) {
  if (!url.startsWith('data:')) return url;
  let blobUrl = blobUrls.get(url);
  if (blobUrl === undefined) {
    const comma = url.indexOf(',');
    const body = url.slice(comma + 1);
    const script = url.slice(5, comma).endsWith(';base64')
      ? Uint8Array.from(atob(body), (c) => c.charCodeAt(0))
      : decodeURIComponent(body);
    blobUrl = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
    blobUrls.set(url, blobUrl);
  }
  return blobUrl;
}

function canThread() {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function' &&
    typeof Atomics === 'object' && typeof Atomics.waitAsync === 'function';
}

function hardwareThreads() {
  const n = globalThis.navigator?.hardwareConcurrency;
  return Number.isInteger(n) && n > 0 ? n : 4;
}

function threadedPlatform(files) {
  return {
    ...browserBase(),
    isolated: true,
    defaultThreads: hardwareThreads,

    async instantiate({ threads, onAbort, locateFile }) {
      const glue = where(files, locateFile, THREADED);
      let factory;
      try {
        factory = (await import(/* webpackIgnore: true */ /* @vite-ignore */ glue)).default;
      } catch (cause) {
        throw unsupported(`parahash could not load its module from ${glue}; serve dist/browser/ next to ` +
          'the entry point, or pass createPool({ locateFile })', cause);
      }
      const workerScript = workerSafe(where(files, locateFile, 'parahash-threads.worker.js'));
      const moduleArg = {
        poolSize: threads,
        // The pool threads' script loads this same module by URL.
        mainScriptUrlOrBlob: glue,
        locateFile: (name) => (name.endsWith('.worker.js') ? workerScript : where(files, locateFile, name)),
        onAbort,
        print: () => {},
        printErr: () => {},
      };
      try {
        return await factory(moduleArg);
      } catch (error) {
        // The pool's Workers may already run (the module object is moduleArg itself).
        this.terminate(moduleArg);
        throw error;
      }
    },

    terminate(module) {
      const pthread = module?.parahashRuntime?.pthread;
      if (!pthread) return;
      for (const worker of [...pthread.runningWorkers, ...pthread.unusedWorkers]) worker.terminate();
    },

    // Workers never keep a page alive.
    refWorkers() {},
  };
}

// Not isolated: one thread, in a Worker. A pool asked for more threads gets one, with a warning.
function workerPlatform(files) {
  return {
    ...browserBase(),
    isolated: false,
    defaultThreads: () => 1,
    maxThreads: 1,
    threadsWarning: (asked) => `This page is not cross-origin isolated, so parahash runs on 1 thread in a ` +
      `Web Worker instead of the ${asked} asked for. Serve it with "Cross-Origin-Opener-Policy: same-origin" ` +
      'and "Cross-Origin-Embedder-Policy: require-corp" for threads.',
    startBackend: (platform, hooks) => RemoteBackend.start(platform, hooks, {
      worker: workerSafe(where(files, hooks.locateFile, 'parahash-worker.mjs')),
      glue: where(files, hooks.locateFile, 'parahash-single.mjs'),
      wasm: where(files, hooks.locateFile, 'parahash-single.wasm'),
    }),
  };
}

function browserPlatform(files) {
  return canThread() ? threadedPlatform(files) : workerPlatform(files);
}

module.exports = { browserPlatform, canThread };
