'use strict';
// What createHash, hashStream and hashFile need from the pool for one call: the session that
// js/api/hasher.js and js/api/stream-calls.js take, over one kernel, its parameters, an HMAC key
// or none, and the call's signal.
//   pool: { backend, platform, hashParams, calls (js/api/call-accounting.js),
//           life (js/api/pool-lifecycle.js) }

const { digestSyncOf } = require('./hash-sync');

const NOOP = () => {};

function sessionOf(pool, kernel, params, key, signal) {
  const { backend, calls, life } = pool;
  const oneShot = (input, encoding, end) => (key === undefined
    ? backend.hash(kernel, input, params, signal, encoding, end)
    : backend.hmac(kernel, key, input, signal, encoding, end));
  const row = pool.hashParams.row(kernel);
  // digestSync() runs where this pool's threads would: node:crypto only where it chose it.
  const syncDigest = digestSyncOf(pool.platform, row, kernel, params, key, () => backend.backends?.[row.name] === 'node:crypto');
  const session = {
    digestLength: params.outputLength,
    // The session of a copy() (another outputLength for an extendable-output function).
    copy: (options) => {
      const length = pool.hashParams.copyLength(kernel, params.outputLength, options);
      return length === params.outputLength ? session : sessionOf(pool, kernel, { ...params, outputLength: length }, key, signal);
    },
    open: (options) => (life.running() ? backend.openStream(kernel, params, key, signal, options) : Promise.reject(life.failure)),
    // A hasher's digest is one call of the pool: admitted, counted, its workers ref'd.
    oneShot: (input, encoding) => attempt(() => calls.track(signal, (end) => oneShot(input, encoding, end))),
    finish: (run) => attempt(() => calls.trackAsync(signal, run)),
    // Inside a call already counted.
    now: (input, encoding) => oneShot(input, encoding, NOOP),
    result: (bytes, encoding) => backend.result(bytes, encoding),
    // Gathering a source's bytes in JS is main-thread work: undefined, or a Promise of its turn.
    admit: (bytes) => backend.admit(bytes),
    decode: (string, encoding) => pool.platform.decode(string, encoding),
    // A hasher's digestSync(), on this thread; a pool that stopped answers as its calls do.
    digestSync: (bytes, encoding) => {
      if (!life.running()) throw life.failure;
      return syncDigest(bytes, encoding);
    },
  };
  return session;
}

function attempt(start) {
  try {
    return start();
  } catch (error) {
    return Promise.reject(error);
  }
}

module.exports = { sessionOf };
