'use strict';
// Shared by the node:test suites.
const crypto = require('node:crypto');

const SEED = Number(process.env.PARAHASH_TEST_SEED ?? Date.now() % 1e9);

// A seeded xorshift32 stream, so a failing size or input can be replayed with
// PARAHASH_TEST_SEED=<printed seed>.
function rng(seed = SEED) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x;
  };
}

function randomBytes(n, next) {
  const out = new Uint8Array(n);
  const words = new Uint32Array(out.buffer, 0, n >>> 2);
  for (let i = 0; i < words.length; i++) words[i] = next();
  for (let i = words.length * 4; i < n; i++) out[i] = next() & 255;
  return out;
}

const sha256 = (data, encoding = 'hex') => crypto.createHash('sha256').update(data).digest(encoding);

const crash = (pool, how = 'trap') => pool[Symbol.for('parahash.crashWorkerForTesting')](how);

module.exports = { SEED, rng, randomBytes, sha256, crash };
