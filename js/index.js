'use strict';
// CommonJS entry point for Node. index.mjs re-exports this same instance, so ESM and CJS users
// share one copy of the state (no dual-package hazard).

const { nodePlatform } = require('./load/node');
const { createPoolWith } = require('./pool');
const { codes } = require('./errors');
const { withCallback } = require('./callback');

/**
 * Starts a pool of WebAssembly threads. See index.d.ts for the options.
 * Also accepts a Node-style callback as its last argument.
 */
function createPool(options, callback) {
  if (typeof options === 'function' && callback === undefined) [options, callback] = [undefined, options];
  return withCallback(nodePlatform, callback, () => createPoolWith(nodePlatform, options));
}

// The canonical algorithm names, known without starting a pool (generated from
// src/kernels/kernels.def at build time).
let algorithms = [];
try {
  algorithms = Object.freeze(require('../dist/algorithms.json').map((k) => k.name));
} catch {
  // Not built yet: createPool will explain.
}

module.exports = { createPool, algorithms, codes };
