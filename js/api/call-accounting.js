'use strict';
// A pool's calls, counted: admission (maxQueue), the counts stats() reports, the worker threads'
// ref (a pool keeps the process alive only while a call waits on it), 'drain' and close()'s wait
// for the last call. One instance per Pool; it knows nothing of what a call does.

const { codes, parahashError, abortError } = require('../args/errors');

class CallAccounting {
  #pending = 0; // calls made and not settled
  #waiting = 0; // of those, calls waiting on the backend (they keep the workers ref'd)
  #idle = []; // close()'s waits for the last call
  #counts = { completed: 0, failed: 0, cancelled: 0 };
  #drainWatched = false;
  #drainQueued = false;
  #refWorkers;
  #admit; // () → the pool's failure when it takes no call, else null
  #capacity; // threads + maxQueue
  #maxQueue;
  #threads;
  #onDrain;
  #onCall;

  // hooks: { refWorkers(bool), admit() → Error | null, threads, maxQueue, onDrain(), onCall() }
  constructor({ refWorkers, admit, threads, maxQueue, onDrain, onCall }) {
    this.#refWorkers = refWorkers;
    this.#admit = admit;
    this.#threads = threads;
    this.#maxQueue = maxQueue;
    this.#capacity = threads + maxQueue;
    this.#onDrain = onDrain;
    this.#onCall = onCall;
  }

  get pending() {
    return this.#pending;
  }

  get counts() {
    return { ...this.#counts };
  }

  // 'drain' costs a microtask per idle moment, so it is only queued once someone listens.
  watchDrain() {
    this.#drainWatched = true;
  }

  // Admission, accounting and worker ref-counting around one call. run(end) returns the result,
  // or a Promise of it for which it calls end(error?) once, just before that Promise settles (so
  // no second Promise is chained per call); a call answered at once never refs the workers.
  track(signal, run) {
    this.begin(signal);
    let result;
    try {
      result = run(this.end);
    } catch (error) {
      this.#settled(error);
      throw error;
    }
    return this.after(result);
  }

  // track() for a call that is an async function: end() is called for it.
  trackAsync(signal, run) {
    return this.track(signal, (end) => run().then((value) => {
      end();
      return value;
    }, (error) => {
      end(error);
      throw error;
    }));
  }

  // A call is admitted (pending from here on) or refused.
  begin(signal) {
    const refused = this.#admit();
    if (refused !== null) throw refused;
    if (this.#pending >= this.#capacity) {
      throw parahashError(codes.QUEUE_FULL,
        `${this.#pending} calls are already pending; this pool queues at most ${this.#maxQueue} beyond its ${this.#threads} threads (options.maxQueue)`);
    }
    if (signal?.aborted) {
      this.#counts.cancelled++;
      throw abortError(signal.reason);
    }
    this.#pending++;
    this.#onCall();
  }

  // The call's result as its Promise: settled now (answered at once), or the backend's.
  after(result) {
    if (!(result instanceof Promise)) {
      this.#settled();
      return Promise.resolve(result);
    }
    this.busy(+1);
    return result;
  }

  // A call that began and failed before it had a result.
  failed(error) {
    this.#settled(error);
  }

  end = (error) => {
    this.busy(-1);
    this.#settled(error);
  };

  // Work waits on the threads again (+1) or no longer (-1): a stream between its chunks holds no
  // ref, so an idle hasher never keeps the process alive.
  busy(delta) {
    if (delta > 0) {
      if (this.#waiting++ === 0) this.#refWorkers(true);
    } else if (--this.#waiting === 0 && this.#admit() === null) {
      this.#refWorkers(false);
    }
  }

  // Resolves once no call is pending (at once if none is).
  whenIdle() {
    return this.#pending === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }

  // Lets close() go on at once: the pool was destroyed or crashed, its calls rejected.
  releaseWaiters() {
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  #settled(error) {
    if (error === undefined) this.#counts.completed++;
    else this.#counts[error?.code === codes.ABORTED || error?.code === codes.TIMEOUT ? 'cancelled' : 'failed']++;
    if (--this.#pending === 0) {
      this.releaseWaiters();
      if (this.#drainWatched && !this.#drainQueued) {
        this.#drainQueued = true;
        queueMicrotask(() => {
          this.#drainQueued = false;
          if (this.#pending === 0) this.#onDrain();
        });
      }
    }
  }
}

module.exports = { CallAccounting };
