'use strict';
// A pool's life, one state at a time: starting → open → closing → closed, or from any state not
// yet ended to closed by destroy() or crashed by a dying thread. It says whether the pool takes
// new calls (live) and finishes those made (running), and holds the error later calls reject
// with. One instance per Pool.

const { codes, parahashError } = require('../args/errors');

class PoolLifecycle {
  #state = 'starting'; // starting | open | closing | closed | crashed
  #failure = null; // the error later calls reject with once closed or crashed
  #closing = null;
  #backend;
  #calls; // js/api/call-accounting.js
  #stats; // js/api/pool-stats.js, which keeps the engine's figures when it stops

  constructor(backend, calls, stats) {
    this.#backend = backend;
    this.#calls = calls;
    this.#stats = stats;
  }

  get state() {
    return this.#state;
  }

  get failure() {
    return this.#failure;
  }

  // Accepting new calls.
  live() {
    return this.#state === 'open' || this.#state === 'starting';
  }

  // Finishing calls already made (close() waits for them).
  running() {
    return this.live() || this.#state === 'closing';
  }

  ready() {
    if (this.#state !== 'starting') return;
    this.#state = 'open';
    // An idle pool must not keep the process alive; a call refs the workers again.
    this.#backend.refWorkers(false);
  }

  // Finishes every call already made, then releases the threads. Idempotent.
  close() {
    if (!this.#closing) this.#closing = this.#shutDown();
    return this.#closing;
  }

  // Rejects all outstanding work and releases the threads now.
  destroy() {
    if (this.#ended()) return;
    this.#abandon('closed', parahashError(codes.POOL_CLOSED, 'The pool was destroyed'));
  }

  // A thread of the backend died: every pending call is rejected, the pool is dropped whole.
  crash(what) {
    if (this.#ended()) return;
    const cause = crashCause(what);
    const detail = cause.name && cause.name !== 'Error' ? `${cause.name}: ${cause.message}` : cause.message;
    this.#abandon('crashed', parahashError(codes.POOL_CRASHED,
      `A thread of this pool crashed (${detail}); every pending call was rejected. Create a new pool with createPool().`,
      { cause }));
  }

  #ended() {
    return this.#state === 'closed' || this.#state === 'crashed';
  }

  async #shutDown() {
    if (this.#ended()) return;
    this.#state = 'closing';
    this.#failure = parahashError(codes.POOL_CLOSED, 'The pool is closed');
    // Idle already: closed at once, as a pool with nothing pending always was.
    if (this.#calls.pending > 0) await this.#calls.whenIdle();
    if (this.#state !== 'closing') return; // destroyed or crashed meanwhile
    this.#state = 'closed';
    this.#stats.keep();
    // Every job has completed, so the threads are idle and the join is immediate.
    this.#backend.close();
  }

  #abandon(state, error) {
    const wasRunning = this.#state === 'open' || this.#state === 'closing';
    // The state first: an engine that a dying thread unwinds reports the crash again, re-entering.
    this.#state = state;
    this.#failure = error;
    if (wasRunning) {
      try {
        this.#stats.keep();
      } catch {
        // A thread died under the engine's lock: its figures are gone with it.
      }
    }
    this.#backend.abandon(error);
    this.#calls.releaseWaiters();
  }
}

// An Error that says what crashed a thread: a worker's error event (Node passes the Error, a
// browser an ErrorEvent), or what abort() was called with.
function crashCause(what) {
  if (what instanceof Error) return what;
  if (what && typeof what === 'object' && what.error instanceof Error) return what.error;
  if (what && typeof what === 'object' && typeof what.message === 'string') return new Error(what.message);
  if (typeof what === 'string' && what !== '') return new Error(what);
  return new Error('abort() was called inside the engine');
}

module.exports = { PoolLifecycle };
