'use strict';
// Open streams, fed piece by piece (createHash, createHmac, hashStream, hashFile): each is a
// StreamFeed over an EngineStream, holding its control block of the staging budget from the
// start and its staging slots through a lease on the same budget, behind a handle that checks
// the pool still runs before every operation.

const { codes, abortError } = require('../args/errors');
const { onAbort } = require('../args/signal');
const { blockSize } = require('./arena');
const { CONTROL_BYTES } = require('./job-control');
const { EngineStream } = require('./engine-stream');
const { StreamFeed } = require('./stream-feed');
const { asAbort } = require('./caller');

class StreamHandles {
  #rt;
  #budget;
  #reserve;

  // budget: the staging ByteBudget; reserve(bytes, signal): waits for `bytes` of it, failing if
  // the pool stopped meanwhile.
  constructor(runtime, budget, reserve) {
    this.#rt = runtime;
    this.#budget = budget;
    this.#reserve = reserve;
  }

  // @param createState () → the engine's return for a new state.
  // @param shape { chunk, maxSlots }.
  // @return { push(bytes), pushFrom(read), end() → digest, clone() → another, stop(), close() }
  async open(createState, digestLength, signal, shape) {
    const held = await this.#reserveStream(digestLength, signal);
    let stream;
    try {
      // Opening one is main-thread work (a state made in the engine, heap taken): 5,000 hashers
      // opened in one chain of microtasks held a 1 ms timer off for 180 ms.
      const turn = this.#rt.turns.admit();
      if (turn) await turn;
      if (!this.#rt.live()) throw this.#rt.failure();
      if (signal?.aborted) throw abortError(signal.reason);
      stream = this.#feed(createState, digestLength, signal, shape);
    } catch (error) {
      this.#budget.release(held);
      throw error;
    }
    return this.#handle(stream, held, digestLength, signal, shape);
  }

  // What a fresh stream holds of the budget from the start: its control block. Its staging
  // slots come and go through its lease (#lease).
  async #reserveStream(digestLength, signal) {
    const held = blockSize(CONTROL_BYTES + digestLength);
    await this.#reserve(held, signal);
    return held;
  }

  // An incremental stream: its EngineStream starts with no slots; its feed leases them.
  #feed(createState, digestLength, signal, shape) {
    const stream = new EngineStream(this.#rt, createState, { chunk: shape.chunk, slots: 0 }, digestLength);
    return new StreamFeed(this.#rt, stream, this.#lease(signal, shape), shape.maxSlots);
  }

  // An incremental stream's share of the staging budget, a slot at a time (js/engine/stream-feed.js).
  #lease(signal, shape) {
    const rt = this.#rt;
    const budget = this.#budget;
    const slot = blockSize(shape.chunk);
    return {
      acquire: async () => {
        const wait = budget.acquire(slot, signal, () => abortError(signal?.reason));
        if (wait) await wait;
        if (!rt.live()) throw rt.failure();
      },
      tryAcquire: () => budget.tryAcquire(slot),
      release: () => {
        if (rt.live()) budget.release(slot);
      },
      underPressure: () => budget.queued > 0,
      watch: (reclaim) => budget.watch(reclaim),
    };
  }

  #handle(stream, held, digestLength, signal, shape) {
    const rt = this.#rt;
    const unsubscribe = onAbort(signal, () => stream.stop());
    let closed = false;
    // Every operation first makes sure the pool still runs (a closed pool's engine is gone),
    // and an engine stop seen by an aborted call becomes that call's AbortError.
    const guarded = (operation) => async (...args) => {
      if (closed) throw Object.assign(new Error('This stream is closed'), { code: codes.INTERNAL });
      if (!rt.live()) throw rt.failure();
      try {
        return await operation(...args);
      } catch (error) {
        throw asAbort(error, signal);
      }
    };
    return {
      push: guarded((bytes, offset, length) => stream.push(bytes, offset, length)),
      pushFrom: guarded((read) => stream.pushFrom(read)),
      end: guarded(() => stream.end()),
      // Another stream with this one's state and bytes so far (createHash().copy()).
      // `cloneLength`: the copy's digest length (an extendable-output function may change it).
      clone: guarded((cloneSignal, cloneLength = digestLength) => this.#clone(stream, cloneSignal, cloneLength, shape)),
      stop: () => stream.stop(),
      close: async () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        await stream.close();
        if (rt.live()) this.#budget.release(held);
      },
    };
  }

  async #clone(stream, signal, digestLength, shape) {
    const held = await this.#reserveStream(digestLength, signal);
    let copy;
    let fresh = null;
    try {
      copy = await stream.clone((createState) => {
        fresh = this.#feed(createState, digestLength, signal, shape);
        return fresh;
      });
    } catch (error) {
      if (fresh !== null) await fresh.close();
      if (this.#rt.live()) this.#budget.release(held);
      throw error;
    }
    return this.#handle(copy, held, digestLength, signal, shape);
  }
}

module.exports = { StreamHandles };
