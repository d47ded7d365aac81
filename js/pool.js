'use strict';
// The public Pool: validates every argument, then hands work to the engine. Platform-neutral:
// everything Node- or browser-specific comes in through `platform` (see load/node.js).

const { CompletionBridge } = require('./bridge');
const { turnBudgetFor } = require('./turns');
const { JobRunner, abortedError } = require('./jobs');
const { splitCallback, withCallback } = require('./callback');
const { checkEncoding, encode } = require('./encoding');
const { codes, parahashError, invalidArg, outOfRange } = require('./errors');
const { toBytes, describe } = require('./input');
const { TYPES, checkArgon2, argon2MemoryBytes } = require('./argon2-options');
const { checkPbkdf2, checkScrypt } = require('./kdf-options');
const { formatPhc, parsePhc, randomSalt, constantTimeEqual, checkHashOptions, checkVerifyOptions } = require('./phc');

const MAX_THREADS = 256;

async function createPoolWith(platform, options) {
  const settings = checkPoolOptions(options, platform);
  let pool = null;
  let early = null; // a crash before the Pool object exists
  const module = await platform.instantiate({
    threads: settings.threads,
    onAbort: (what) => (pool ? pool._crash(what) : (early = what)),
  });
  const engine = new module.Engine(settings.threads);
  const turns = turnBudgetFor(platform);
  const bridge = new CompletionBridge(module, engine, turns);
  const runtime = { platform, module, engine, bridge, turns, threads: settings.threads };
  pool = new Pool(runtime, settings);
  if (early !== null) pool._crash(early);
  await bridge.until(() => engine.startedThreads() >= settings.threads);
  pool._ready();
  return pool;
}

function checkPoolOptions(options, platform) {
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object') throw invalidArg(`The "options" argument must be an object; received ${describe(options)}`);
  const threads = options.threads ?? platform.defaultThreads();
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw outOfRange(`options.threads must be an integer from 1 to ${MAX_THREADS}; received ${describe(threads)}`);
  }
  const maxQueue = options.maxQueue ?? Infinity;
  if (!(maxQueue === Infinity || (Number.isInteger(maxQueue) && maxQueue >= 0))) {
    throw outOfRange(`options.maxQueue must be a non-negative integer or Infinity; received ${describe(maxQueue)}`);
  }
  const maxInputLength = options.maxInputLength ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(maxInputLength) || maxInputLength < 0) {
    throw outOfRange(`options.maxInputLength must be a non-negative integer; received ${describe(maxInputLength)}`);
  }
  return { threads, maxQueue, maxInputLength };
}

// Argon2's own options: the call options (encoding, signal) taken out.
function withoutCallOptions(options) {
  const { encoding: _encoding, signal: _signal, ...rest } = options ?? {};
  return rest;
}

function checkCallOptions(options) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') throw invalidArg(`The "options" argument must be an object; received ${describe(options)}`);
  const { signal } = options;
  if (signal !== undefined && (typeof signal !== 'object' || signal === null || typeof signal.aborted !== 'boolean' ||
      typeof signal.addEventListener !== 'function')) {
    throw invalidArg('options.signal must be an AbortSignal');
  }
  const { outputLength, key, seed, context } = options;
  return { encoding: checkEncoding(options.encoding), signal, outputLength, key, seed, context };
}

class Pool {
  #rt;
  #settings;
  #kernels;
  #names = new Map(); // exact spelling → kernel index, memoised from the engine's registry
  #jobs;
  #state = 'starting'; // starting | open | closing | closed | crashed
  #failure = null; // the error later calls reject with once closed or crashed
  #pending = 0;
  #idle = [];
  #closing = null;
  #counts = { completed: 0, failed: 0, cancelled: 0 };

  /** @internal use createPool() */
  constructor(runtime, settings) {
    this.#rt = runtime;
    this.#settings = settings;
    this.#kernels = runtime.module.kernelTable();
    this.#jobs = new JobRunner(runtime, {
      running: () => this.#running(),
      failure: () => this.#failure,
    });
    for (const worker of this.#workers()) worker.onerror = (event) => this._crash(event);
  }

  get threads() {
    return this.#settings.threads;
  }

  get algorithms() {
    return this.#kernels.map((k) => k.name);
  }

  hash(algorithm, data, options, callback) {
    [options, callback] = splitCallback(options, callback);
    return withCallback(this.#rt.platform, callback, async () => {
      const kernel = this.#resolve(algorithm);
      const bytes = toBytes(data, 'data');
      const { encoding, signal, ...rest } = checkCallOptions(options);
      const params = this.#params(kernel, rest);
      this.#checkLength(bytes.byteLength, 'The input');
      return this.#track(signal, async () => encode(await this.#jobs.digest(kernel, bytes, signal, params), encoding));
    });
  }

  // A deliberate trap (or abort()) on one worker thread: lets tests prove that a crash inside
  // the engine is contained (never needed by users; keyed by a registered symbol so it stays
  // out of the API).
  [Symbol.for('parahash.crashWorkerForTesting')](how = 'trap') {
    if (this.#live()) this.#rt.engine.crashWorkerForTesting(how === 'abort');
  }

  // HMAC (RFC 2104) of `data` under `key` with any fixed-length cryptographic algorithm; same
  // options and result shapes as hash().
  hmac(algorithm, key, data, options, callback) {
    [options, callback] = splitCallback(options, callback);
    return withCallback(this.#rt.platform, callback, async () => {
      const kernel = this.#resolve(algorithm);
      if (this.#kernels[kernel].kind !== 'hash') {
        throw invalidArg(`${this.#kernels[kernel].name} has no HMAC; it needs a fixed-length cryptographic hash`);
      }
      const keyBytes = toBytes(key, 'key');
      const bytes = toBytes(data, 'data');
      const { encoding, signal, ...rest } = checkCallOptions(options);
      // HMAC is defined over the kernel's own digest: its parameters would be silently ignored.
      const extra = Object.keys(rest).find((name) => rest[name] !== undefined);
      if (extra) throw invalidArg(`pool.hmac takes no options.${extra}; only encoding and signal`);
      const params = this.#params(kernel, {});
      this.#checkLength(bytes.byteLength, 'The input');
      return this.#track(signal, async () =>
        encode(await this.#jobs.digest(kernel, bytes, signal, params, keyBytes), encoding));
    });
  }

  // Hashes every input with one algorithm; one crossing into the engine per batch of small
  // inputs, spread over all threads. Resolves to the digests in input order.
  hashMany(algorithm, inputs, options, callback) {
    [options, callback] = splitCallback(options, callback);
    return withCallback(this.#rt.platform, callback, async () => {
      const kernel = this.#resolve(algorithm);
      if (!Array.isArray(inputs)) {
        throw invalidArg(`The "inputs" argument must be an array; received ${describe(inputs)}`);
      }
      const items = inputs.map((input, i) => toBytes(input, `inputs[${i}]`));
      const { encoding, signal, ...rest } = checkCallOptions(options);
      const params = this.#params(kernel, rest);
      items.forEach((b, i) => this.#checkLength(b.byteLength, `inputs[${i}]`));
      return this.#track(signal, async () =>
        (await this.#jobs.digestMany(kernel, items, signal, params)).map((digest) => encode(digest, encoding)));
    });
  }

  // PBKDF2 (RFC 8018) with HMAC over `digest` (any fixed-length cryptographic algorithm),
  // crypto.pbkdf2's argument order and ranges. Several output blocks run on several threads.
  pbkdf2(password, salt, iterations, keylen, digest, options, callback) {
    [options, callback] = splitCallback(options, callback);
    return withCallback(this.#rt.platform, callback, async () => {
      const o = checkPbkdf2(password, salt, iterations, keylen, digest);
      const kernel = this.#resolve(o.digest);
      if (this.#kernels[kernel].kind !== 'hash') {
        throw invalidArg(`${this.#kernels[kernel].name} cannot be PBKDF2's digest; it needs a fixed-length cryptographic hash`);
      }
      const { encoding, signal } = checkCallOptions(options);
      return this.#track(signal, async () => encode(await this.#jobs.derive([o.password, o.salt], o.keylen, 0, signal,
        ([[pw, pwLength], [salt, saltLength]], out) =>
          this.#rt.bridge.submitPbkdf2(kernel, pw, pwLength, salt, saltLength, o.iterations, o.keylen, out)), encoding));
    });
  }

  // scrypt (RFC 7914) with crypto.scrypt's options and limits ({ N | cost, r | blockSize,
  // p | parallelization, maxmem }) plus encoding and signal. The p mixes run on different
  // threads, as many at once as maxmem has room for (see src/kdf/scrypt.hpp).
  scrypt(password, salt, keylen, options, callback) {
    [options, callback] = splitCallback(options, callback);
    return withCallback(this.#rt.platform, callback, async () => {
      const { encoding, signal } = checkCallOptions(options);
      const { encoding: _encoding, signal: _signal, ...scryptOptions } = options ?? {};
      const o = checkScrypt(password, salt, keylen, scryptOptions);
      const memory = this.#rt.engine.scryptMemoryBytes(o.N, o.r, o.p, o.maxmem, this.threads);
      return this.#track(signal, async () => encode(await this.#jobs.derive([o.password, o.salt], o.keylen, memory, signal,
        ([[pw, pwLength], [salt, saltLength]], out) =>
          this.#rt.bridge.submitScrypt(o.N, o.r, o.p, o.maxmem, pw, pwLength, salt, saltLength, o.keylen, out)), encoding));
    });
  }

  // Argon2id, Argon2i and Argon2d (RFC 9106, version 0x13): the raw tag. Options: memoryCost
  // (KiB), timeCost, parallelism (lanes, run on different threads), hashLength, secret,
  // associatedData, encoding, signal (stops between passes), onProgress({ passesDone,
  // passesTotal }). Defaults: RFC 9106's second recommended option (64 MiB, t = 3, p = 4).
  argon2id(password, salt, options, callback) {
    return this.#argon2(TYPES.argon2id, password, salt, options, callback);
  }

  argon2i(password, salt, options, callback) {
    return this.#argon2(TYPES.argon2i, password, salt, options, callback);
  }

  argon2d(password, salt, options, callback) {
    return this.#argon2(TYPES.argon2d, password, salt, options, callback);
  }

  #argon2(type, password, salt, options, callback) {
    [options, callback] = splitCallback(options, callback);
    return withCallback(this.#rt.platform, callback, async () => {
      const { encoding, signal } = checkCallOptions(options);
      const checked = checkArgon2(password, salt, withoutCallOptions(options));
      return encode(await this.#argon2Tag(type, checked, signal, options?.onProgress), encoding);
    });
  }

  // Argon2 with a fresh random salt (options.saltLength bytes, default 16, from WebCrypto's
  // getRandomValues), as a PHC string: $argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>. Options:
  // argon2id's (same defaults) plus type ('argon2id', 'argon2i', 'argon2d') and saltLength.
  argon2Hash(password, options, callback) {
    [options, callback] = splitCallback(options, callback);
    return withCallback(this.#rt.platform, callback, async () => {
      const { type, saltLength, argon2Options } = checkHashOptions(options);
      const { signal } = checkCallOptions(argon2Options);
      const salt = randomSalt(saltLength);
      const checked = checkArgon2(password, salt, withoutCallOptions(argon2Options));
      const hash = await this.#argon2Tag(TYPES[type], checked, signal, argon2Options.onProgress);
      return formatPhc({ type, ...checked, hash });
    });
  }

  // Does `password` match the PHC string? Parameters, salt, associated data and tag length come
  // from the string (js/phc.js says which spellings are accepted); options: secret (the pepper it
  // was hashed with), signal, onProgress. A malformed string rejects with
  // ERR_PARAHASH_INVALID_ARG; a wrong password resolves false. The tags are compared in
  // constant time.
  argon2Verify(phc, password, options, callback) {
    [options, callback] = splitCallback(options, callback);
    return withCallback(this.#rt.platform, callback, async () => {
      const { type, memoryCost, timeCost, parallelism, associatedData, salt, hash } = parsePhc(phc);
      const { secret, signal, onProgress } = checkVerifyOptions(options);
      checkCallOptions({ signal });
      const checked = checkArgon2(password, salt,
        { memoryCost, timeCost, parallelism, hashLength: hash.byteLength, associatedData, secret, onProgress });
      const tag = await this.#argon2Tag(TYPES[type], checked, signal, onProgress);
      try {
        return constantTimeEqual(tag, hash);
      } finally {
        tag.fill(0);
      }
    });
  }

  // The raw tag of one Argon2 call (type: TYPES' number) with options from checkArgon2.
  #argon2Tag(type, checked, signal, onProgress) {
    return this.#track(signal, () => this.#jobs.argon2(type, checked, argon2MemoryBytes(checked), signal, onProgress));
  }

  stats() {
    const live = this.#state === 'open' || this.#state === 'closing';
    const engine = live ? this.#rt.engine.stats() : { queued: 0, running: 0 };
    return {
      threads: this.threads,
      pending: this.#pending,
      queued: this.#jobs.waiting + engine.queued,
      running: engine.running,
      ...this.#counts,
      state: this.#state,
    };
  }

  // Finishes every call already made, then releases the threads. Later calls reject with
  // ERR_PARAHASH_POOL_CLOSED. Idempotent.
  close(callback) {
    return withCallback(this.#rt.platform, callback, () => {
      if (!this.#closing) this.#closing = this.#shutDown();
      return this.#closing;
    });
  }

  // Rejects all outstanding work with ERR_PARAHASH_POOL_CLOSED and releases the threads now.
  destroy(callback) {
    return withCallback(this.#rt.platform, callback, async () => {
      if (this.#state === 'closed' || this.#state === 'crashed') return;
      this.#abandon('closed', parahashError(codes.POOL_CLOSED, 'The pool was destroyed'));
    });
  }

  async #shutDown() {
    if (this.#state === 'closed' || this.#state === 'crashed') return;
    this.#state = 'closing';
    this.#failure = parahashError(codes.POOL_CLOSED, 'The pool is closed');
    if (this.#pending > 0) await new Promise((resolve) => this.#idle.push(resolve));
    if (this.#state !== 'closing') return; // destroyed or crashed meanwhile
    this.#state = 'closed';
    // Every job has completed, so the threads are idle and the join is immediate.
    this.#rt.engine.shutdown();
    this.#rt.engine.delete();
    this.#terminateWorkers();
  }

  /** @internal called by worker error handlers and the module's onAbort */
  _crash(what) {
    if (this.#state === 'closed' || this.#state === 'crashed') return;
    const detail = what?.message ?? (typeof what === 'string' ? what : 'abort');
    this.#abandon('crashed', parahashError(codes.POOL_CRASHED,
      `A thread of this pool crashed (${detail}); every pending call was rejected. Create a new pool with createPool().`,
      { cause: what instanceof Error ? what : undefined }));
  }

  /** @internal */
  _ready() {
    if (this.#state !== 'starting') return;
    this.#state = 'open';
    // An idle pool must not keep the process alive; #enter refs the workers again.
    this.#rt.platform.refWorkers(this.#workers(), false);
  }

  // Ends the pool without joining (a thread may be mid-job or dead): threads are terminated and
  // the whole WebAssembly instance is dropped, so nothing in it is freed one by one.
  #abandon(state, error) {
    this.#state = state;
    this.#failure = error;
    this.#jobs.rejectWaiting(error);
    this.#rt.bridge.fail(error);
    this.#terminateWorkers();
  }

  #terminateWorkers() {
    for (const worker of this.#workers()) worker.terminate();
  }

  #workers() {
    const pthread = this.#rt.module.parahashRuntime.pthread;
    return pthread ? [...pthread.runningWorkers, ...pthread.unusedWorkers] : [];
  }

  #resolve(algorithm) {
    if (typeof algorithm !== 'string') {
      throw invalidArg(`The "algorithm" argument must be a string; received ${describe(algorithm)}`);
    }
    let index = this.#names.get(algorithm);
    if (index === undefined) {
      if (!this.#running()) throw this.#failure;
      index = this.#rt.module.resolveKernel(algorithm);
      if (index < 0) {
        throw parahashError(codes.UNKNOWN_ALGORITHM,
          `Unknown algorithm ${JSON.stringify(algorithm)}; pool.algorithms lists the supported ones`);
      }
      if (this.#names.size < 1024) this.#names.set(algorithm, index);
    }
    return index;
  }

  // The kernel parameters of one call — { outputLength, secretKind, secret, seedLo, seedHi } —
  // from the call's options, each checked against the kernel's row (kernels.def): nothing here
  // is specific to an algorithm. A key and a derive-key context travel in one `secret` buffer;
  // secretKind says which (0: none, 1: key, 2: context).
  #params(kernel, { outputLength, key, seed, context }) {
    const keyBytes = this.#key(kernel, key);
    const contextBytes = this.#context(kernel, context);
    if (keyBytes && contextBytes) throw invalidArg('options.key and options.context are exclusive');
    return {
      outputLength: this.#outputLength(kernel, outputLength),
      secretKind: keyBytes ? 1 : contextBytes ? 2 : 0,
      secret: keyBytes ?? contextBytes,
      ...this.#seed(kernel, seed),
    };
  }

  #key(kernel, key) {
    if (key === undefined) return undefined;
    const { name, minKey, maxKey } = this.#kernels[kernel];
    if (maxKey === 0) throw invalidArg(`${name} takes no key (options.key)`);
    const bytes = toBytes(key, 'options.key');
    if (bytes.byteLength < minKey || bytes.byteLength > maxKey) {
      throw outOfRange(`options.key for ${name} must be ${minKey === maxKey ? minKey : `${minKey} to ${maxKey}`} bytes; received ${bytes.byteLength}`);
    }
    return bytes;
  }

  #context(kernel, context) {
    if (context === undefined) return undefined;
    const { name, takesContext } = this.#kernels[kernel];
    if (!takesContext) throw invalidArg(`${name} takes no context (options.context)`);
    return toBytes(context, 'options.context');
  }

  #seed(kernel, seed) {
    if (seed === undefined) return { seedLo: 0, seedHi: 0 };
    const { name, seedBits } = this.#kernels[kernel];
    if (seedBits === 0) throw invalidArg(`${name} takes no seed (options.seed)`);
    if (typeof seed === 'number' ? !Number.isSafeInteger(seed) : typeof seed !== 'bigint') {
      throw invalidArg(`options.seed must be an integer number or a bigint; received ${describe(seed)}`);
    }
    const value = BigInt(seed);
    if (value < 0n || value >= 1n << BigInt(seedBits)) {
      throw outOfRange(`options.seed for ${name} must be from 0 to 2^${seedBits} - 1; received ${value}`);
    }
    return { seedLo: Number(value & 0xffffffffn), seedHi: Number(value >> 32n) };
  }

  // The digest length for `requested` (options.outputLength), checked against the kernel's range.
  #outputLength(kernel, requested) {
    const { name, digestSize, minOutput, maxOutput } = this.#kernels[kernel];
    if (requested === undefined) return digestSize;
    if (!Number.isSafeInteger(requested)) {
      throw invalidArg(`options.outputLength must be an integer; received ${describe(requested)}`);
    }
    if (requested < minOutput || requested > maxOutput) {
      throw outOfRange(minOutput === maxOutput
        ? `${name} has a fixed output length of ${digestSize} bytes; received outputLength ${requested}`
        : `outputLength for ${name} must be from ${minOutput} to ${maxOutput} bytes; received ${requested}`);
    }
    return requested;
  }

  #checkLength(length, what) {
    if (length > this.#settings.maxInputLength) {
      throw parahashError(codes.INPUT_TOO_LARGE,
        `${what} is ${length} bytes; this pool accepts at most ${this.#settings.maxInputLength} (options.maxInputLength)`);
    }
  }

  // Accepting new calls.
  #live() {
    return this.#state === 'open' || this.#state === 'starting';
  }

  // Finishing calls already made (close() waits for them).
  #running() {
    return this.#live() || this.#state === 'closing';
  }

  // Admission, accounting and worker ref-counting around one call.
  async #track(signal, run) {
    if (!this.#live()) throw this.#failure;
    if (this.#pending >= this.threads + this.#settings.maxQueue) {
      throw parahashError(codes.QUEUE_FULL,
        `${this.#pending} calls are already pending; this pool queues at most ${this.#settings.maxQueue} beyond its ${this.threads} threads (options.maxQueue)`);
    }
    if (this.#pending++ === 0) this.#rt.platform.refWorkers(this.#workers(), true);
    try {
      // Calls made faster than a turn's budget allows start in later turns (js/turns.js).
      const turn = this.#rt.turns.admit();
      if (turn) await turn;
      if (!this.#running()) throw this.#failure;
      if (signal?.aborted) throw abortedError(signal);
      const result = await run();
      this.#counts.completed++;
      return result;
    } catch (error) {
      this.#counts[error?.code === codes.ABORTED ? 'cancelled' : 'failed']++;
      throw error;
    } finally {
      if (--this.#pending === 0) {
        if (this.#live()) this.#rt.platform.refWorkers(this.#workers(), false);
        for (const resolve of this.#idle.splice(0)) resolve();
      }
    }
  }
}

module.exports = { createPoolWith, Pool };
