'use strict';
// The module without threads (dist/browser/parahash-single.*, the one the command runs small
// work on), started synchronously, for hashSync() and digestSync() before any pool exists.
//
// Why it can be synchronous: the glue's factory returns a Promise, but it builds the runtime in
// the object it is given, and runs it at once when nothing is left to wait for. The only thing
// it would wait for is the WebAssembly instance, and `instantiateWasm` lets us hand it one made
// with the synchronous `new WebAssembly.Module` / `new WebAssembly.Instance` (allowed on Node's
// main thread at any size). So after the factory call returns, the object holds a running
// Engine; its Promise is only left to settle.
//
// Why the glue is evaluated rather than imported: it is an ES module (the browsers' build), and
// Node 20 cannot require() one, while import() is asynchronous. Its only module syntax is
// `import.meta.url` (where it would find the .wasm, which we hand over) and its default export.
//
// Cost, measured on the 2-core development machine: 20 ms for the first call (reading and
// compiling 350 KB of WebAssembly), once per process; nothing afterwards.

const fs = require('node:fs');
const path = require('node:path');
const url = require('node:url');
const vm = require('node:vm');
const { parahashError, codes } = require('../args/errors');

const SINGLE = path.join(__dirname, '..', '..', 'dist', 'browser');

let started = null;
// As js/load/node.js's: no setting may come from a polluted Object.prototype, and the one
// method Embind calls on the module is there.
const MODULE_PROTOTYPE = Object.freeze(Object.create(null, { hasOwnProperty: { value: Object.prototype.hasOwnProperty } }));

// @return the started module (its Engine, kernelTable, _malloc, parahashRuntime), the same one
// every time. @throws ERR_PARAHASH_LOAD_FAILED when the build is missing or does not start.
function syncModule() {
  if (started !== null) return started;
  const glue = path.join(SINGLE, 'parahash-single.mjs');
  let module;
  try {
    const text = fs.readFileSync(glue, 'utf8')
      .split('import.meta.url').join(JSON.stringify(url.pathToFileURL(glue).href))
      .replace(/export\s+default\s+createParahash;?\s*$/, '');
    const factory = vm.compileFunction(`${text}\nreturn createParahash;`, ['require'], { filename: glue })(require);
    const wasm = fs.readFileSync(path.join(SINGLE, 'parahash-single.wasm'));
    module = Object.assign(Object.create(MODULE_PROTOTYPE), {
      print: () => {},
      printErr: () => {},
      instantiateWasm(imports, receive) {
        const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), imports);
        receive(instance);
        return instance.exports;
      },
    });
    // Its Promise settles later; a failure is seen below, synchronously, as a missing Engine.
    factory(module).catch?.(() => {});
  } catch (cause) {
    throw parahashError(codes.LOAD_FAILED, `parahash: the build without threads (${glue}) could not be started ` +
      'synchronously; in a clone of the repository run "npm run build"', { cause });
  }
  if (typeof module.Engine !== 'function' || typeof module.kernelTable !== 'function') {
    throw parahashError(codes.LOAD_FAILED, `parahash: the build without threads (${glue}) did not start synchronously`);
  }
  started = module;
  return started;
}

module.exports = { syncModule };
