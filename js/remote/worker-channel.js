'use strict';
// The page's end of the wire to the fallback's Worker (js/load/browser-worker.js): each call an
// id and a pending entry until its answer comes back.
//
// Messages are batched: operations made in one turn go in one postMessage, and the worker's
// answers come back batched too and are settled through the TurnBudget, a slice per turn, so
// 100,000 small calls never make one long task.

const { codes, parahashError, abortError } = require('../args/errors');
const { onAbort } = require('../args/signal');
const { fromWire } = require('./wire');

class WorkerChannel {
  #worker;
  #turns;
  #onCrash;
  #where;
  #pending = new Map(); // call id → { resolve, reject, progress, done }
  #nextId = 1;
  #outbox = [];
  #transfer = [];
  #flushQueued = false;
  #stats = { queued: 0, running: 0 };
  #failure = null;

  // `onCrash(cause)` is told once when the worker dies; `where` names its script in that message.
  constructor(worker, turns, onCrash, where) {
    this.#worker = worker;
    this.#turns = turns;
    this.#onCrash = onCrash;
    this.#where = where;
    worker.onmessage = (event) => this.#receive(event.data);
    worker.onerror = (event) => this.#crashed(event);
    worker.onmessageerror = (event) => this.#crashed(new Error('a message from the worker could not be read'));
  }

  // The error every call gets once the channel has failed, else null.
  get failure() {
    return this.#failure;
  }

  // The worker's figures, as of its last answer.
  get stats() {
    return this.#stats;
  }

  // Posts one operation. @return a Promise of its answer; an abort rejects it at once.
  call(op, args, signal, progress, transfer = []) {
    if (this.#failure) return Promise.reject(this.#failure);
    if (signal?.aborted) return Promise.reject(abortError(signal.reason));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const call = { resolve, reject, progress, done: () => {} };
      if (signal) {
        call.done = onAbort(signal, (reason) => {
          if (!this.#pending.delete(id)) return;
          this.post(['abort', id, []]);
          reject(abortError(reason));
        });
      }
      this.#pending.set(id, call);
      // The worker makes an AbortController only for a call that can be aborted.
      this.post([op, id, args, signal !== undefined], transfer);
    });
  }

  // Queues a message for this turn's batch (one with id 0, like 'stop', has no answer).
  post(message, transfer = []) {
    this.#outbox.push(message);
    for (const t of transfer) this.#transfer.push(t);
    if (!this.#flushQueued) {
      this.#flushQueued = true;
      queueMicrotask(() => this.flush());
    }
  }

  // Sends this turn's batch now.
  flush() {
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

  // Rejects everything outstanding with `error`, now and for every later call.
  fail(error) {
    this.#failure ??= error;
    const calls = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of calls) {
      call.done();
      call.reject(error);
    }
  }

  terminate() {
    this.#worker.terminate();
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
    this.fail(parahashError(codes.POOL_CRASHED, `The pool's worker failed: ${cause.message}`, { cause }));
    this.#onCrash(cause);
  }
}

module.exports = { WorkerChannel };
