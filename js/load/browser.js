'use strict';
// The platforms of a browser page (see js/load/node.js for what each member is).
//
// threadedPlatform: cross-origin isolated. The threaded module runs on the page's main thread,
//   its pool threads are Web Workers over one shared memory, every one spawned before the
//   factory resolves (a pthread_create past the pre-spawned pool hangs a browser's main thread:
//   emscripten #14202, #8969).
// workerPlatform: not isolated. The page talks to one dedicated Worker (js/load/browser-worker.js)
//   that runs the module without threads; js/remote/remote-backend.js is the Pool's backend there.
//
// `files` maps each shipped file's name to its URL (the entry point computes them with
// new URL(…, import.meta.url) so bundlers that follow that pattern copy them); a pool's
// locateFile(name, defaultUrl) may answer another URL (a CDN, a bundler's output folder).

const { browserBase, loadFailed, fetchWasm, explainScript, FIX } = require('./browser-common');
const { RemoteBackend } = require('../remote/remote-backend');
const { codes } = require('../args/errors');

const THREADED = 'parahash-threads.mjs';

// An absolute URL: a relative answer means the page's, as a URL in the page's HTML would
// (new Worker, import() in the Worker and import() here would each resolve it differently).
function where(files, locateFile, name) {
  return located(files, locateFile, name) ?? String(files[name]);
}

// locateFile's own answer for `name`, as an absolute URL, or undefined where it kept the default.
function located(files, locateFile, name) {
  if (locateFile === undefined) return undefined;
  const fallback = String(files[name]);
  const answer = locateFile(name, fallback);
  if (answer === undefined || answer === null) return undefined;
  const url = new URL(String(answer), globalThis.location?.href).href;
  return url === new URL(fallback, globalThis.location?.href).href ? undefined : url;
}

// The Workers start from blob: URLs made here, not from the shipped scripts' URLs, unless
// locateFile names another script:
// - a blob: Worker takes its page's Cross-Origin-Embedder-Policy, so a server that sends the
//   isolation headers with the HTML only (a common mistake) does not get its Workers blocked
//   (Chromium, Firefox and WebKit block a Worker script without COEP in an isolated page, and
//   nothing but the Worker's 'error' event says so);
// - dev servers leave them alone: Vite's rewrites the pool threads' classic script, an
//   `import` then breaks it ("Cannot use import statement outside a module").
// A Content-Security-Policy must then allow blob: in worker-src; where it cannot, answer the
// scripts' URLs from locateFile.
let threadsWorkerUrl = null;
function threadsWorker(files, locateFile, source) {
  const url = located(files, locateFile, 'parahash-threads.worker.js');
  if (url !== undefined || source === undefined) return workerSafe(url ?? String(files['parahash-threads.worker.js']));
  threadsWorkerUrl ??= URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return threadsWorkerUrl;
}

// The fallback's module Worker: a blob: module that imports the shipped one by URL. It keeps
// what arrives meanwhile and hands it on once that module has set its onmessage; a module that
// cannot be imported is reported as a crash, which rejects createPool.
const bootstraps = new Map();
function bootstrapWorker(url) {
  let blobUrl = bootstraps.get(url);
  if (blobUrl === undefined) {
    const source = `const early = [];
self.onmessage = (event) => early.push(event);
import(${JSON.stringify(url)}).then(() => {
  for (const event of early) self.onmessage(event);
}, (error) => {
  self.onmessage = null;
  self.postMessage({ crash: 'could not import ' + ${JSON.stringify(url)} + ': ' + (error && error.message || error) });
});
`;
    blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    bootstraps.set(url, blobUrl);
  }
  return blobUrl;
}

// The module's glue (an ES module), or LOAD_FAILED saying why not.
async function importGlue(url) {
  try {
    return (await import(/* webpackIgnore: true */ /* @vite-ignore */ url)).default;
  } catch (cause) {
    throw loadFailed(`parahash could not load its module: ${await explainScript(url, 'module')}. ${FIX}.`, cause);
  }
}

// Rejects when one of the pool's Workers reports an error before the module is ready (its
// script blocked, missing, or broken: emscripten would wait for ever for it). stop() ends the
// watch, so that the backend's own crash handling takes over.
function watchWorkers(module, script, sourceDefault) {
  const workers = module.parahashRuntime?.pthread?.unusedWorkers ?? [];
  let stop;
  const failed = new Promise((resolve, reject) => {
    const onError = (event) => {
      // Emscripten's own handler rethrows the event as an uncaught exception; this one says it.
      for (const worker of workers) worker.onerror = null;
      event.preventDefault?.();
      const why = sourceDefault
        ? Promise.resolve('a Worker could not start from a blob: URL (a Content-Security-Policy whose worker-src ' +
          'leaves out blob: forbids it; allow it, or answer locateFile(\'parahash-threads.worker.js\') with its URL)')
        : explainScript(script, 'worker');
      why.then((text) => reject(loadFailed(`parahash could not start its pool's threads: ${text}.`, event?.error ?? undefined)));
    };
    for (const worker of workers) {
      worker.addEventListener('error', onError);
      worker.addEventListener('messageerror', onError);
    }
    stop = () => {
      for (const worker of workers) {
        worker.removeEventListener('error', onError);
        worker.removeEventListener('messageerror', onError);
      }
    };
  });
  return { failed, stop };
}

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

// Can this page run the threaded build? Shared memory (cross-origin isolation) and
// Atomics.waitAsync, which the completion bridge waits with (Firefox has it from 145).
function canThread() {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function' &&
    typeof Atomics === 'object' && typeof Atomics.waitAsync === 'function';
}

// What the page lacks for threads, cross-origin isolation first: an isolated page can still
// miss SharedArrayBuffer (WebKitGTK hides it) or Atomics.waitAsync (Firefox before 145).
function whyNoThreads() {
  if (globalThis.crossOriginIsolated !== true) {
    return 'This page is not cross-origin isolated (serve it with "Cross-Origin-Opener-Policy: same-origin" and ' +
      '"Cross-Origin-Embedder-Policy: require-corp" for threads)';
  }
  if (typeof SharedArrayBuffer !== 'function') {
    return 'This page is cross-origin isolated, but this browser does not give it SharedArrayBuffer';
  }
  if (typeof Atomics !== 'object' || typeof Atomics.waitAsync !== 'function') {
    return 'This page is cross-origin isolated, but this browser has no Atomics.waitAsync (Chrome 87, Safari 16.4, ' +
      'Firefox 145 have it)';
  }
  return undefined;
}

function hardwareThreads() {
  const n = globalThis.navigator?.hardwareConcurrency;
  return Number.isInteger(n) && n > 0 ? n : 4;
}

function threadedPlatform(files, workerSource) {
  return {
    ...browserBase(),
    isolated: true,
    defaultThreads: hardwareThreads,

    async instantiate({ threads, onAbort, locateFile }) {
      const glue = where(files, locateFile, THREADED);
      const factory = await importGlue(glue);
      const wasmBinary = await fetchWasm(where(files, locateFile, 'parahash-threads.wasm'), 'parahash-threads.wasm');
      const workerScript = threadsWorker(files, locateFile, workerSource);
      const moduleArg = {
        poolSize: threads,
        wasmBinary,
        // The pool threads' script loads this same module by URL.
        mainScriptUrlOrBlob: glue,
        locateFile: (name) => (name.endsWith('.worker.js') ? workerScript : where(files, locateFile, name)),
        onAbort,
        print: () => {},
        printErr: () => {},
      };
      let watch = null;
      try {
        // The factory makes the pool's Workers before it returns (the module object is moduleArg).
        const ready = factory(moduleArg);
        watch = watchWorkers(moduleArg, workerScript, workerScript === threadsWorkerUrl);
        return await Promise.race([ready, watch.failed]);
      } catch (error) {
        // The pool's Workers may already run.
        this.terminate(moduleArg);
        throw error;
      } finally {
        watch?.stop();
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
    threadsWarning: (asked) => `${whyNoThreads()}, so parahash runs on 1 thread in a Web Worker instead of the ` +
      `${asked} asked for.`,
    async startBackend(platform, hooks) {
      const script = where(files, hooks.locateFile, 'parahash-worker.mjs');
      try {
        return await RemoteBackend.start(platform, hooks, {
          worker: bootstrapWorker(workerSafe(script)),
          glue: where(files, hooks.locateFile, 'parahash-single.mjs'),
          wasm: where(files, hooks.locateFile, 'parahash-single.wasm'),
        });
      } catch (error) {
        // The worker itself did not load (its glue and wasm say what failed themselves).
        if (error?.code !== codes.POOL_CRASHED) throw error;
        throw loadFailed(`parahash could not start its worker: ${await explainScript(script, 'module')}. ${FIX}.`, error);
      }
    },
  };
}

// @param workerSource the pool threads' Worker script (dist/browser/parahash-threads.worker.js),
//        inlined by the bundle (scripts/build-browser.js); undefined starts it from its URL.
function browserPlatform(files, workerSource) {
  return canThread() ? threadedPlatform(files, workerSource) : workerPlatform(files);
}

module.exports = { browserPlatform, canThread, whyNoThreads };
