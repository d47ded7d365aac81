'use strict';
// Incremental use of an EngineStream (createHash, hashStream, hashFile): bytes arrive in pieces
// of any size, gather in the slot being filled, and a slot goes to the engine when it is full.
//
// Staging for incremental use comes from the budget a slot at a time, through `lease`:
//   acquire() → Promise (waits its turn), tryAcquire() → bool, release(), underPressure(),
//   watch(reclaim) → unwatch.
// A stream waits for its first slot; more, up to `maxSlots`, only while the budget has room
// now, so a source that outruns the threads gets more chunks in flight and a slow one few.
// Why slot by slot, and given back? A stream whose caller sits idle (an abandoned hasher, a
// slow upload, a hasher waiting on its own copy()) holds staging for nothing; when anyone waits
// for the budget, such a stream hands its gathered bytes to the engine and its slots back.

const { codes } = require('../args/errors');
const { viewOf } = require('../args/input');

class StreamFeed {
  #rt;
  #stream; // the EngineStream, created with no slots: they come through the lease
  #lease;
  #maxSlots;
  #leased = 0; // slots the stream holds through the lease
  #unwatch = null; // set while the budget may ask this stream for its slots (#watch)
  #fill = null; // the slot being filled, { ptr, used }
  #ops = 0; // operations under way (push, pushFrom, end, clone)
  #reclaiming = false;
  #ended = false;

  constructor(rt, stream, lease, maxSlots) {
    this.#rt = rt;
    this.#stream = stream;
    this.#lease = lease;
    this.#maxSlots = maxSlots;
  }

  // Appends bytes[offset .. offset + length). Resolves once they are all in the heap, so a
  // caller that reuses its buffer afterwards changes nothing.
  push(bytes, offset = 0, length = bytes.byteLength) {
    return this.#operation(() => this.#push(bytes, offset, length));
  }

  async #push(bytes, offset, length) {
    const { heap, turns } = this.#rt;
    const { chunk } = this.#stream;
    while (length > 0) {
      const fill = await this.#current();
      const n = Math.min(length, chunk - fill.used);
      // A copy is main-thread work: within this turn's budget, or in a later turn. Every copy
      // asks, however small: 5,000 hashers fed 200 KB each copied in one chain of microtasks
      // otherwise, and held a 1 ms timer off for 1.2 s.
      const turn = turns.admit(n);
      if (turn) {
        await turn;
        this.#stream.throwIfFailed();
      }
      heap.write(fill.ptr + fill.used, offset === 0 && n === bytes.byteLength ? bytes : viewOf(bytes, offset, n));
      fill.used += n;
      offset += n;
      length -= n;
      if (fill.used === chunk) this.#submitFill(false);
    }
  }

  // Fills slots straight from a reader (a file): read(view) resolves to the bytes it wrote into
  // `view` (a Uint8Array over the heap), 0 at the end. No copy through JS memory.
  pushFrom(read) {
    return this.#operation(() => this.#pushFrom(read));
  }

  async #pushFrom(read) {
    const { heap } = this.#rt;
    const { chunk } = this.#stream;
    for (;;) {
      const fill = await this.#current();
      const view = new Uint8Array(heap.u8().buffer, fill.ptr + fill.used, chunk - fill.used);
      const n = await read(view);
      this.#stream.throwIfFailed();
      if (n === 0) return;
      fill.used += n;
      if (fill.used === chunk) this.#submitFill(false);
    }
  }

  // Ends the input: what is gathered goes in as the final piece, which writes the digest.
  // @return the digest.
  end() {
    return this.#operation(async () => {
      if (!this.#ended) {
        this.#stream.throwIfFailed();
        if (this.#fill === null) this.#stream.submit(0, 0, true); // no slot: a digest never waits for staging
        else this.#submitFill(true);
        this.#ended = true;
      }
      return this.#stream.finish();
    });
  }

  // Waits until nothing of this stream is in the engine, then makes another with the same state
  // (engine.cloneState) and the bytes gathered so far: createHash().copy().
  // @param open (createState) → a new StreamFeed over that state.
  clone(open) {
    return this.#operation(async () => {
      await this.#stream.drain();
      this.#stream.throwIfFailed();
      const state = await this.#stream.cloneState();
      const copy = open(() => state);
      if (this.#fill !== null && this.#fill.used > 0) {
        await copy.push(this.#rt.heap.read(this.#fill.ptr, this.#fill.used));
      }
      return copy;
    });
  }

  stop() {
    this.#stream.stop();
  }

  // Releases the stream once nothing of it runs any more (EngineStream.close); its slots' share
  // of the budget goes back with them.
  async close() {
    if (!(await this.#stream.close())) return;
    this.#stopWatching();
    for (; this.#leased > 0; this.#leased--) this.#lease.release();
  }

  // Runs one operation; the stream is reclaimable only between operations.
  async #operation(run) {
    this.#ops++;
    this.#stopWatching();
    try {
      return await run();
    } finally {
      this.#ops--;
      if (this.#ops === 0) {
        if (this.#lease.underPressure()) this.#reclaim();
        else this.#watch();
      }
    }
  }

  // Lists this stream with the budget, to be asked for its slots when a caller waits, while it
  // is idle and holds some: only then can it give any back. Listing every stream for its whole
  // life made each waiting caller ask them all: 5,000 hashers held the loop off for 1.3 s.
  #watch() {
    if (this.#unwatch !== null || this.#leased === 0 || this.#ended || this.#stream.released) return;
    this.#unwatch = this.#lease.watch(() => {
      this.#reclaim();
    });
  }

  #stopWatching() {
    this.#unwatch?.();
    this.#unwatch = null;
  }

  // Gives the staging back while the caller is idle: the gathered bytes go to the engine (a
  // short chunk is still a correct one), and once nothing is in flight every free slot returns
  // to the budget. A later push takes a slot again, waiting its turn.
  async #reclaim() {
    const stream = this.#stream;
    if (this.#reclaiming || this.#ops > 0 || this.#ended || stream.released || stream.stopped) return;
    this.#reclaiming = true;
    this.#stopWatching();
    try {
      if (this.#fill !== null) {
        if (this.#fill.used > 0) this.#submitFill(false);
        else {
          stream.putBack(this.#fill.ptr);
          this.#fill = null;
        }
      }
      await stream.drain();
      // An operation that began meanwhile keeps what it uses; only idle slots go back.
      if (this.#ops > 0 || stream.released) return;
      for (let given = stream.giveFreeSlots(); given > 0; given--) {
        this.#leased--;
        this.#lease.release();
      }
    } finally {
      this.#reclaiming = false;
      // An operation that ran while this waited may have left a slot half filled and ended, its
      // own reclaim turned away: with a caller still waiting, give that back too now, or the
      // caller waits until this stream is used again (maybe never). The next round submits that
      // fill, so each round makes progress.
      if (this.#ops === 0) {
        if (this.#fill !== null && this.#lease.underPressure()) queueMicrotask(() => this.#reclaim());
        else this.#watch();
      }
    }
  }

  // The slot being filled, taking a free one (or waiting for one) when there is none.
  async #current() {
    const stream = this.#stream;
    stream.throwIfFailed();
    if (this.#fill !== null) return this.#fill;
    if (!stream.hasFreeSlot) {
      if (stream.slotCount === 0) {
        await this.#lease.acquire();
        if (stream.released || stream.stopped) {
          this.#lease.release();
          stream.throwIfFailed();
          throw Object.assign(new Error('This stream is closed'), { code: codes.INTERNAL });
        }
        this.#addSlot();
      } else if (stream.slotCount < this.#maxSlots && this.#lease.tryAcquire()) {
        this.#addSlot();
      }
    }
    this.#fill = { ptr: await stream.takeSlot(), used: 0 };
    return this.#fill;
  }

  #addSlot() {
    this.#stream.addSlot();
    this.#leased++;
  }

  #submitFill(final) {
    const { ptr, used } = this.#fill;
    this.#fill = null;
    this.#stream.submit(ptr, used, final);
  }
}

module.exports = { StreamFeed };
