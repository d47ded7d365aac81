'use strict';
// The shared pool behind the top-level functions (`import { hash, hashFile, createHash } from
// 'parahash'`): created on first use with configureDefaultPool()'s settings, released by
// closeDefaultPool() (test runners), and like every pool it never keeps the process alive while
// idle. Platform-neutral: the entry point hands in its platform and createPool.

const { SESSION, checkPoolOptions } = require('./pool');
const { HashParams, plainParams } = require('./hash-params');
const { Hasher } = require('./hasher');
const { readOptions, KNOWN } = require('./options');
const { checkSignal, checkTimeout, deadline } = require('./signal');
const { toBytes } = require('./input');
const { withCallback } = require('./callback');
const { codes, parahashError, invalidArg } = require('./errors');

// The pool's async methods the top level offers, each forwarded as it is.
const FORWARDED = [
  'hash', 'hmac', 'hashMany', 'hashStream', 'hashFile', 'hashFiles',
  'pbkdf2', 'scrypt', 'argon2id', 'argon2i', 'argon2d', 'argon2Hash', 'argon2Verify',
];

// @param rows the kernels' rows (dist/algorithms.json), so createHash() checks its arguments
//        before the pool exists. @param createPool (options) → Promise of a Pool.
function defaultPoolApi(platform, createPool, rows) {
  let options; // configureDefaultPool's, checked
  let starting = null; // Promise of the pool, once first used
  const params = new HashParams(rows);

  const get = () => {
    if (starting === null) {
      const started = createPool(options);
      starting = started;
      // A failed start is not kept: the next call tries again.
      started.catch(() => { if (starting === started) starting = null; });
    }
    return starting;
  };

  const api = {
    // Sets the default pool's options ({ threads, maxQueue, maxInputLength }) before its first
    // use. @throws ERR_PARAHASH_INVALID_ARG once it is in use (closeDefaultPool() first).
    configureDefaultPool(settings) {
      if (starting !== null) {
        throw parahashError(codes.INVALID_ARG,
          'The default pool is already in use; configureDefaultPool() must come before its first use (or after closeDefaultPool())');
      }
      checkPoolOptions(settings, platform);
      options = { ...readOptions(settings, KNOWN.pool, 'configureDefaultPool') };
    },

    // Finishes the default pool's calls and releases its threads; the next use starts a new one.
    async closeDefaultPool() {
      const closing = starting;
      starting = null;
      if (closing === null) return;
      let pool;
      try {
        pool = await closing;
      } catch {
        return; // it never started
      }
      await pool.close();
    },

    // The default pool itself (its stats(), its 'drain' event), started if need be.
    getDefaultPool: () => get(),

    createHash(algorithm, hashOptions) {
      const kernel = params.resolve(algorithm);
      const o = readOptions(hashOptions, KNOWN.createHash, 'createHash');
      return hasher(kernel, params.params(kernel, o), undefined, o);
    },

    createHmac(algorithm, key, hmacOptions) {
      const kernel = params.resolve(algorithm);
      if (rows[kernel].kind !== 'hash') {
        throw invalidArg(`${rows[kernel].name} has no HMAC; it needs a fixed-length cryptographic hash`);
      }
      const keyBytes = new Uint8Array(toBytes(key, 'key'));
      const o = readOptions(hmacOptions, KNOWN.createHmac, 'createHmac');
      return hasher(kernel, plainParams(rows[kernel]), { bytes: keyBytes, length: keyBytes.byteLength, name: 'key', index: -1 }, o);
    },
  };

  function hasher(kernel, kernelParams, key, o) {
    const signal = checkSignal(o.signal);
    const ms = checkTimeout(o.timeout);
    const timed = ms === undefined ? { signal, dispose: () => {} } : deadline(signal, ms, platform.timer);
    const core = new Hasher(lazySession(get, platform, params, kernel, kernelParams, key, timed.signal), timed.signal, timed.dispose);
    return platform.hasher ? platform.hasher(core) : core;
  }

  for (const name of FORWARDED) {
    api[name] = function forwarded(...args) {
      const last = args[args.length - 1];
      if (typeof last !== 'function') return get().then((pool) => pool[name](...args));
      // Callback form: a pool that fails to start reaches the callback too.
      get().then((pool) => pool[name](...args), (error) => withCallback(platform, last, () => Promise.reject(error)));
      return undefined;
    };
  }
  return api;
}

// A Hasher's session on the default pool, which starts when the hasher first needs the engine.
function lazySession(get, platform, hashParams, kernel, params, key, signal) {
  let session = null;
  const ready = () => (session !== null ? Promise.resolve(session)
    : get().then((pool) => (session ??= pool[SESSION](kernel, params, key, signal))));
  const lazy = {
    digestLength: params.outputLength,
    copy: (options) => {
      const length = hashParams.copyLength(kernel, params.outputLength, options);
      return length === params.outputLength ? lazy
        : lazySession(get, platform, hashParams, kernel, { ...params, outputLength: length }, key, signal);
    },
    open: (options) => ready().then((s) => s.open(options)),
    oneShot: (input, encoding) => ready().then((s) => s.oneShot(input, encoding)),
    finish: (run) => ready().then((s) => s.finish(run)),
    now: (input, encoding) => ready().then((s) => s.now(input, encoding)),
    result: (bytes, encoding) => platform.result(bytes, encoding),
    decode: (string, encoding) => platform.decode(string, encoding),
  };
  return lazy;
}

module.exports = { defaultPoolApi };
