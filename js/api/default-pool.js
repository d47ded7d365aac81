'use strict';
// The shared pool behind the top-level functions (`import { hash, hashFile, createHash } from
// 'parahash'`): created on first use with configureDefaultPool()'s settings, released by
// closeDefaultPool() (test runners), and like every pool it never keeps the process alive while
// idle. Platform-neutral: the entry point hands in its platform and createPool.

const { SESSION, checkPoolOptions, newHasher, hasherCall } = require('./pool');
const { METHODS } = require('./pool-methods');
const { HashParams } = require('../args/hash-params');
const { readOptions, KNOWN } = require('../args/options');
const { trailingCallback, deliver } = require('./callback');
const { codes, parahashError } = require('../args/errors');
const { argon2NeedsRehash } = require('../kdf/needs-rehash');
const { hashSyncApi, digestSyncOf } = require('./hash-sync');

// Every asynchronous method of a pool is a top-level function too, forwarded as it is.
const FORWARDED = METHODS.map((entry) => entry.name);
const REPLAY_SLICE_MS = 1;

// @param rows the kernels' rows (dist/algorithms.json), so createHash() checks its arguments
//        before the pool exists. @param createPool (options) → Promise of a Pool.
function defaultPoolApi(platform, createPool, rows) {
  let options; // configureDefaultPool's, checked
  let starting = null; // Promise of the pool, once first used
  const params = new HashParams(rows);
  const sync = hashSyncApi(platform, params);

  let current = null; // the pool, once started
  const get = () => {
    if (starting === null) {
      const started = createPool(options);
      starting = started;
      // A failed start is not kept: the next call tries again.
      started.then((pool) => { if (starting === started) current = pool; },
        () => { if (starting === started) starting = null; });
    }
    return starting;
  };

  const api = {
    // Synchronous, and needs no pool (js/api/hash-sync.js): node:crypto, or the build without
    // threads started synchronously on first need.
    hashSync: sync.hashSync,

    // The iterator form; the default pool starts at the first step.
    hashDirectoryIterator(root, algorithm, options) {
      let inner = null;
      const step = (name, arg) => (inner ??= get().then((pool) => pool.hashDirectoryIterator(root, algorithm, options)))
        .then((it) => it[name](arg));
      return {
        next: () => step('next'),
        return: (value) => step('return', value),
        throw: (error) => step('throw', error),
        [Symbol.asyncIterator]() { return this; },
      };
    },

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
      current = null;
      if (closing === null) return;
      let pool;
      try {
        pool = await closing;
      } catch {
        return; // it never started
      }
      await pool.close();
    },

    // Synchronous, and needs no pool: it reads the string (js/kdf/needs-rehash.js).
    argon2NeedsRehash,

    // The default pool itself (its stats(), its 'drain' event), started if need be.
    getDefaultPool: () => get(),

    createHash(algorithm, hashOptions) {
      const c = hasherCall(params, algorithm, undefined, hashOptions, false, 'createHash');
      return newHasher(platform, c.o, (signal) => lazySession(get, () => current, platform, params, c.kernel, c.params, c.key, signal));
    },

    createHmac(algorithm, key, hmacOptions) {
      const c = hasherCall(params, algorithm, key, hmacOptions, true, 'createHmac');
      return newHasher(platform, c.o, (signal) => lazySession(get, () => current, platform, params, c.kernel, c.params, c.key, signal));
    },
  };
  const later = replayQueue(get, platform);
  for (const name of FORWARDED) api[name] = forwarder(name, later, platform, () => current);
  return api;
}

// Calls made while the default pool starts wait here and are replayed once it runs, about a
// millisecond of them per turn of the loop like any other main-thread work: 20,000 replayed in
// one chain of microtasks held a 1 ms timer off for 0.25 s. A pool that fails to start rejects
// them all. @return (run(pool) → value) → Promise of the value.
function replayQueue(get, platform) {
  let waiting = null; // the calls waiting for the start under way
  const replay = (pool, list, from) => {
    const started = performance.now();
    let k = from;
    while (k < list.length) {
      const { run, resolve, reject } = list[k];
      list[k++] = undefined;
      try {
        resolve(run(pool));
      } catch (error) {
        reject(error);
      }
      if ((k & 15) === 0 && performance.now() - started >= REPLAY_SLICE_MS) break;
    }
    if (k < list.length) platform.schedule(() => replay(pool, list, k));
  };
  return (run) => new Promise((resolve, reject) => {
    if (waiting === null) {
      const list = (waiting = []);
      const done = () => { if (waiting === list) waiting = null; };
      get().then((pool) => { done(); replay(pool, list, 0); },
        (error) => { done(); for (const call of list) call.reject(error); });
    }
    waiting.push({ run, resolve, reject });
  });
}

// The top-level `name`: once the pool runs, the call is the pool's own (a TypeError of the
// callback form is thrown at once there, js/api/callback.js). Before that, the checks run when
// the pool has started, and a pool that fails to start, or a TypeError of those checks,
// reaches the callback.
function forwarder(name, later, platform, current) {
  return function forwarded(...args) {
    const pool = current();
    if (pool !== null) return pool[name](...args);
    const callback = trailingCallback(args);
    if (callback === undefined) return later((started) => started[name](...args));
    const task = platform.createTask();
    later((started) => started[name](...args)).catch((error) => deliver(task, callback, error));
    return undefined;
  };
}

// A Hasher's session on the default pool, which starts when the hasher first needs the engine.
function lazySession(get, current, platform, hashParams, kernel, params, key, signal) {
  let session = null;
  const ready = () => get().then((pool) => (session ??= pool[SESSION](kernel, params, key, signal)));
  // Once the pool runs, a hasher's calls go to its session at once, as on a pool of one's own:
  // through a resolved Promise each, 20,000 hashers ran their digests in one chain of
  // microtasks (0.1 s without a timer tick). The session is taken at first use, so a hasher
  // made before closeDefaultPool() and used after it gets the next pool.
  const via = (use) => {
    session ??= current()?.[SESSION](kernel, params, key, signal) ?? null;
    return session !== null ? use(session) : ready().then(use);
  };
  const lazy = {
    digestLength: params.outputLength,
    copy: (options) => {
      const length = hashParams.copyLength(kernel, params.outputLength, options);
      return length === params.outputLength ? lazy
        : lazySession(get, current, platform, hashParams, kernel, { ...params, outputLength: length }, key, signal);
    },
    open: (options) => via((s) => s.open(options)),
    oneShot: (input, encoding) => via((s) => s.oneShot(input, encoding)),
    finish: (run) => via((s) => s.finish(run)),
    now: (input, encoding) => via((s) => s.now(input, encoding)),
    result: (bytes, encoding) => platform.result(bytes, encoding),
    digestSync: digestSyncOf(platform, hashParams.row(kernel), kernel, params, key),
    decode: (string, encoding) => platform.decode(string, encoding),
  };
  return lazy;
}

module.exports = { defaultPoolApi };
