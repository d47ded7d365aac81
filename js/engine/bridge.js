'use strict';
// The main thread's side of the completion ring (wasm/completion_ring.hpp).
//
// One Atomics.waitAsync stays pending on the ring's sequence counter while anything is
// outstanding; when a worker bumps it, we drain every finished job through Embind and settle
// its Promise. The main thread never blocks and never polls. A pending waitAsync does not keep
// a Node process alive; the pool refs its workers instead while jobs are outstanding.
//
// The loop must keep turning however many jobs finish. When the counter has already moved,
// waitAsync answers synchronously; re-arming from a microtask then drained in one endless
// microtask chain (100,000 small calls starved a 1 ms timer for 1.8 s). So a drain that follows
// a synchronous answer waits for a macrotask (`turns`' schedule), and the Promises of drained
// jobs settle through the pool's TurnBudget, a bounded slice per turn of the loop.

const { parahashError } = require('../args/errors');

// Completions taken from the engine per wake: each costs an Embind object, so a wake is bounded.
const DRAIN_MAX = 256;
// Without threads: how long one wake runs queued jobs before the worker reads its messages.
const INLINE_SLICE_MICROS = 4000;

function refused(error) {
  const done = Promise.reject(error);
  done.catch(() => {});
  return { id: 0, done };
}

class CompletionBridge {
  // heap: the Heap (js/engine/heap.js); turns: the TurnBudget (js/engine/turns.js) that paces settling;
  // schedule: the platform's macrotask, which runs an inline engine's queue.
  constructor(heap, engine, turns, schedule) {
    this.heap = heap;
    this.engine = engine;
    this.turns = turns;
    this.schedule = schedule;
    this.seqIndex = engine.seqAddress() >>> 2;
    this.jobs = new Map(); // job id → { resolve, reject }
    this.watchers = []; // { test, resolve } checked after every wake
    this.failure = null;
    this.armed = false;
    this.lastSeq = Atomics.load(this.heap.i32(), this.seqIndex);
    // Without shared memory (the build without threads, in a worker of a page that is not
    // cross-origin isolated) there is nothing to wait on: the engine's pool is inline, its jobs
    // wait until wake() runs them, one slice per macrotask of its own (not a TurnBudget unit,
    // several of which share a turn), so an abort posted to this worker is read between slices.
    this.shared = typeof SharedArrayBuffer === 'function' && this.heap.i32().buffer instanceof SharedArrayBuffer;
  }

  // Queues one engine job: submit() calls an engine submit* and returns what it returned, a job
  // id (> 0) or a negated error code (the engine's lastError() says why). @return { id, done },
  // where done settles when the job ends; a refused submit has id 0 and a rejected done.
  submit(submit) {
    if (this.failure) return refused(this.failure);
    const id = submit();
    if (!(id > 0)) return refused(this.engineError());
    const done = new Promise((resolve, reject) => this.jobs.set(id, { resolve, reject }));
    // Callers await `done` eventually, but a job further down a pipeline may fail (be
    // cancelled, or refused by a pool destroyed meanwhile) before its turn comes; that must not
    // count as an unhandled rejection.
    done.catch(() => {});
    this.arm();
    return { id, done };
  }

  // The engine's last synchronous failure (a negative return) as an Error with its code.
  engineError() {
    const { code, message } = this.engine.lastError();
    return parahashError(code, message);
  }

  isPending(id) {
    return this.jobs.has(id);
  }

  // Resolves once test() is true, re-checked after every wake (used to await thread start).
  until(test) {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.watchers.push({ test, resolve, reject });
      this.arm();
    });
  }

  arm() {
    if (this.armed || this.failure) return;
    if (this.jobs.size === 0 && this.watchers.length === 0) return;
    this.armed = true;
    if (!this.shared) {
      this.schedule(() => this.wake());
      return;
    }
    const wait = Atomics.waitAsync(this.heap.i32(), this.seqIndex, this.lastSeq);
    // Already moved: drain in a later macrotask, never from a microtask (see the top).
    if (wait.async) wait.value.then(() => this.wake());
    else this.turns.defer(() => this.wake());
  }

  wake() {
    this.armed = false;
    if (this.failure) return;
    const left = this.shared ? 0 : this.engine.runQueued(INLINE_SLICE_MICROS);
    // Read the counter before draining: anything a worker adds after this read moves the
    // counter past lastSeq, so the next waitAsync returns at once instead of missing it.
    this.lastSeq = Atomics.load(this.heap.i32(), this.seqIndex);
    const drained = this.engine.drain(DRAIN_MAX);
    for (const completion of drained) this.turns.defer(() => this.#settle(completion));
    this.watchers = this.watchers.filter((w) => (w.test() ? (w.resolve(), false) : true));
    if (drained.length === DRAIN_MAX || left > 0) {
      // More are waiting and the counter will not move for them again: come back next slice.
      this.armed = true;
      if (this.shared) this.turns.defer(() => this.wake());
      else this.schedule(() => this.wake());
    } else {
      this.arm();
    }
  }

  #settle({ id, code, message }) {
    const job = this.jobs.get(id);
    if (!job) return;
    this.jobs.delete(id);
    if (code === 'OK') job.resolve();
    else job.reject(parahashError(code, message));
  }

  // Rejects everything outstanding with `error`, now and for every later submit, and releases
  // the pending waitAsync so nothing keeps this memory referenced.
  fail(error) {
    if (this.failure) return;
    this.failure = error;
    for (const job of this.jobs.values()) job.reject(error);
    this.jobs.clear();
    for (const w of this.watchers.splice(0)) w.reject(error);
    const i32 = this.heap.i32();
    Atomics.add(i32, this.seqIndex, 1);
    if (this.shared) Atomics.notify(i32, this.seqIndex);
  }
}

module.exports = { CompletionBridge };
