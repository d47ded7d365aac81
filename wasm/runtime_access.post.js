// Hands the JS layer two runtime internals emscripten 3.1.6 keeps private: the pthread worker
// registry (to unref idle workers and to catch a worker that crashed) and the memory object
// (to rebuild heap views after growth, which the main thread only notices lazily).
Module['parahashRuntime'] = {
  pthread: typeof PThread !== 'undefined' ? PThread : null,
  memory: function () { return wasmMemory; },
};

// A pthread worker's uncaught error goes to Module.onAbort, the JS layer's crash handler, from
// the moment the worker is loaded. emscripten's own handler rethrows it on the main thread, which
// ends a Node process: seen as an uncaught 'unwind' once in 80 crash tests run beside three busy
// loops, from a worker error that arrived while that handler was still in place.
if (typeof PThread !== 'undefined' && !ENVIRONMENT_IS_PTHREAD) {
  var parahashLoadWorker = PThread.loadWasmModuleToWorker;
  PThread.loadWasmModuleToWorker = function (worker) {
    var loaded = parahashLoadWorker.apply(PThread, arguments);
    worker.onerror = function (event) {
      if (Module['onAbort']) Module['onAbort'](event);
    };
    return loaded;
  };
}
