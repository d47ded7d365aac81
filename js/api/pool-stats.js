'use strict';
// What pool.stats() reports. Counts as piscina's stats do, over the engine's jobs (a chunk, a
// batch, a derivation): utilization (the threads' busy share of their time since the pool
// started), waitTime (queued to started) and runTime (started to finished), each { count, mean,
// p50, p90, p99, max } in ms. Calls answered inline on the calling thread are in the counts, not
// in those figures. Once the pool has stopped, the engine's figures are those it had then.

const emptyTimes = () => ({ count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 });

class PoolStats {
  #backend;
  #calls; // js/api/call-accounting.js
  #threads;
  #lastEngine = null; // the engine's figures when it stopped, for stats() afterwards

  constructor(backend, calls, threads) {
    this.#backend = backend;
    this.#calls = calls;
    this.#threads = threads;
  }

  // Keeps the engine's figures as they are now (js/api/pool-lifecycle.js, as the pool stops).
  // @throws what the backend's stats() throws.
  keep() {
    this.#lastEngine = this.#backend.stats();
  }

  // @return pool.stats() for a pool in `state` (js/api/pool-lifecycle.js).
  report(state) {
    const live = state === 'open' || state === 'closing';
    const engine = live ? this.#backend.stats() : (this.#lastEngine ?? {});
    const busy = engine.busyMicros ?? 0;
    const age = engine.ageMicros ?? 0;
    return {
      threads: this.#threads,
      pending: this.#calls.pending,
      queued: live ? engine.queued : 0,
      running: live ? engine.running : 0,
      ...this.#calls.counts,
      state,
      utilization: age > 0 ? Math.min(1, busy / (age * this.#threads)) : 0,
      waitTime: engine.waitTime ?? emptyTimes(),
      runTime: engine.runTime ?? emptyTimes(),
    };
  }
}

module.exports = { PoolStats };
