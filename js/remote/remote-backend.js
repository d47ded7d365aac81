'use strict';
// The backend seam (js/engine/backend.js) over postMessage: a browser page that is not cross-origin
// isolated has no shared memory, so the engine runs in one dedicated Worker
// (js/load/browser-worker.js, the module built without threads) and the page never blocks on it.
// The Pool above validates every argument here, on the page, exactly as it does everywhere, so
// the errors and their codes are the same; this file only carries the operations across.
//
// Messages are batched: operations made in one turn go in one postMessage, and the worker's
// answers come back batched too and are settled through the TurnBudget, a slice per turn, so
// 100,000 small calls never make one long task. Bytes cross as copies the size of the input (a
// view of a large buffer would clone all of it), transferred, never shared. Inputs above
// STREAM_ABOVE go as a stream of 1 MiB pieces, each copied in its own turn, so the page keeps
// drawing while a large input crosses.
//
// An abort rejects the call at once, on the page; the worker is told and stops the job when it
// next reads its messages. Its one thread runs a job slice (about 4 ms) between reads, but a
// single derivation runs to its end there (no shared memory to see a stop flag in), so an
// aborted Argon2 keeps that thread busy until it finishes.

const { turnBudgetFor } = require('../engine/turns');
const { codes, parahashError, abortError, unsupported } = require('../args/errors');
const { onAbort } = require('../args/signal');
const { checkIntact } = require('../args/input');
const { plainParams } = require('../args/hash-params');
const { ending } = require('../engine/backend');
const { fromWire, exact, wireInput, packInputs } = require('./wire');

const STREAM_ABOVE = 4 * 1024 * 1024;
const PIECE = 1024 * 1024;
// A stream's bytes posted and not yet taken by the engine, before push() waits.
const WINDOW = 8 * 1024 * 1024;

class RemoteBackend {
  #platform;
  #worker;
  #hooks;
  #turns;
  #pending = new Map(); // call id → { resolve, reject, progress, done }
  #nextId = 1;
  #outbox = [];
  #transfer = [];
  #flushQueued = false;
  #stats = { queued: 0, running: 0 };
  #failure = null;
  kernels = [];
  kdfs = [];

  static async start(platform, hooks, urls) {
    let worker;
    try {
      worker = new Worker(urls.worker, { type: 'module', name: 'parahash' });
    } catch (cause) {
      throw unsupported(`parahash could not start its worker from ${urls.worker} (a cross-origin URL needs a ` +
        'same-origin copy, or createPool({ locateFile }))', cause);
    }
    const backend = new RemoteBackend(platform, worker, hooks, urls.worker);
    try {
      const { kernels, kdfs } = await backend.#call('init', [{ glue: urls.glue, wasm: urls.wasm }]);
      backend.kernels = kernels;
      backend.kdfs = kdfs;
      return backend;
    } catch (error) {
      worker.terminate();
      throw error?.code ? error : parahashError(codes.POOL_CRASHED, `The pool's worker could not start: ${error?.message ?? error}`, { cause: error });
    }
  }

  #where;

  constructor(platform, worker, hooks, where) {
    this.#platform = platform;
    this.#where = where;
    this.#worker = worker;
    this.#hooks = hooks;
    this.#turns = turnBudgetFor(platform);
    worker.onmessage = (event) => this.#receive(event.data);
    worker.onerror = (event) => this.#crashed(event);
    worker.onmessageerror = (event) => this.#crashed(new Error('a message from the worker could not be read'));
  }

  hash(kernel, input, params, signal, encoding, end) {
    const answer = input.bytes !== null && input.length > STREAM_ABOVE
      ? this.#streamed(kernel, params, undefined, input, signal)
      : this.#callWith('hash', [kernel, params], input, signal);
    return ending(answer, end, (digest) => this.result(digest, encoding));
  }

  hmac(kernel, key, input, signal, encoding, end) {
    let answer;
    if (input.bytes !== null && input.length > STREAM_ABOVE) {
      answer = this.#streamed(kernel, plainParams(this.kernels[kernel]), key, input, signal);
    } else {
      const wired = wireInput(key);
      answer = this.#callWith('hmac', [kernel, wired.input], input, signal, wired.transfer);
    }
    return ending(answer, end, (digest) => this.result(digest, encoding));
  }

  hashMany(kernel, inputs, params, signal, encoding) {
    const { packed, transfer } = packInputs(inputs);
    return this.#call('many', [kernel, packed, params], signal, undefined, transfer)
      .then((digests) => (encoding === undefined ? digests : digests.map((d) => this.result(d, encoding))));
  }

  // Opening is not abortable on the way: the worker's stream (and its staging) would be left
  // behind if the page stopped waiting for its id. An abort meanwhile closes it once it exists.
  async openStream(kernel, params, key, signal, options) {
    const wired = key === undefined ? { input: undefined, transfer: [] } : wireInput(key);
    const sid = await this.#call('open', [kernel, params, wired.input, options], undefined, undefined, wired.transfer);
    if (signal?.aborted) {
      await this.#call('sclose', [sid]).catch(() => {});
      throw abortError(signal.reason);
    }
    return this.#stream(sid, signal);
  }

  // The engine checks a derivation's parameters in the worker, when derive() gets there.
  planDerive(name, parameters, inputs, outLength) {
    const transfer = [];
    const copies = inputs.map((input) => {
      if (input === undefined || input.bytes === undefined || input.bytes === null) return input;
      const bytes = exact(input.bytes, 0, input.length);
      transfer.push(bytes.buffer);
      return { ...input, bytes };
    });
    return { name, parameters, inputs: copies, outLength, transfer };
  }

  derive(plan, signal, onProgress) {
    const { transfer, ...wire } = plan;
    return this.#call('derive', [wire, onProgress !== undefined], signal, onProgress, transfer);
  }

  result(bytes, encoding) {
    return this.#platform.result(bytes, encoding);
  }

  // The worker's figures, as of its last answer.
  stats() {
    return this.#stats;
  }

  refWorkers() {}

  // @pre every call of the pool has settled; what is left belongs to streams nobody finished
  // (a createHash() never digested), which end with the pool, as in js/engine/backend.js.
  close() {
    this.#post(['close', 0, []]);
    this.#flush();
    this.#fail(parahashError(codes.POOL_CLOSED, 'The pool is closed'));
  }

  abandon(error) {
    this.#fail(error);
    this.#worker.terminate();
  }

  // Rejects everything outstanding with `error`, now and for every later call.
  #fail(error) {
    this.#failure ??= error;
    const calls = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of calls) {
      call.done();
      call.reject(error);
    }
  }

  crashForTesting(how) {
    this.#post(['crash', 0, [how]]);
  }

  heapStats() {
    return {};
  }

  // --- calls ---

  #callWith(op, args, input, signal, transfer = []) {
    const wired = wireInput(input);
    return this.#call(op, [...args, wired.input], signal, undefined, [...transfer, ...wired.transfer]);
  }

  // Posts one operation. @return a Promise of its answer; an abort rejects it at once.
  #call(op, args, signal, progress, transfer = []) {
    if (this.#failure) return Promise.reject(this.#failure);
    if (signal?.aborted) return Promise.reject(abortError(signal.reason));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const call = { resolve, reject, progress, done: () => {} };
      if (signal) {
        call.done = onAbort(signal, (reason) => {
          if (!this.#pending.delete(id)) return;
          this.#post(['abort', id, []]);
          reject(abortError(reason));
        });
      }
      this.#pending.set(id, call);
      // The worker makes an AbortController only for a call that can be aborted.
      this.#post([op, id, args, signal !== undefined], transfer);
    });
  }

  #post(message, transfer = []) {
    this.#outbox.push(message);
    for (const t of transfer) this.#transfer.push(t);
    if (!this.#flushQueued) {
      this.#flushQueued = true;
      queueMicrotask(() => this.#flush());
    }
  }

  #flush() {
    this.#flushQueued = false;
    if (this.#outbox.length === 0) return;
    const ops = this.#outbox;
    const transfer = this.#transfer;
    this.#outbox = [];
    this.#transfer = [];
    try {
      this.#worker.postMessage({ ops }, transfer);
    } catch (error) {
      // Not cloneable (the Pool passes only plain data, so a bug): fail those calls.
      for (const [, id] of ops) this.#answer(id, false, { code: codes.INTERNAL, message: String(error?.message ?? error), base: 'Error' });
    }
  }

  #receive(data) {
    if (data.stats) this.#stats = data.stats;
    if (data.crash) {
      this.#crashed(new Error(data.crash));
      return;
    }
    for (const reply of data.replies ?? []) {
      if (reply[1] === 'progress') {
        const call = this.#pending.get(reply[0]);
        if (call?.progress) this.#turns.defer(() => call.progress(reply[2]));
        continue;
      }
      this.#turns.defer(() => this.#answer(reply[0], reply[1], reply[2]));
    }
  }

  #answer(id, ok, value) {
    const call = this.#pending.get(id);
    if (!call) return; // aborted meanwhile
    this.#pending.delete(id);
    call.done();
    if (ok) call.resolve(value);
    else call.reject(fromWire(value));
  }

  // The worker died, or its script could not be loaded (then nothing else would ever answer,
  // and createPool would wait for ever): every call outstanding rejects now.
  #crashed(what) {
    if (this.#failure) return;
    const cause = what?.error instanceof Error ? what.error : what instanceof Error ? what
      : new Error(what?.message || `the worker (${this.#where}) stopped or could not be loaded`);
    this.#fail(parahashError(codes.POOL_CRASHED, `The pool's worker failed: ${cause.message}`, { cause }));
    this.#hooks.onCrash(cause);
  }

  // --- streams ---

  // A stream handle (js/engine/jobs.js open) whose engine stream lives in the worker as `sid`.
  #stream(sid, signal) {
    let inFlight = 0;
    let failed = null;
    let waiters = [];
    const settle = () => {
      const ready = waiters.filter((w) => failed || inFlight <= WINDOW);
      waiters = waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w();
    };
    const unsubscribe = onAbort(signal, (reason) => {
      failed ??= abortError(reason);
      this.#post(['stop', 0, [sid]]);
      settle();
    });
    const check = () => {
      if (failed) throw failed;
    };
    const handle = {
      push: async (bytes, offset = 0, length = bytes.byteLength - offset) => {
        check();
        for (let at = 0; at < length; at += PIECE) {
          const n = Math.min(PIECE, length - at);
          const piece = exact(bytes, offset + at, offset + at + n);
          inFlight += n;
          this.#call('push', [sid, piece], undefined, undefined, [piece.buffer]).then(() => {
            inFlight -= n;
            settle();
          }, (error) => {
            failed ??= error;
            settle();
          });
          if (inFlight > WINDOW) await new Promise((resolve) => waiters.push(resolve));
          check();
        }
      },
      pushFrom: async () => {
        throw unsupported('Files are read in Node only; in a browser use hashStream(file.stream())');
      },
      // After an abort the worker's answer is a plain stop: the page's own abort (with its
      // reason, a timeout's code included) is what the caller gets.
      end: async () => {
        check();
        try {
          return await this.#call('end', [sid]);
        } catch (error) {
          check();
          throw error;
        }
      },
      clone: async (cloneSignal, cloneLength) => {
        check();
        try {
          return this.#stream(await this.#call('clone', [sid, cloneLength]), cloneSignal);
        } catch (error) {
          check();
          throw error;
        }
      },
      stop: () => this.#post(['stop', 0, [sid]]),
      close: async () => {
        unsubscribe();
        if (this.#failure) return;
        await this.#call('sclose', [sid]).catch(() => {});
      },
    };
    return handle;
  }

  // A large input, sent a piece at a time through a stream of its own.
  async #streamed(kernel, params, key, input, signal) {
    const handle = await this.openStream(kernel, params, key, signal, { grow: true });
    try {
      for (let at = 0; at < input.length; at += PIECE) {
        checkIntact(input.bytes, input.length, input.name, input.index);
        await handle.push(input.bytes, at, Math.min(PIECE, input.length - at));
        // One piece per turn: the page draws in between.
        await new Promise((resolve) => this.#turns.defer(resolve));
      }
      return await handle.end();
    } catch (error) {
      handle.stop();
      throw error;
    } finally {
      await handle.close();
    }
  }
}

module.exports = { RemoteBackend };
