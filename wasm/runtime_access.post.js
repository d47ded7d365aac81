// Hands the JS layer two runtime internals emscripten 3.1.6 keeps private: the pthread worker
// registry (to unref idle workers and to catch a worker that crashed) and the memory object
// (to rebuild heap views after growth, which the main thread only notices lazily).
Module['parahashRuntime'] = {
  pthread: typeof PThread !== 'undefined' ? PThread : null,
  memory: function () { return wasmMemory; },
};
