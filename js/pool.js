'use strict';
// The public Pool: validates every argument, keeps each call's accounting (admission, counts,
// worker refs), then asks its backend (js/backend.js) for the work. Platform-neutral: everything
// Node- or browser-specific comes in through `platform` (see load/node.js).

const { WasmBackend } = require('./backend');
const { invoke } = require('./callback');
const { checkEncoding } = require('./encoding');
const { codes, parahashError, invalidArg, outOfRange, abortError } = require('./errors');
const { toInput, hmacKeyInput, InputList, describe } = require('./input');
const { readOptions, KNOWN } = require('./options');
const { checkSignal, checkTimeout, deadline } = require('./signal');
const { Hasher } = require('./hasher');
const { checkSource, readerOf, announcedLength } = require('./sources');
const { hashSource, hashFile, hashFiles, checkPath, noFiles } = require('./stream-calls');
const { HashParams, plainParams } = require('./hash-params');
const { checkArgon2, argon2MemoryBytes } = require('./argon2-options');
const { checkPbkdf2, checkScrypt } = require('./kdf-options');
const { formatPhc, parsePhc, randomSalt, constantTimeEqual, checkHashOptions, checkVerifyOptions } = require('./phc');

const MAX_THREADS = 256;
// The default pool's hashers reach a pool's sessions through this (js/default-pool.js).
const SESSION = Symbol('parahash.session');
// hashMany validates this many inputs per turn of the loop, so 100,000 never hold it.
const VALIDATE_PER_TURN = 2048;

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

// A pool option: not an integer is a TypeError, an integer outside [min, max] a RangeError.
function poolInteger(value, name, min, max) {
  if (!Number.isInteger(value)) throw invalidArg(`options.${name} must be an integer; received ${describe(value)}`);
  if (value < min || value > max) throw outOfRange(`options.${name} must be from ${min} to ${max}; received ${value}`);
  return value;
}

const NOOP = () => {};

// A listener option (onProgress): a function, or absent.
function checkListener(listener, name) {
  if (listener !== undefined && typeof listener !== 'function') {
    throw invalidArg(`${name} must be a function; received ${describe(listener)}`);
  }
  return listener;
}

function checkPoolOptions(options, platform) {
  const o = readOptions(options, KNOWN.pool, 'createPool');
  let threads = poolInteger(o.threads ?? platform.defaultThreads(), 'threads', 1, MAX_THREADS);
  const maxQueue = (o.maxQueue ?? Infinity) === Infinity ? Infinity : poolInteger(o.maxQueue, 'maxQueue', 0, Infinity);
  const maxInputLength = poolInteger(o.maxInputLength ?? Number.MAX_SAFE_INTEGER, 'maxInputLength', 0, Number.MAX_SAFE_INTEGER);
  const locateFile = checkListener(o.locateFile, 'options.locateFile');
  // A platform with fewer threads (a browser page that is not cross-origin isolated) gives
  // what it has and says so, rather than refusing a pool the same code gets elsewhere.
  let warning;
  if (platform.maxThreads !== undefined && threads > platform.maxThreads) {
    warning = platform.threadsWarning(threads);
    threads = platform.maxThreads;
  }
  return { threads, maxQueue, maxInputLength, locateFile, warning };
}

// The pool is an EventTarget: 'drain' fires (in a microtask) each time the last pending call
// settles.
class Pool extends EventTarget {
  #backend;
  #platform;
  #settings;
  #kernels;
  #hashParams; // algorithm names and parameters, checked against the kernels' rows
  #state = 'starting'; // starting | open | closing | closed | crashed
  #failure = null; // the error later calls reject with once closed or crashed
  #pending = 0; // calls made and not settled
  #waiting = 0; // of those, calls waiting on the backend (they keep the workers ref'd)
  #idle = [];
  #closing = null;
  #counts = { completed: 0, failed: 0, cancelled: 0 };
  #drainWatched = false; // has anyone listened for 'drain'?
  #drainQueued = false;
  #lastEngine = null; // the engine's figures when it stopped, for stats() afterwards

  /** @internal use createPool() */
  constructor(backend, settings, platform) {
    super();
    this.#backend = backend;
    this.#platform = platform;
    this.#settings = settings;
    this.#kernels = backend.kernels;
    this.#hashParams = new HashParams(backend.kernels);
  }

  get threads() {
    return this.#settings.threads;
  }

  get algorithms() {
    return this.#kernels.map((k) => k.name);
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

  // hash() and hmac() are the calls made by the hundred thousand, so they allocate as little as
  // they can: no async wrapper, no array for the optional callback, one Promise when answered
  // inline.
  hash(algorithm, data, options, callback) {
    // The common call (no function among at most three arguments) takes no array.
    if (arguments.length <= 3 && typeof options !== 'function' && typeof data !== 'function' && typeof algorithm !== 'function') {
      try {
        return this.#startHash(algorithm, data, options);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return invoke(this.#platform, (a) => this.#startHash(a[0], a[1], a[2]), arguments, 3);
  }

  #startHash(algorithm, data, options) {
    const kernel = this.#resolve(algorithm);
    const input = this.#input(data, 'data');
    const o = readOptions(options, KNOWN.hash, 'pool.hash');
    if (o.timeout !== undefined) return this.#timed(o, (signal) => this.#startHash(algorithm, data, { ...o, timeout: undefined, signal }));
    const encoding = checkEncoding(o.encoding);
    const signal = checkSignal(o.signal);
    const params = this.#params(kernel, o);
    this.#begin(signal);
    let result;
    try {
      result = this.#backend.hash(kernel, input, params, signal, encoding, this.#end);
    } catch (error) {
      this.#settled(error);
      throw error;
    }
    return this.#after(result);
  }

  // A deliberate trap (or abort()) on one worker thread: lets tests prove that a crash inside
  // the engine is contained (never needed by users; keyed by a registered symbol so it stays
  // out of the API).
  [Symbol.for('parahash.crashWorkerForTesting')](how = 'trap') {
    if (this.#live()) this.#backend.crashForTesting(how);
  }

  // The allocator's and the WebAssembly memory's state, for leak checks (tests, the soak).
  [Symbol.for('parahash.heapStatsForTesting')]() {
    return this.#backend.heapStats();
  }

  // HMAC (RFC 2104) of `data` under `key` with any fixed-length cryptographic algorithm; same
  // options and result shapes as hash(). A key longer than the algorithm's block is hashed
  // first, as RFC 2104 says, streamed like any input.
  hmac(algorithm, key, data, options, callback) {
    return invoke(this.#platform, (a) => this.#startHmac(a[0], a[1], a[2], a[3]), arguments, 4);
  }

  #startHmac(algorithm, key, data, options) {
    const kernel = this.#hmacKernel(algorithm);
    const keyInput = hmacKeyInput(key);
    const input = this.#input(data, 'data');
    const o = readOptions(options, KNOWN.hmac, 'pool.hmac');
    if (o.timeout !== undefined) return this.#timed(o, (signal) => this.#startHmac(algorithm, key, data, { ...o, timeout: undefined, signal }));
    const encoding = checkEncoding(o.encoding);
    const signal = checkSignal(o.signal);
    return this.#track(signal, (end) => this.#backend.hmac(kernel, keyInput, input, signal, encoding, end));
  }

  // Hashes every input with one algorithm; one crossing into the engine per batch of small
  // inputs, spread over all threads. Resolves to the digests in input order. The inputs are
  // validated VALIDATE_PER_TURN at a time, a slice per turn of the loop.
  hashMany(algorithm, inputs, options, callback) {
    return invoke(this.#platform, (a) => this.#startHashMany(a[0], a[1], a[2]), arguments, 3);
  }

  #startHashMany(algorithm, inputs, options) {
    const kernel = this.#resolve(algorithm);
    const length = arrayLength(inputs);
    const o = readOptions(options, KNOWN.hashMany, 'pool.hashMany');
    const encoding = checkEncoding(o.encoding);
    const params = this.#params(kernel, o);
    return this.#timed(o, (signal) => this.#trackAsync(signal, async () => {
      const items = new InputList(length, 'inputs', this.#settings.maxInputLength);
      for (let i = 0; i < length; i++) {
        if (i > 0 && i % VALIDATE_PER_TURN === 0) await this.#turn(signal);
        let value;
        try {
          value = inputs[i];
        } catch (error) {
          throw invalidArg(`inputs[${i}] could not be read`, error);
        }
        items.set(i, value);
      }
      return this.#backend.hashMany(kernel, items, params, signal, encoding);
    }));
  }

  // PBKDF2 (RFC 8018) with HMAC over `digest` (any fixed-length cryptographic algorithm),
  // crypto.pbkdf2's argument order and ranges. Several output blocks run on several threads.
  pbkdf2(password, salt, iterations, keylen, digest, options, callback) {
    return invoke(this.#platform, (a) => this.#startPbkdf2(a[0], a[1], a[2], a[3], a[4], a[5]), arguments, 6);
  }

  #startPbkdf2(password, salt, iterations, keylen, digest, options) {
    const p = checkPbkdf2(password, salt, iterations, keylen, digest);
    const kernel = this.#resolve(p.digest);
    if (this.#kernels[kernel].kind !== 'hash') {
      throw invalidArg(`${this.#kernels[kernel].name} cannot be PBKDF2's digest; it needs a fixed-length cryptographic hash`);
    }
    const o = readOptions(options, KNOWN.pbkdf2, 'pool.pbkdf2');
    const encoding = checkEncoding(o.encoding);
    const plan = this.#plan('pbkdf2', [kernel, p.iterations], [inputOf(p.password, 'password'), inputOf(p.salt, 'salt')], p.keylen);
    return this.#timed(o, (signal) => this.#trackAsync(signal, async () => this.#result(await this.#backend.derive(plan, signal), encoding)));
  }

  // scrypt (RFC 7914) with crypto.scrypt's options and limits ({ N | cost, r | blockSize,
  // p | parallelization, maxmem }) plus encoding and signal. The p mixes run on different
  // threads, as many at once as maxmem has room for (see src/kdf/scrypt.hpp).
  scrypt(password, salt, keylen, options, callback) {
    return invoke(this.#platform, (a) => this.#startScrypt(a[0], a[1], a[2], a[3]), arguments, 4);
  }

  #startScrypt(password, salt, keylen, options) {
    const o = readOptions(options, KNOWN.scrypt, 'pool.scrypt');
    const encoding = checkEncoding(o.encoding);
    const s = checkScrypt(password, salt, keylen, o);
    const plan = this.#plan('scrypt', [s.N, s.r, s.p, s.maxmem], [inputOf(s.password, 'password'), inputOf(s.salt, 'salt')], s.keylen);
    return this.#timed(o, (signal) => this.#trackAsync(signal, async () => this.#result(await this.#backend.derive(plan, signal), encoding)));
  }

  // Argon2id, Argon2i and Argon2d (RFC 9106, version 0x13): the raw tag. Options: memoryCost
  // (KiB), timeCost, parallelism (lanes, run on different threads), hashLength, secret,
  // associatedData, encoding, signal (stops within about a millisecond), onProgress({
  // passesDone, passesTotal }). Defaults: RFC 9106's second recommended option (64 MiB, t = 3,
  // p = 4).
  argon2id(password, salt, options, callback) {
    return invoke(this.#platform, (a) => this.#argon2('argon2id', a[0], a[1], a[2]), arguments, 3);
  }

  argon2i(password, salt, options, callback) {
    return invoke(this.#platform, (a) => this.#argon2('argon2i', a[0], a[1], a[2]), arguments, 3);
  }

  argon2d(password, salt, options, callback) {
    return invoke(this.#platform, (a) => this.#argon2('argon2d', a[0], a[1], a[2]), arguments, 3);
  }

  #argon2(type, password, salt, options) {
    const o = readOptions(options, KNOWN.argon2, `pool.${type}`);
    const encoding = checkEncoding(o.encoding);
    const checked = checkArgon2(password, salt, o);
    return this.#timed(o, async (signal) => this.#result(await this.#argon2Tag(type, checked, signal, o.onProgress), encoding));
  }

  // Argon2 with a fresh random salt (options.saltLength bytes, default 16, from WebCrypto's
  // getRandomValues), as a PHC string: $argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>. Options:
  // argon2id's (same defaults) plus type ('argon2id', 'argon2i', 'argon2d') and saltLength.
  argon2Hash(password, options, callback) {
    return invoke(this.#platform, (a) => this.#startArgon2Hash(a[0], a[1]), arguments, 2);
  }

  #startArgon2Hash(password, options) {
    const { type, saltLength, argon2Options } = checkHashOptions(options);
    const checked = checkArgon2(password, randomSalt(saltLength), argon2Options);
    return this.#timed(argon2Options, async (signal) => {
      const hash = await this.#argon2Tag(type, checked, signal, argon2Options.onProgress);
      return formatPhc({ type, ...checked, hash });
    });
  }

  // Does `password` match the PHC string? Parameters, salt, associated data and tag length come
  // from the string (js/phc.js says which spellings are accepted); options: secret (the pepper it
  // was hashed with), signal, onProgress. A malformed string rejects with
  // ERR_PARAHASH_INVALID_ARG; a wrong password resolves false. The tags are compared in
  // constant time.
  argon2Verify(phc, password, options, callback) {
    return invoke(this.#platform, (a) => this.#startArgon2Verify(a[0], a[1], a[2]), arguments, 3);
  }

  #startArgon2Verify(phc, password, options) {
    // A stored string that does not parse is a failure of the data, not a wrong argument type:
    // in callback form it reaches the callback (as the argon2 package's verify rejects), so only
    // a non-string phc throws at once.
    if (typeof phc !== 'string') parsePhc(phc);
    let parsed;
    try {
      parsed = parsePhc(phc);
    } catch (error) {
      return Promise.reject(error);
    }
    const { type, memoryCost, timeCost, parallelism, associatedData, salt, hash } = parsed;
    const verify = checkVerifyOptions(options);
    const checked = checkArgon2(password, salt,
      { memoryCost, timeCost, parallelism, hashLength: hash.byteLength, associatedData, secret: verify.secret, onProgress: verify.onProgress });
    return this.#timed(verify, async (signal) => {
      const tag = await this.#argon2Tag(type, checked, signal, verify.onProgress);
      try {
        return constantTimeEqual(tag, hash);
      } finally {
        tag.fill(0);
      }
    });
  }

  // The raw tag of one Argon2 call (type: 'argon2id' | 'argon2i' | 'argon2d') with options from
  // checkArgon2.
  #argon2Tag(type, checked, signal, onProgress) {
    const plan = this.#plan(type, [checked.memoryCost, checked.timeCost, checked.parallelism], [
      inputOf(checked.password, 'password'), inputOf(checked.salt, 'salt'),
      inputOf(checked.secret, 'options.secret'), inputOf(checked.associatedData, 'options.associatedData'),
    ], checked.hashLength);
    const progress = onProgress === undefined ? undefined
      : this.#platform.bind((passesDone) => onProgress({ passesDone, passesTotal: checked.timeCost }));
    return this.#trackAsync(signal, () => this.#backend.derive(plan, signal, progress, argon2MemoryBytes(checked)));
  }

  // A derivation's plan, its parameters checked by the engine's own rules (js/backend.js).
  #plan(name, numbers, inputs, outLength) {
    if (!this.#running()) throw this.#failure;
    return this.#backend.planDerive(name, numbers, inputs, outLength);
  }

  // node:crypto's Hash shape (update → this, digest → Promise, copy); in Node also a Writable
  // that stream.pipeline(source, hasher) can end in (js/hasher.js, js/load/node-hasher.js).
  // Options: outputLength, key, seed, context as hash() takes them; signal and timeout (ms from
  // now) abort it. @throws synchronously for a bad algorithm or option, as node:crypto does.
  createHash(algorithm, options) {
    const kernel = this.#resolve(algorithm);
    if (!this.#live()) throw this.#failure;
    const o = readOptions(options, KNOWN.createHash, 'pool.createHash');
    return this.#hasher(kernel, this.#params(kernel, o), undefined, o);
  }

  // createHash's shape for HMAC (RFC 2104) under `key`, copied now.
  createHmac(algorithm, key, options) {
    const kernel = this.#hmacKernel(algorithm);
    if (!this.#live()) throw this.#failure;
    const keyInput = hmacKeyInput(key);
    const o = readOptions(options, KNOWN.createHmac, 'pool.createHmac');
    return this.#hasher(kernel, this.#hmacParams(kernel), keyInput, o);
  }

  #hasher(kernel, params, key, o) {
    const signal = checkSignal(o.signal);
    const ms = checkTimeout(o.timeout);
    const timed = ms === undefined ? { signal, dispose: NOOP } : deadline(signal, ms, this.#platform.timer);
    const core = new Hasher(this.#session(kernel, params, key, timed.signal), timed.signal, timed.dispose);
    return this.#platform.hasher ? this.#platform.hasher(core) : core;
  }

  // The digest of everything `source` yields: a Node Readable, a web ReadableStream, or an
  // (async) iterable of bytes or strings. Options: hash()'s, onProgress({ bytesDone,
  // bytesTotal }) and bytesTotal (the expected length, for onProgress; an HTTP request's
  // Content-Length by default). A source that errors rejects with its own error, unchanged.
  hashStream(source, algorithm, options, callback) {
    return invoke(this.#platform, (a) => this.#startHashStream(a[0], a[1], a[2]), arguments, 3);
  }

  #startHashStream(source, algorithm, options) {
    const kernel = this.#resolve(algorithm);
    const o = readOptions(options, KNOWN.hashStream, 'pool.hashStream');
    const encoding = checkEncoding(o.encoding);
    const params = this.#params(kernel, o);
    const onProgress = checkListener(o.onProgress, 'options.onProgress');
    const bytesTotal = o.bytesTotal === undefined ? announcedLength(source)
      : poolInteger(o.bytesTotal, 'bytesTotal', 0, Number.MAX_SAFE_INTEGER);
    checkSource(source);
    return this.#timed(o, (signal) => this.#trackAsync(signal, () =>
      hashSource(this.#session(kernel, params, undefined, signal), readerOf(source),
        { signal, encoding, onProgress, bytesTotal, maxLength: this.#settings.maxInputLength })));
  }

  // The digest of one file (Node only), read a chunk at a time straight into the engine's heap:
  // memory stays bounded whatever its size. Options: hash()'s and onProgress({ bytesDone,
  // bytesTotal }). fs's errors come through unchanged (ENOENT, EISDIR, EACCES).
  hashFile(path, algorithm, options, callback) {
    return invoke(this.#platform, (a) => this.#startHashFile(a[0], a[1], a[2]), arguments, 3);
  }

  #startHashFile(path, algorithm, options) {
    if (this.#platform.openFile === undefined) throw noFiles();
    const kernel = this.#resolve(algorithm);
    const file = checkPath(path, 'path');
    const o = readOptions(options, KNOWN.hashFile, 'pool.hashFile');
    const encoding = checkEncoding(o.encoding);
    const params = this.#params(kernel, o);
    const onProgress = checkListener(o.onProgress, 'options.onProgress');
    return this.#timed(o, (signal) => this.#trackAsync(signal, () =>
      hashFile(this.#session(kernel, params, undefined, signal), this.#platform.openFile, file,
        { signal, encoding, onProgress, maxLength: this.#settings.maxInputLength })));
  }

  // Many files (Node only), `concurrency` at a time (default 4 per thread, 4 to 32), each on its own
  // engine stream so they spread over the threads. Resolves to [{ path, digest } | { path,
  // error }] in input order: one file's failure is its entry's error, never the call's (only an
  // abort, a timeout or the pool's end reject). onProgress({ bytesDone, bytesTotal, filesDone,
  // filesTotal, file: { path, bytesDone, bytesTotal } }).
  hashFiles(paths, algorithm, options, callback) {
    return invoke(this.#platform, (a) => this.#startHashFiles(a[0], a[1], a[2]), arguments, 3);
  }

  #startHashFiles(paths, algorithm, options) {
    if (this.#platform.openFile === undefined) throw noFiles();
    const kernel = this.#resolve(algorithm);
    const length = arrayLength(paths, 'paths');
    const files = new Array(length);
    for (let i = 0; i < length; i++) files[i] = checkPath(readElement(paths, i, 'paths'), `paths[${i}]`);
    const o = readOptions(options, KNOWN.hashFiles, 'pool.hashFiles');
    const encoding = checkEncoding(o.encoding);
    const params = this.#params(kernel, o);
    const onProgress = checkListener(o.onProgress, 'options.onProgress');
    // Measured on 2 threads: 8 at once is 1.3× faster than 2, and 32 only 1.16× faster than 8
    // for 20% more memory.
    const concurrency = poolInteger(o.concurrency ?? Math.min(32, Math.max(4, 4 * this.threads)), 'concurrency', 1, 4096);
    return this.#timed(o, (signal) => this.#trackAsync(signal, () =>
      hashFiles(this.#session(kernel, params, undefined, signal), this.#platform, files,
        { signal, encoding, onProgress, concurrency, maxLength: this.#settings.maxInputLength })));
  }

  /** @internal */
  [SESSION](kernel, params, key, signal) {
    return this.#session(kernel, params, key, signal);
  }

  // What createHash, hashStream and hashFile need from the pool for one call.
  #session(kernel, params, key, signal) {
    const oneShot = (input, encoding, end) => (key === undefined
      ? this.#backend.hash(kernel, input, params, signal, encoding, end)
      : this.#backend.hmac(kernel, key, input, signal, encoding, end));
    const session = {
      digestLength: params.outputLength,
      // The session of a copy() (another outputLength for an extendable-output function).
      copy: (options) => {
        const length = this.#hashParams.copyLength(kernel, params.outputLength, options);
        return length === params.outputLength ? session : this.#session(kernel, { ...params, outputLength: length }, key, signal);
      },
      open: (options) => (this.#running() ? this.#backend.openStream(kernel, params, key, signal, options) : Promise.reject(this.#failure)),
      // A hasher's digest is one call of the pool: admitted, counted, its workers ref'd.
      oneShot: (input, encoding) => this.#attempt(() => this.#track(signal, (end) => oneShot(input, encoding, end))),
      finish: (run) => this.#attempt(() => this.#trackAsync(signal, run)),
      // Inside a call already counted.
      now: (input, encoding) => oneShot(input, encoding, NOOP),
      result: (bytes, encoding) => this.#result(bytes, encoding),
      decode: (string, encoding) => this.#platform.decode(string, encoding),
    };
    return session;
  }

  #attempt(start) {
    try {
      return start();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  // Runs run(signal) under the call's signal and timeout: options.timeout ms from now, queue
  // wait included, after which the call rejects with ERR_PARAHASH_TIMEOUT.
  #timed(o, run) {
    const signal = checkSignal(o.signal);
    const ms = checkTimeout(o.timeout);
    if (ms === undefined) return run(signal);
    const timed = deadline(signal, ms, this.#platform.timer);
    let result;
    try {
      result = run(timed.signal);
    } catch (error) {
      timed.dispose();
      throw error;
    }
    return Promise.resolve(result).finally(timed.dispose);
  }

  // Counts as piscina's stats do, over the engine's jobs (a chunk, a batch, a derivation):
  // utilization (the threads' busy share of their time since the pool started), waitTime (queued
  // to started) and runTime (started to finished), each { count, mean, p50, p90, p99, max } in
  // ms. Calls answered inline on the calling thread are in the counts, not in those figures.
  stats() {
    const live = this.#state === 'open' || this.#state === 'closing';
    const engine = live ? this.#backend.stats() : (this.#lastEngine ?? {});
    const busy = engine.busyMicros ?? 0;
    const age = engine.ageMicros ?? 0;
    return {
      threads: this.threads,
      pending: this.#pending,
      queued: live ? engine.queued : 0,
      running: live ? engine.running : 0,
      ...this.#counts,
      state: this.#state,
      utilization: age > 0 ? Math.min(1, busy / (age * this.threads)) : 0,
      waitTime: engine.waitTime ?? emptyTimes(),
      runTime: engine.runTime ?? emptyTimes(),
    };
  }

  addEventListener(type, listener, options) {
    if (type === 'drain') this.#drainWatched = true;
    super.addEventListener(type, listener, options);
  }

  // Finishes every call already made, then releases the threads. Later calls reject with
  // ERR_PARAHASH_POOL_CLOSED. Idempotent.
  close(callback) {
    return invoke(this.#platform, () => {
      if (!this.#closing) this.#closing = this.#shutDown();
      return this.#closing;
    }, arguments, 0);
  }

  // Rejects all outstanding work with ERR_PARAHASH_POOL_CLOSED and releases the threads now.
  destroy(callback) {
    return invoke(this.#platform, async () => {
      if (this.#state === 'closed' || this.#state === 'crashed') return;
      this.#abandon('closed', parahashError(codes.POOL_CLOSED, 'The pool was destroyed'));
    }, arguments, 0);
  }

  async #shutDown() {
    if (this.#state === 'closed' || this.#state === 'crashed') return;
    this.#state = 'closing';
    this.#failure = parahashError(codes.POOL_CLOSED, 'The pool is closed');
    if (this.#pending > 0) await new Promise((resolve) => this.#idle.push(resolve));
    if (this.#state !== 'closing') return; // destroyed or crashed meanwhile
    this.#state = 'closed';
    this.#lastEngine = this.#backend.stats();
    // Every job has completed, so the threads are idle and the join is immediate.
    this.#backend.close();
  }

  /** @internal called when a thread of the backend dies */
  _crash(what) {
    if (this.#state === 'closed' || this.#state === 'crashed') return;
    const cause = crashCause(what);
    const detail = cause.name && cause.name !== 'Error' ? `${cause.name}: ${cause.message}` : cause.message;
    this.#abandon('crashed', parahashError(codes.POOL_CRASHED,
      `A thread of this pool crashed (${detail}); every pending call was rejected. Create a new pool with createPool().`,
      { cause }));
  }

  /** @internal */
  _ready() {
    if (this.#state !== 'starting') return;
    this.#state = 'open';
    // An idle pool must not keep the process alive; #track refs the workers again.
    this.#backend.refWorkers(false);
  }

  /** @internal a stream has chunks in the engine again (+1) or none any more (-1) */
  _busy(delta) {
    if (delta > 0) {
      if (this.#waiting++ === 0) this.#backend.refWorkers(true);
    } else {
      this.#unwait();
    }
  }

  /** @internal does the pool still finish work (open or closing)? */
  _running() {
    return this.#running();
  }

  /** @internal */
  _failure() {
    return this.#failure;
  }

  #abandon(state, error) {
    const wasRunning = this.#state === 'open' || this.#state === 'closing';
    // The state first: an engine that a dying thread unwinds reports the crash again, re-entering.
    this.#state = state;
    this.#failure = error;
    if (wasRunning) {
      try {
        this.#lastEngine = this.#backend.stats();
      } catch {
        // A thread died under the engine's lock: its figures are gone with it.
      }
    }
    this.#backend.abandon(error);
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  #resolve(algorithm) {
    if (!this.#running()) throw this.#failure;
    return this.#hashParams.resolve(algorithm);
  }

  #hmacKernel(algorithm) {
    const kernel = this.#resolve(algorithm);
    if (this.#kernels[kernel].kind !== 'hash') {
      throw invalidArg(`${this.#kernels[kernel].name} has no HMAC; it needs a fixed-length cryptographic hash`);
    }
    return kernel;
  }

  #hmacParams(kernel) {
    return plainParams(this.#kernels[kernel]);
  }


  // One input of a hash call: its bytes, its length now (checked again before every copy) and
  // its name for messages. Over maxInputLength is ERR_PARAHASH_INPUT_TOO_LARGE, judged before
  // a string is encoded.
  #input(value, name) {
    return toInput(value, name, this.#settings.maxInputLength, -1);
  }

  // A later turn of the loop, for work that must not hold this one; rejects once the pool
  // stopped or the signal aborted.
  async #turn(signal) {
    await new Promise((resolve) => this.#platform.schedule(resolve));
    if (!this.#running()) throw this.#failure;
    if (signal?.aborted) throw abortError(signal.reason);
  }

  // The engine's result for the caller: a Buffer in Node (Uint8Array in browsers), or a string.
  #result(bytes, encoding) {
    return this.#backend.result(bytes, encoding);
  }

  #params(kernel, options) {
    return this.#hashParams.params(kernel, options);
  }

  // Accepting new calls.
  #live() {
    return this.#state === 'open' || this.#state === 'starting';
  }

  // Finishing calls already made (close() waits for them).
  #running() {
    return this.#live() || this.#state === 'closing';
  }

  // Admission, accounting and worker ref-counting around one call. run(end) returns the result,
  // or a Promise of it for which it calls end(error?) once, just before that Promise settles (so
  // no second Promise is chained per call); a call answered at once never refs the workers.
  #track(signal, run) {
    this.#begin(signal);
    let result;
    try {
      result = run(this.#end);
    } catch (error) {
      this.#settled(error);
      throw error;
    }
    return this.#after(result);
  }

  // A call is admitted (pending from here on) or refused.
  #begin(signal) {
    if (!this.#live()) throw this.#failure;
    if (this.#pending >= this.threads + this.#settings.maxQueue) {
      throw parahashError(codes.QUEUE_FULL,
        `${this.#pending} calls are already pending; this pool queues at most ${this.#settings.maxQueue} beyond its ${this.threads} threads (options.maxQueue)`);
    }
    if (signal?.aborted) {
      this.#counts.cancelled++;
      throw abortError(signal.reason);
    }
    this.#pending++;
    // Every call is an async resource of its own (PARAHASH_TASK), inline ones too, so async_hooks
    // tools see each call; its continuations run in the caller's context by the Promise's own rules.
    this.#platform.task?.();
  }

  // The call's result as its Promise: settled now (answered at once), or the backend's.
  #after(result) {
    if (!(result instanceof Promise)) {
      this.#settled();
      return Promise.resolve(result);
    }
    if (this.#waiting++ === 0) this.#backend.refWorkers(true);
    return result;
  }

  // #track for a call that is an async function: end() is called for it.
  #trackAsync(signal, run) {
    return this.#track(signal, (end) => run().then((value) => {
      end();
      return value;
    }, (error) => {
      end(error);
      throw error;
    }));
  }

  #end = (error) => {
    this.#unwait();
    this.#settled(error);
  };

  #unwait() {
    if (--this.#waiting === 0 && this.#live()) this.#backend.refWorkers(false);
  }

  #settled(error) {
    if (error === undefined) this.#counts.completed++;
    else this.#counts[error?.code === codes.ABORTED || error?.code === codes.TIMEOUT ? 'cancelled' : 'failed']++;
    if (--this.#pending === 0) {
      for (const resolve of this.#idle.splice(0)) resolve();
      if (this.#drainWatched && !this.#drainQueued) {
        this.#drainQueued = true;
        queueMicrotask(() => {
          this.#drainQueued = false;
          if (this.#pending === 0) this.dispatchEvent(new Event('drain'));
        });
      }
    }
  }
}

const emptyTimes = () => ({ count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 });

// inputs[i], or ERR_PARAHASH_INVALID_ARG when a getter or Proxy trap throws.
function readElement(array, i, name) {
  try {
    return array[i];
  } catch (error) {
    throw invalidArg(`${name}[${i}] could not be read`, error);
  }
}

// hashMany's `inputs` must be a real array (a Proxy of one too); its length is read once.
function arrayLength(inputs, name = 'inputs') {
  let length;
  try {
    length = Array.isArray(inputs) ? inputs.length : -1;
  } catch (error) {
    throw invalidArg(`The "${name}" argument could not be read (a revoked Proxy?)`, error);
  }
  if (length < 0) throw invalidArg(`The "${name}" argument must be an array; received ${describe(inputs)}`);
  return length;
}

// An input of a derivation as the backend takes it: its bytes, its length now, its name.
const inputOf = (bytes, name) => ({ bytes, length: bytes.byteLength, name });

// An Error that says what crashed a thread: a worker's error event (Node passes the Error, a
// browser an ErrorEvent), or what abort() was called with.
function crashCause(what) {
  if (what instanceof Error) return what;
  if (what && typeof what === 'object' && what.error instanceof Error) return what.error;
  if (what && typeof what === 'object' && typeof what.message === 'string') return new Error(what.message);
  if (typeof what === 'string' && what !== '') return new Error(what);
  return new Error('abort() was called inside the engine');
}

module.exports = { createPoolWith, Pool, SESSION, checkPoolOptions };
