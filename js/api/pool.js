'use strict';
// The public Pool: validates every argument, keeps each call's accounting (admission, counts,
// worker refs: js/api/call-accounting.js), then asks its backend (js/engine/backend.js) for the
// work. Its state is js/api/pool-lifecycle.js's, its stats() js/api/pool-stats.js's.
// Platform-neutral: everything Node- or browser-specific comes in through `platform` (see
// load/node.js).

const { WasmBackend } = require('../engine/backend');
const { invoke } = require('./callback');
const { checkEncoding } = require('../args/encoding');
const { invalidArg, abortError } = require('../args/errors');
const { toInput, hmacKeyInput } = require('../args/input');
const { readOptions, KNOWN } = require('../args/options');
const { checkSignal, checkTimeout, deadline } = require('../args/signal');
const { Hasher } = require('./hasher');
const { HashParams, plainParams } = require('../args/hash-params');
const { CallAccounting } = require('./call-accounting');
const { PoolLifecycle } = require('./pool-lifecycle');
const { PoolStats } = require('./pool-stats');
const { sessionOf } = require('./pool-session');
const { METHODS, inputOf } = require('./pool-methods');
const { hashSyncApi } = require('./hash-sync');
const { checkDirectoryCall, directoryIterator } = require('./hash-directory');
const { integerOption, checkListener, checkBoolean } = require('../args/checks');

const MAX_THREADS = 256;
// The default pool's hashers reach a pool's sessions through this (js/api/default-pool.js).
const SESSION = Symbol('parahash.session');

// startBackend(platform, hooks) makes the backend; tests pass a fake one (the seam's test).
// The options are checked before anything starts, synchronously (a TypeError of the callback
// form is thrown at once).
function createPoolWith(platform, options, startBackend) {
  return startPool(platform, checkPoolOptions(options, platform), startBackend);
}

async function startPool(platform, settings,
  startBackend = platform.startBackend ?? ((p, hooks) => WasmBackend.start(p, hooks))) {
  let pool = null;
  let early = null; // a crash before the Pool object exists
  const backend = await startBackend(platform, {
    threads: settings.threads,
    locateFile: settings.locateFile,
    hostCrypto: settings.hostCrypto,
    onCrash: (what) => (pool ? pool._crash(what) : (early = what)),
    live: () => (pool ? pool._running() : true),
    failure: () => pool?._failure(),
    busy: (delta) => pool?._busy(delta),
  });
  pool = new Pool(backend, settings, platform);
  if (early !== null) pool._crash(early);
  pool._ready();
  return pool;
}

const NOOP = () => {};

function checkPoolOptions(options, platform) {
  const o = readOptions(options, KNOWN.pool, 'createPool');
  let threads = integerOption(o.threads ?? platform.defaultThreads(), 'options.threads', 1, MAX_THREADS);
  const maxQueue = (o.maxQueue ?? Infinity) === Infinity ? Infinity : integerOption(o.maxQueue, 'options.maxQueue', 0, Infinity);
  const maxInputLength = integerOption(o.maxInputLength ?? Number.MAX_SAFE_INTEGER, 'options.maxInputLength', 0, Number.MAX_SAFE_INTEGER);
  const locateFile = checkListener(o.locateFile, 'options.locateFile');
  const hostCrypto = o.hostCrypto === undefined ? undefined : checkBoolean(o.hostCrypto, 'options.hostCrypto');
  // A platform with fewer threads (a browser page that is not cross-origin isolated) gives
  // what it has and says so, rather than refusing a pool the same code gets elsewhere.
  let warning;
  if (platform.maxThreads !== undefined && threads > platform.maxThreads) {
    warning = platform.threadsWarning(threads);
    threads = platform.maxThreads;
  }
  return { threads, maxQueue, maxInputLength, locateFile, hostCrypto, warning };
}

// The pool is an EventTarget: 'drain' fires (in a microtask) each time the last pending call
// settles. Its asynchronous methods are js/api/pool-methods.js's entries, made methods by the static
// block below through one path (#call).
class Pool extends EventTarget {
  #backend;
  #platform;
  #settings;
  #kernels;
  #hashParams; // algorithm names and parameters, checked against the kernels' rows
  #calls; // js/api/call-accounting.js
  #sync; // hashSync (js/api/hash-sync.js)
  #life; // js/api/pool-lifecycle.js: its state, and the error later calls reject with
  #stats; // js/api/pool-stats.js
  #parts; // what a session is made of (js/api/pool-session.js)
  #core; // what the method entries may use (js/api/pool-methods.js)

  /** @internal use createPool() */
  constructor(backend, settings, platform) {
    super();
    this.#backend = backend;
    this.#platform = platform;
    this.#settings = settings;
    this.#kernels = backend.kernels;
    this.#hashParams = new HashParams(backend.kernels);
    this.#sync = hashSyncApi(platform, this.#hashParams);
    this.#calls = new CallAccounting({
      refWorkers: (on) => this.#backend.refWorkers(on),
      admit: () => (this.#life.live() ? null : this.#life.failure),
      threads: settings.threads,
      maxQueue: settings.maxQueue,
      onDrain: () => this.dispatchEvent(new Event('drain')),
      // Every call is an async resource of its own (PARAHASH_TASK), inline ones too, so
      // async_hooks tools see each call.
      onCall: platform.task ?? NOOP,
    });
    const calls = this.#calls;
    this.#stats = new PoolStats(backend, calls, settings.threads);
    this.#life = new PoolLifecycle(backend, calls, this.#stats);
    this.#parts = Object.freeze({ backend, platform, hashParams: this.#hashParams, calls, life: this.#life });
    this.#core = Object.freeze({
      backend,
      platform,
      settings,
      kernels: this.#kernels,
      threads: settings.threads,
      resolve: (algorithm) => this.#resolve(algorithm),
      hmacKernel: (algorithm) => this.#hmacKernel(algorithm),
      input: (value, name) => toInput(value, name, settings.maxInputLength, -1),
      params: (kernel, options) => this.#hashParams.params(kernel, options),
      session: (kernel, params, key, signal) => this.#session(kernel, params, key, signal),
      plan: (name, parameters, inputs, outLength) => this.#plan(name, parameters, inputs, outLength),
      argon2Tag: (type, checked, signal, onProgress) => this.#argon2Tag(type, checked, signal, onProgress),
      result: (bytes, encoding) => backend.result(bytes, encoding),
      turn: (signal) => this.#turn(signal),
      begin: (signal) => calls.begin(signal),
      after: (result) => calls.after(result),
      end: calls.end,
      failed: (error) => calls.failed(error),
      trackAsync: (signal, run) => calls.trackAsync(signal, run),
    });
  }

  static {
    for (const entry of METHODS) {
      // hash() is written out below: it is the call made by the hundred thousand.
      if (entry.name === 'hash') continue;
      const method = { [entry.name](...args) { return invoke(this.#platform, (a) => this.#call(entry, a), args, entry.arity); } }[entry.name];
      // As a written-out method would report: its arguments, the callback included.
      Object.defineProperty(method, 'length', { value: entry.arity + 1 });
      Object.defineProperty(Pool.prototype, entry.name, { value: method, writable: true, configurable: true });
    }
  }

  get threads() {
    return this.#settings.threads;
  }

  get algorithms() {
    return this.#kernels.map((k) => k.name);
  }

  // Per algorithm 'node:crypto' (Node's OpenSSL, where it measured faster: js/engine/host-choice.js)
  // or 'portable' (the WebAssembly kernel; every browser).
  get backends() {
    return this.#backend.backends ?? Object.freeze(Object.fromEntries(this.#kernels.map((k) => [k.name, 'portable'])));
  }

  // Why the pool has fewer threads than asked for (a page that is not cross-origin isolated),
  // or undefined.
  get warning() {
    return this.#settings.warning;
  }

  // Do the threads share one memory? Always in Node; in browsers only when cross-origin isolated.
  get isolated() {
    return this.#platform.isolated ?? true;
  }

  // The common call (no function among at most three arguments) skips the callback machinery:
  // no rest array, one Promise when answered inline.
  hash(algorithm, data, options, callback) {
    if (arguments.length <= 3 && typeof options !== 'function' && typeof data !== 'function' && typeof algorithm !== 'function') {
      try {
        return this.#call(HASH, [algorithm, data, options]);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return invoke(this.#platform, (a) => this.#call(HASH, a), arguments, 3);
  }

  // The one path from a call to its work: the pool still open, the arguments checked (before
  // the options, in node:crypto's order), the options read once (own properties, unknown names
  // refused), the encoding, signal and timeout checked, then the work, under the timeout's
  // signal when there is one.
  #call(entry, args) {
    if (!this.#life.live()) throw this.#life.failure;
    const checked = entry.check(this.#core, args);
    const raw = args[entry.optionsAt];
    const o = entry.readOptions ? entry.readOptions(raw) : readOptions(raw, KNOWN[entry.options ?? entry.name], entry.what);
    const encoding = checkEncoding(o.encoding);
    const signal = checkSignal(o.signal);
    const ms = checkTimeout(o.timeout);
    if (ms === undefined) return entry.start(this.#core, checked, o, encoding, signal);
    // options.timeout ms from now, queue wait included, after which the call rejects with
    // ERR_PARAHASH_TIMEOUT.
    const timed = deadline(signal, ms, this.#platform.timer);
    let result;
    try {
      result = entry.start(this.#core, checked, o, encoding, timed.signal);
    } catch (error) {
      timed.dispose();
      throw error;
    }
    return Promise.resolve(result).finally(timed.dispose);
  }

  // A deliberate trap (or abort()) on one worker thread: lets tests prove that a crash inside
  // the engine is contained (never needed by users; keyed by a registered symbol so it stays
  // out of the API).
  [Symbol.for('parahash.crashWorkerForTesting')](how = 'trap') {
    if (this.#life.live()) this.#backend.crashForTesting(how);
  }

  // The allocator's and the WebAssembly memory's state, for leak checks (tests, the soak).
  [Symbol.for('parahash.heapStatsForTesting')]() {
    return this.#backend.heapStats();
  }

  // node:crypto's Hash shape (update → this, digest → Promise, copy); in Node also a Writable
  // that stream.pipeline(source, hasher) can end in (js/api/hasher.js, js/load/node-hasher.js).
  // @throws synchronously for a bad algorithm or option, as node:crypto does.
  createHash(algorithm, options) {
    if (!this.#life.live()) throw this.#life.failure;
    const c = hasherCall(this.#hashParams, algorithm, undefined, options, false, 'pool.createHash');
    return newHasher(this.#platform, c.o, (signal) => this.#session(c.kernel, c.params, c.key, signal));
  }

  // createHash's shape for HMAC (RFC 2104) under `key`, copied now.
  createHmac(algorithm, key, options) {
    if (!this.#life.live()) throw this.#life.failure;
    const c = hasherCall(this.#hashParams, algorithm, key, options, true, 'pool.createHmac');
    return newHasher(this.#platform, c.o, (signal) => this.#session(c.kernel, c.params, c.key, signal));
  }

  // The digest now, on this thread, of at most 64 KiB (js/api/hash-sync.js): for code that
  // cannot await. @throws as hash() rejects, and ERR_PARAHASH_SYNC_TOO_LARGE.
  hashSync(algorithm, data, options) {
    if (!this.#life.running()) throw this.#life.failure;
    return this.#sync.hashSync(algorithm, data, options);
  }

  // hashDirectory's entries one at a time (for await), in bounded memory: each step is one
  // tracked call, so the workers stay ref'd while it waits; leaving the loop stops the walk.
  hashDirectoryIterator(root, algorithm, options) {
    if (!this.#life.live()) throw this.#life.failure;
    const kernel = this.#resolve(algorithm);
    const { root: checked, o } = checkDirectoryCall(this.#platform, root, options, this.threads, 'pool.hashDirectoryIterator');
    const params = this.#hashParams.params(kernel, o.hashOptions);
    const encoding = checkEncoding(o.encoding);
    const sessionFor = (signal) => this.#session(kernel, params, undefined, signal);
    const track = (run) => this.#calls.trackAsync(o.signal, run);
    return directoryIterator(sessionFor, this.#platform, checked, encoding, { ...o, maxLength: this.#settings.maxInputLength }, track);
  }

  /** @internal */
  [SESSION](kernel, params, key, signal) {
    return this.#session(kernel, params, key, signal);
  }

  // What createHash, hashStream and hashFile need from the pool for one call.
  #session(kernel, params, key, signal) {
    return sessionOf(this.#parts, kernel, params, key, signal);
  }

  // The raw tag of one Argon2 call (type: 'argon2id' | 'argon2i' | 'argon2d') with options from
  // checkArgon2.
  #argon2Tag(type, checked, signal, onProgress) {
    const { memoryCost, timeCost, parallelism } = checked;
    const plan = this.#plan(type, { memoryCost, timeCost, parallelism }, [
      inputOf(checked.password, 'password'), inputOf(checked.salt, 'salt'),
      inputOf(checked.secret, 'options.secret'), inputOf(checked.associatedData, 'options.associatedData'),
    ], checked.hashLength);
    const progress = onProgress === undefined ? undefined
      : this.#platform.bind((passesDone) => onProgress({ passesDone, passesTotal: checked.timeCost }));
    return this.#calls.trackAsync(signal, () => this.#backend.derive(plan, signal, progress));
  }

  // A derivation's plan, its parameters checked by the engine's own rules (js/engine/backend.js).
  #plan(name, parameters, inputs, outLength) {
    if (!this.#life.running()) throw this.#life.failure;
    return this.#backend.planDerive(name, parameters, inputs, outLength);
  }

  // Counts as piscina's stats do, over the engine's jobs, with the threads' utilization and
  // their jobs' wait and run times (js/api/pool-stats.js).
  stats() {
    return this.#stats.report(this.#life.state);
  }

  addEventListener(type, listener, options) {
    if (type === 'drain') this.#calls.watchDrain();
    super.addEventListener(type, listener, options);
  }

  // Finishes every call already made, then releases the threads. Later calls reject with
  // ERR_PARAHASH_POOL_CLOSED. Idempotent.
  close(callback) {
    return invoke(this.#platform, () => this.#life.close(), arguments, 0);
  }

  // Rejects all outstanding work with ERR_PARAHASH_POOL_CLOSED and releases the threads now.
  destroy(callback) {
    return invoke(this.#platform, async () => this.#life.destroy(), arguments, 0);
  }

  /** @internal called when a thread of the backend dies */
  _crash(what) {
    this.#life.crash(what);
  }

  /** @internal */
  _ready() {
    this.#life.ready();
  }

  /** @internal a stream has chunks in the engine again (+1) or none any more (-1) */
  _busy(delta) {
    this.#calls.busy(delta);
  }

  /** @internal does the pool still finish work (open or closing)? */
  _running() {
    return this.#life.running();
  }

  /** @internal */
  _failure() {
    return this.#life.failure;
  }

  #resolve(algorithm) {
    if (!this.#life.running()) throw this.#life.failure;
    return this.#hashParams.resolve(algorithm);
  }

  #hmacKernel(algorithm) {
    return hmacKernelOf(this.#hashParams, this.#resolve(algorithm));
  }

  // A later turn of the loop, for work that must not hold this one; rejects once the pool
  // stopped or the signal aborted.
  async #turn(signal) {
    await new Promise((resolve) => this.#platform.schedule(resolve));
    if (!this.#life.running()) throw this.#life.failure;
    if (signal?.aborted) throw abortError(signal.reason);
  }
}

const HASH = METHODS.find((entry) => entry.name === 'hash');

// HMAC needs a fixed-length cryptographic hash. @return kernel, or throws.
function hmacKernelOf(hashParams, kernel) {
  const row = hashParams.row(kernel);
  if (row.kind !== 'hash') throw invalidArg(`${row.name} has no HMAC; it needs a fixed-length cryptographic hash`);
  return kernel;
}

// createHash's and createHmac's arguments (a pool's and the default pool's alike), checked
// synchronously as node:crypto checks them; `what` names the method in messages.
// @return { kernel, params, key, o }
function hasherCall(hashParams, algorithm, key, options, hmac, what) {
  const kernel = hashParams.resolve(algorithm);
  if (hmac) hmacKernelOf(hashParams, kernel);
  const keyInput = hmac ? hmacKeyInput(key) : undefined;
  const o = readOptions(options, hmac ? KNOWN.createHmac : KNOWN.createHash, what);
  const params = hmac ? plainParams(hashParams.row(kernel)) : hashParams.params(kernel, o);
  return { kernel, params, key: keyInput, o };
}

// A hasher (js/api/hasher.js, wrapped by the platform: a Writable in Node) whose session comes from
// sessionFor(signal), under options.signal and options.timeout (ms from now). The default pool
// makes its hashers here too.
function newHasher(platform, o, sessionFor) {
  const signal = checkSignal(o.signal);
  const ms = checkTimeout(o.timeout);
  const timed = ms === undefined ? { signal, dispose: NOOP } : deadline(signal, ms, platform.timer);
  const core = new Hasher(sessionFor(timed.signal), timed.signal, timed.dispose);
  return platform.hasher ? platform.hasher(core) : core;
}

module.exports = { createPoolWith, Pool, SESSION, checkPoolOptions, newHasher, hasherCall };
