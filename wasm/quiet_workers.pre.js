// Keeps a library's threads quiet. In Node, emscripten's pthread workers write their
// diagnostics (a trapped thread's "worker.js onmessage() captured an uncaught exception" and
// its stack, about 25 lines per crash) straight to file descriptor 2 with fs.writeSync, past
// any printErr the host sets. The JS layer reports a crash as an error with its cause instead,
// so here, in each pthread worker (each has its own `fs` module instance, so nothing else in
// the process is touched), writes to fd 2 are dropped unless NODE_DEBUG names parahash.
if (Module['ENVIRONMENT_IS_PTHREAD'] && typeof process === 'object' && process.versions && process.versions.node &&
    !/\bparahash\b/i.test(process.env.NODE_DEBUG || '')) {
  var parahashFs = require('fs');
  var parahashWriteSync = parahashFs.writeSync;
  parahashFs.writeSync = function (fd, data) {
    if (fd === 2) return typeof data === 'string' ? Buffer.byteLength(data) : (data && data.byteLength) || 0;
    return parahashWriteSync.apply(parahashFs, arguments);
  };
}
