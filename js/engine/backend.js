'use strict';
// The backend seam. The Pool (js/api/pool.js) validates arguments and keeps a call's accounting,
// then asks a backend for operations; nothing above this file touches heap addresses, Embind
// objects or Emscripten internals. This is the WebAssembly backend: one instance of the module,
// its engine and threads, the main thread's staging arena, the completion bridge.
//
// The operations (what any backend provides; tests/js/backend-seam.test.js runs the Pool over a
// fake one, and a browser's non-isolated fallback will post them to a worker):
//   kernels, kdfs                              the registry's rows and the KDF rows (kdfs.def: { name,
//                                              numbers, output, inputs }, each with its ranges)
//   hash(kernel, input, params, signal, encoding, end) → result, or a Promise of it
//   hmac(kernel, key, input, signal, encoding, end)    → result, or a Promise of it
//     (with a Promise, the backend calls end(error?) once, just before it settles, so that the
//     pool's accounting needs no second Promise per call; never end() with a result at once)
//   hashMany(kernel, inputs, params, signal, encoding) → Promise of results
//   openStream(kernel, params, key, signal, { grow }) → Promise of a stream handle (see openStream)
//   planDerive(kdf, parameters, inputs, outLength) → plan (throws for parameters out of range)
//   derive(plan, signal, onProgress)           → Promise of the key (a Buffer in Node)
//   result(bytes, encoding), admit(bytes), stats(), refWorkers(keepAlive), close(), abandon(error)
// where an input is { bytes, length, name, index } (or a large string: js/args/input.js toInput),
// hashMany's inputs an InputList, and params come from the kernel's row.

const { CompletionBridge } = require('./bridge');
const { Heap } = require('./heap');
const { Arena } = require('./arena');
const { turnBudgetFor } = require('./turns');
const { JobRunner } = require('./jobs');
const { SmallCalls } = require('./small-calls');
const { SharedInputs } = require('./shared-input');
const { HostChoice } = require('./host-choice');
const { codes, parahashError, unsupported } = require('../args/errors');
const { plainParams } = require('../args/hash-params');
const { checkKdfRequest } = require('../args/checks');

// Refuses, before anything is started, the runtimes the engine cannot work in.
function preflight() {
  if (typeof WebAssembly !== 'object' || WebAssembly === null) {
    throw unsupported('parahash needs WebAssembly, which this runtime does not provide (node --jitless turns it off)');
  }
  try {
    // eslint-disable-next-line no-new-func
    new Function('');
  } catch (cause) {
    throw unsupported('parahash needs code generation from strings (Embind builds its bindings with new Function), ' +
      'which --disallow-code-generation-from-strings, or a Content-Security-Policy without \'unsafe-eval\', forbids', cause);
  }
}

// What a failure to start means for the user: no memory, or a runtime that cannot do it.
function startFailure(error) {
  if (error?.code?.startsWith?.('ERR_PARAHASH_')) return error;
  const message = String(error?.message ?? error);
  if (error instanceof RangeError && /allocat|memory/i.test(message)) {
    return parahashError(codes.OUT_OF_MEMORY,
      `The WebAssembly memory for a pool could not be reserved (${message}); too many pools, or too little address space`,
      { cause: error });
  }
  if (error instanceof EvalError) return unsupported(`parahash could not build its bindings: ${message}`, error);
  return parahashError(codes.POOL_CRASHED, `The pool could not start: ${message}`, { cause: error });
}

// The engine's methods, each turning a throw that is no Error into the pool's crash. When a
// thread dies (a trap, abort()), a call on this thread that waits on it is unwound by emscripten
// throwing the string 'unwind': seen once in 120 crash tests under load, where it reached the
// caller as the rejection 'unwind', or escaped a timer as an uncaught exception.
function guardEngine(engine, crashed) {
  const guarded = Object.create(null);
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(engine))) {
    if (name === 'constructor' || typeof engine[name] !== 'function') continue;
    guarded[name] = function () {
      try {
        return engine[name].apply(engine, arguments);
      } catch (thrown) {
        if (thrown instanceof Error) throw thrown;
        throw crashed(thrown);
      }
    };
  }
  guarded.delete = () => engine.delete();
  return guarded;
}

// `promise` mapped through `map`, with end(error?) called just before the result settles.
function ending(promise, end, map) {
  return promise.then((value) => {
    const result = map(value);
    end();
    return result;
  }, (error) => {
    end(error);
    throw error;
  });
}

class WasmBackend {
  #rt;
  #jobs;
  #small;
  #shared;
  #host; // HostChoice: which kernels node:crypto runs
  #live = true;

  // Starts the module and its threads. onCrash(what) is called when a thread dies; live()
  // says whether the pool still finishes work (so a dropped instance's heap is never touched).
  // busy(+1 | -1): a stream has work in the engine again / no more (the pool refs its workers).
  // hostCrypto: createPool's option (undefined: the platform's default), see host-choice.js.
  static async start(platform, { threads, locateFile, hostCrypto, onCrash, live, failure, busy }) {
    preflight();
    let module = null;
    let crashed = null;
    let backend = null;
    try {
      module = await platform.instantiate({
        threads,
        locateFile,
        onAbort: (what) => (backend ? onCrash(what) : (crashed = what)),
      });
      backend = new WasmBackend(platform, module, threads, { hostCrypto, live, failure, busy, crashed: (thrown) => {
        try {
          onCrash(thrown);
        } catch {
          // The crash is being reported already (this call came from inside that report).
        }
        return failure() ?? parahashError(codes.POOL_CRASHED, `A thread of this pool crashed (${String(thrown)})`);
      } });
      for (const worker of backend.#workers()) worker.onerror = (event) => onCrash(event);
      if (crashed !== null) onCrash(crashed);
      await backend.#rt.bridge.until(() => backend.#rt.engine.startedThreads() >= threads);
      await backend.#shared.open();
      return backend;
    } catch (error) {
      if (module) platform.terminate(module);
      throw startFailure(error);
    }
  }

  constructor(platform, module, threads, { hostCrypto, live, failure, busy, crashed }) {
    // The build without threads has an inline engine (0 threads: jobs run on this thread, when
    // the bridge asks), which still counts as one.
    const raw = new module.Engine(platform.threaded === false ? 0 : threads);
    const engine = crashed === undefined ? raw : guardEngine(raw, crashed);
    const heap = new Heap(module);
    const turns = turnBudgetFor(platform);
    this.#rt = {
      platform, module, engine, heap, turns, threads,
      bridge: new CompletionBridge(heap, engine, turns, platform.schedule),
      arena: new Arena(heap),
      kernels: module.kernelTable(),
      kdfs: module.kdfTable(),
      live: () => this.#live && live(),
      failure,
      busy,
    };
    const host = platform.hostCrypto;
    this.#host = new HostChoice(this.#rt, host, hostCrypto ?? host?.wanted() ?? false);
    this.#jobs = new JobRunner(this.#rt);
    this.#small = new SmallCalls(this.#rt, this.#jobs.staging);
    this.#shared = new SharedInputs(this.#rt, host?.sharedChannel);
  }

  get kernels() {
    return this.#rt.kernels;
  }

  // { [algorithm]: 'node:crypto' | 'portable' }: which implementation this pool's threads run.
  get backends() {
    return this.#host.backends();
  }

  get kdfs() {
    return this.#rt.kdfs;
  }

  // Small inputs inline or coalesced (js/engine/small-calls.js), others streamed.
  hash(kernel, input, params, signal, encoding, end) {
    const host = this.#host.prepare(kernel);
    if (SmallCalls.fits(input, params)) {
      const now = host ? this.#small.inlineHost(kernel, params, input, encoding) : this.#small.inline(kernel, params, input, encoding);
      if (now !== undefined) return now;
      const grouped = this.#small.coalesce(kernel, params, input, signal, encoding, end);
      if (grouped !== undefined) return grouped;
    }
    const span = host ? this.#shared.accepts(input, params, this.#rt.kernels[kernel]) : undefined;
    if (span !== undefined) return ending(this.#sharedDigest(kernel, input, span, signal, params), end, (d) => this.result(d, encoding));
    return ending(this.#jobs.digest(kernel, input, signal, params), end, (d) => this.result(d, encoding));
  }

  // An input in a caller's SharedArrayBuffer, hashed where it lies, or copied in when the
  // threads decline it (js/engine/shared-input.js).
  async #sharedDigest(kernel, input, span, signal, params) {
    return (await this.#shared.digest(kernel, input, span, signal, params)) ?? this.#jobs.digest(kernel, input, signal, params);
  }

  hmac(kernel, key, input, signal, encoding, end) {
    this.#host.prepare(kernel);
    const row = this.#rt.kernels[kernel];
    if (key.length <= row.blockSize) {
      const now = this.#small.inlineHmac(kernel, key, input, row.digestSize, encoding);
      if (now !== undefined) return now;
    }
    return ending(this.#jobs.digest(kernel, input, signal, plainParams(row), key), end, (d) => this.result(d, encoding));
  }

  hashMany(kernel, inputs, params, signal, encoding) {
    this.#host.prepare(kernel);
    return this.#jobs.digestMany(kernel, inputs, signal, params, encoding);
  }

  // An engine stream fed piece by piece (createHash, hashStream, hashFile); HMAC when `key` is
  // given. @return a Promise of { push(bytes, offset?, length?), pushFrom(read), end() → digest
  // bytes, clone(signal) → another handle, stop(), close() }.
  openStream(kernel, params, key, signal, options) {
    this.#host.prepare(kernel);
    return this.#jobs.open(kernel, params, key, signal, options);
  }

  // A derivation's parameters, checked before any work: each number, the output length and
  // the inputs' lengths against the KDF's row of kdfs.def as the engine exports it (one loop,
  // js/args/checks.js checkKdfRequest, with the names users see), then what no range states
  // (Argon2's m ≥ 8 × p, scrypt's memory formula, OpenSSL's) by the engine's own relations.
  // Out of range is a RangeError (a wrong type a TypeError) with ERR_PARAHASH_INVALID_ARG.
  // `parameters` names each number as the KDF's row does ({ N, r, p, maxmem } for scrypt), so
  // no caller restates the engine's order. @return the plan derive() takes.
  planDerive(name, parameters, inputs, outLength) {
    const { engine, kdfs } = this.#rt;
    const index = kdfs.findIndex((kdf) => kdf.name === name);
    if (index < 0) throw parahashError(codes.INTERNAL, `The engine has no key derivation named ${name}`);
    const [n0 = 0, n1 = 0, n2 = 0, n3 = 0] = checkKdfRequest(kdfs[index], parameters, inputs, outLength);
    const lengths = [0, 1, 2, 3].map((i) => inputs[i]?.length ?? 0);
    if (engine.checkDerive(index, n0, n1, n2, n3, ...lengths, outLength) < 0) {
      const { code, message } = engine.lastError();
      throw parahashError(code, message, { Base: code === codes.INVALID_ARG ? RangeError : Error });
    }
    const memoryBytes = engine.deriveMemoryBytes(index, n0, n1, n2, n3, outLength);
    if (memoryBytes < 0) throw this.#rt.bridge.engineError();
    return { index, numbers: [n0, n1, n2, n3], inputs, outLength, memoryBytes };
  }

  // Work memory is the engine's own figure for the plan (each KDF's memory_bytes in C++), the
  // one formula there is.
  // A number named `digest` is a kernel number (PBKDF2's HMAC hash): the host may run it
  // (wasm/host_kernels.cpp chooses per derivation, by measurement).
  derive(plan, signal, onProgress) {
    this.#rt.kdfs[plan.index].numbers.forEach((number, i) => {
      if (number.name === 'digest') this.#host.prepare(plan.numbers[i]);
    });
    return this.#jobs.derive(plan.index, plan.numbers, plan.inputs, plan.outLength, plan.memoryBytes, signal, onProgress);
  }

  result(bytes, encoding) {
    return this.#rt.platform.result(bytes, encoding);
  }

  // May the caller copy `bytes` on this thread now (a stream's source gathered in JS)? undefined,
  // or a Promise of its turn (js/engine/turns.js).
  admit(bytes) {
    return this.#rt.turns.admit(bytes);
  }

  // Work queued in the engine (calls waiting for staging memory included) and running there,
  // the threads' busy time and age (µs), and the jobs' wait and run times (ms).
  stats() {
    if (!this.#live) return { queued: 0, running: 0 };
    const engine = this.#rt.engine.stats();
    return { ...engine, queued: engine.queued + this.#jobs.waiting };
  }

  refWorkers(keepAlive) {
    this.#rt.platform.refWorkers(this.#workers(), keepAlive);
  }

  // Joins the threads and drops the instance. @pre every job has completed.
  close() {
    this.#live = false;
    this.#shared.close();
    this.#rt.engine.shutdown();
    // What is still listed belongs to streams nobody finished (a createHash() never digested):
    // they end with the pool, and no wake may reach the deleted engine.
    this.#rt.bridge.fail(parahashError(codes.POOL_CLOSED, 'The pool is closed'));
    this.#rt.engine.delete();
    this.#rt.platform.terminate(this.#rt.module);
  }

  // Rejects everything outstanding with `error`, for ever, and drops the instance now without
  // joining (a thread may be mid-job or dead): nothing in it is freed one by one.
  abandon(error) {
    this.#live = false;
    this.#shared.close();
    this.#jobs.rejectWaiting(error);
    this.#rt.bridge.fail(error);
    this.#rt.platform.terminate(this.#rt.module);
  }

  // A deliberate trap (or abort()) on one worker, so tests can prove a crash is contained.
  crashForTesting(how) {
    this.#rt.engine.crashWorkerForTesting(how === 'abort');
  }

  heapStats() {
    const { module } = this.#rt;
    const hostStatesOpened = typeof module.hostStatesOpened === 'function' ? module.hostStatesOpened() : 0;
    const hostDerivations = typeof module.hostDerivations === 'function' ? module.hostDerivations() : 0;
    const hostSharedHashes = typeof module.hostSharedHashes === 'function' ? module.hostSharedHashes() : 0;
    return { ...module.heapStats(), heapSize: this.#rt.heap.size, arena: this.#rt.arena.stats, hostStatesOpened, hostDerivations,
      hostSharedHashes, sharedChannel: this.#shared.channelName };
  }

  #workers() {
    const pthread = this.#rt.module.parahashRuntime.pthread;
    return pthread ? [...pthread.runningWorkers, ...pthread.unusedWorkers] : [];
  }
}

module.exports = { WasmBackend, ending };
