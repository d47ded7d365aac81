'use strict';
// CommonJS entry point for Node. index.mjs re-exports this same instance, so ESM and CJS users
// share one copy of the state (no dual-package hazard), the default pool included.

const { nodePlatform } = require('./load/node');
const { createPoolWith } = require('./api/pool');
const { codes } = require('./args/errors');
const { invoke } = require('./api/callback');
const { defaultPoolApi } = require('./api/default-pool');

/**
 * Starts a pool of WebAssembly threads. See index.d.ts for the options.
 * Also accepts a Node-style callback as its last argument.
 */
function createPool(options, callback) {
  return invoke(nodePlatform, (a) => createPoolWith(nodePlatform, a[0]), arguments, 1);
}

// The kernels' rows and canonical algorithm names, known without starting a pool (generated
// from src/kernels/kernels.def at build time).
let rows = [];
try {
  rows = require('../dist/algorithms.json');
} catch {
  // Not built yet: createPool will explain.
}
const algorithms = Object.freeze(rows.map((k) => k.name));

// Is `name` an algorithm name the methods accept (canonical or alias, any case)? A type guard
// in js/api.d.ts, for names that come from users or configuration.
const accepted = new Set(rows.flatMap((k) => [k.name, ...k.aliases]));
function isAlgorithm(name) {
  return typeof name === 'string' && accepted.has(name.toLowerCase());
}

module.exports = {
  createPool,
  algorithms,
  isAlgorithm,
  codes,
  ...defaultPoolApi(nodePlatform, (options) => createPoolWith(nodePlatform, options), rows),
};
