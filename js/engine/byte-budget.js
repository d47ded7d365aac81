'use strict';
// Caps the heap bytes that jobs hold at once. A job that would exceed it waits its turn (FIFO)
// instead of failing with out-of-memory: thousands of concurrent calls then cost heap in
// proportion to the threads that can work on them, not to the number of calls.

const { onAbort } = require('../args/signal');

class ByteBudget {
  constructor(limit) {
    this.limit = limit;
    this.used = 0;
    this.waiting = [];
    // Holders that can give bytes back when asked (idle streams: js/engine/stream-feed.js
    // #reclaim), asked each time a caller has to wait. Without this, streams whose callers sit
    // idle (abandoned hashers, slow uploads, hashers waiting on their own copy()) held the whole
    // budget for good.
    this.reclaimers = new Set();
  }

  // Registers reclaim(), called when a caller waits. @return a function that unregisters it.
  watch(reclaim) {
    this.reclaimers.add(reclaim);
    return () => this.reclaimers.delete(reclaim);
  }

  // @return undefined when granted at once, else a Promise settled when granted, or rejected
  // with abortError() if `signal` aborts first (the waiter then leaves the line).
  acquire(bytes, signal, abortError) {
    const n = Math.min(bytes, this.limit);
    if (this.waiting.length === 0 && this.used + n <= this.limit) {
      this.used += n;
      return undefined;
    }
    return new Promise((resolve, reject) => {
      const waiter = { n, resolve, reject };
      if (signal) {
        const unsubscribe = onAbort(signal, () => {
          const at = this.waiting.indexOf(waiter);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(abortError());
          this.release(0); // the line may have been held up behind this waiter
        });
        waiter.resolve = () => { unsubscribe(); resolve(); };
        waiter.reject = (e) => { unsubscribe(); reject(e); };
      }
      this.waiting.push(waiter);
      for (const reclaim of [...this.reclaimers]) reclaim();
    });
  }

  // Takes `bytes` only if they are free now and nobody waits. @return whether it did.
  tryAcquire(bytes) {
    const n = Math.min(bytes, this.limit);
    if (this.waiting.length > 0 || this.used + n > this.limit) return false;
    this.used += n;
    return true;
  }

  release(bytes) {
    this.used -= Math.min(bytes, this.limit);
    while (this.waiting.length > 0 && this.used + this.waiting[0].n <= this.limit) {
      const next = this.waiting.shift();
      this.used += next.n;
      next.resolve();
    }
  }

  // Rejects every waiter (pool closing or crashed).
  rejectAll(error) {
    for (const w of this.waiting.splice(0)) w.reject(error);
  }

  get queued() {
    return this.waiting.length;
  }
}

module.exports = { ByteBudget };
