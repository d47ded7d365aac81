'use strict';
// The backend seam (js/engine/backend.js) over postMessage: a browser page that is not cross-origin
// isolated has no shared memory, so the engine runs in one dedicated Worker
// (js/load/browser-worker.js, the module built without threads) and the page never blocks on it.
// The Pool above validates every argument here, on the page, exactly as it does everywhere, so
// the errors and their codes are the same; this file only carries the operations across, through
// the WorkerChannel (ids, batches, answers), in the shapes of ./wire.js. Inputs above
// STREAM_ABOVE go as a stream (./remote-stream.js) of 1 MiB pieces, each copied in its own turn,
// so the page keeps drawing while a large input crosses.
//
// An abort rejects the call at once, on the page; the worker is told and stops the job when it
// next reads its messages. Its one thread runs a job slice (about 4 ms) between reads, but a
// single derivation runs to its end there (no shared memory to see a stop flag in), so an
// aborted Argon2 keeps that thread busy until it finishes.

const { turnBudgetFor } = require('../engine/turns');
const { codes, parahashError, abortError, unsupported } = require('../args/errors');
const { checkIntact } = require('../args/input');
const { checkKdfRequest } = require('../args/checks');
const { plainParams } = require('../args/hash-params');
const { ending } = require('../engine/backend');
const { WorkerChannel } = require('./worker-channel');
const { RemoteStream, PIECE } = require('./remote-stream');
const { exact, wireInput, packInputs } = require('./wire');

const STREAM_ABOVE = 4 * 1024 * 1024;

class RemoteBackend {
  #platform;
  #turns;
  #channel;
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
      const { kernels, kdfs } = await backend.#channel.call('init', [{ glue: urls.glue, wasm: urls.wasm }]);
      backend.kernels = kernels;
      backend.kdfs = kdfs;
      return backend;
    } catch (error) {
      worker.terminate();
      throw error?.code ? error : parahashError(codes.POOL_CRASHED, `The pool's worker could not start: ${error?.message ?? error}`, { cause: error });
    }
  }

  constructor(platform, worker, hooks, where) {
    this.#platform = platform;
    this.#turns = turnBudgetFor(platform);
    this.#channel = new WorkerChannel(worker, this.#turns, (cause) => hooks.onCrash(cause), where);
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
    return this.#channel.call('many', [kernel, packed, params], signal, undefined, transfer)
      .then((digests) => (encoding === undefined ? digests : digests.map((d) => this.result(d, encoding))));
  }

  // Opening is not abortable on the way: the worker's stream (and its staging) would be left
  // behind if the page stopped waiting for its id. An abort meanwhile closes it once it exists.
  async openStream(kernel, params, key, signal, options) {
    const wired = key === undefined ? { input: undefined, transfer: [] } : wireInput(key);
    const sid = await this.#channel.call('open', [kernel, params, wired.input, options], undefined, undefined, wired.transfer);
    if (signal?.aborted) {
      await this.#channel.call('sclose', [sid]).catch(() => {});
      throw abortError(signal.reason);
    }
    return new RemoteStream(this.#channel, sid, signal);
  }

  // The engine checks a derivation's parameters in the worker, when derive() gets there.
  // Checked here against the engine's own KDF rows (js/args/checks.js), as the WebAssembly
  // backend checks them, so a value the Worker cannot receive (a Symbol) is refused by this call
  // alone; the rules between parameters are the Worker engine's, when it plans.
  planDerive(name, parameters, inputs, outLength) {
    const row = this.kdfs.find((kdf) => kdf.name === name);
    if (row === undefined) throw parahashError(codes.INTERNAL, `The engine has no key derivation named ${name}`);
    checkKdfRequest(row, parameters, inputs, outLength);
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
    return this.#channel.call('derive', [wire, onProgress !== undefined], signal, onProgress, transfer);
  }

  result(bytes, encoding) {
    return this.#platform.result(bytes, encoding);
  }

  admit(bytes) {
    return this.#turns.admit(bytes);
  }

  // The worker's figures, as of its last answer.
  stats() {
    return this.#channel.stats;
  }

  refWorkers() {}

  // @pre every call of the pool has settled; what is left belongs to streams nobody finished
  // (a createHash() never digested), which end with the pool, as in js/engine/backend.js.
  close() {
    this.#channel.post(['close', 0, []]);
    this.#channel.flush();
    this.#channel.fail(parahashError(codes.POOL_CLOSED, 'The pool is closed'));
  }

  abandon(error) {
    this.#channel.fail(error);
    this.#channel.terminate();
  }

  crashForTesting(how) {
    this.#channel.post(['crash', 0, [how]]);
  }

  heapStats() {
    return {};
  }

  #callWith(op, args, input, signal, transfer = []) {
    const wired = wireInput(input);
    return this.#channel.call(op, [...args, wired.input], signal, undefined, [...transfer, ...wired.transfer]);
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
