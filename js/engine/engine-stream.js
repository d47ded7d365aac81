'use strict';
// The stream unit: one engine HashState and the chunks in flight into it. hash() and hmac() use
// it for a whole input; createHash(), hashStream() and hashFile() feed it piece by piece.
//
// Input crosses into the heap one chunk at a time: each copy is one short synchronous stretch
// (2 MiB ≈ 0.2–1.5 ms). Several chunks are in flight: the engine runs one state's chunks in
// order and starts the next the moment the previous ends, so the threads keep hashing while this
// thread waits to be scheduled, notices a completion, and copies the next chunk. BLAKE3 spreads
// each chunk over every thread, so the queue deepens with the thread count (on 2 cores, 3 chunks
// left the threads idle; 6 did not).
//
// Heap layout of a stream: one block [control: 2 × int32 | digest], and `slots` staging blocks
// of one chunk each (js/engine/arena.js reuses them across calls). Every chunk job gets the same
// control block: a stop request reaches the one running at its next start, and the ones still
// queued are cancelled outright.

const { codes } = require('../args/errors');
const { checkIntact, viewOf, checkLength } = require('../args/input');

const utf8 = new TextEncoder();
const encodeInto = utf8.encodeInto.bind(utf8);
const isHighSurrogate = (unit) => unit >= 0xd800 && unit <= 0xdbff;
const { blockSize } = require('./arena');
const { CONTROL_BYTES, resetControl, requestStop } = require('./job-control');

const CHUNK_BYTES = 2 * 1024 * 1024;
// push() copies of at least this size wait for the turn's budget first.
const PUSH_SLICE_BYTES = 256 * 1024;
const slotsFor = (threads) => Math.min(16, 2 + 2 * threads);

class EngineStream {
  #rt;
  #state = 0;
  #control = null; // arena block: [control | digest]
  #block = 0; // its address
  #digestLength;
  #chunk;
  #slots = []; // staging blocks, one chunk each
  #free = []; // slot addresses ready for a chunk
  #fill = null; // incremental use: the slot being filled, { ptr, used }
  #lease = null; // incremental use: the staging budget's share of this stream (setLease)
  #maxSlots = 0;
  #unwatch = null;
  #ops = 0; // incremental operations under way (push, pushFrom, end, clone)
  #reclaiming = false;
  #ended = false;
  #inFlight = []; // { id, done, slot } in submission order, removed as each settles
  #stopped = false;
  #failure = null; // the first chunk failure, rethrown by write() and finish()

  // The heap bytes a stream for `total` input bytes holds (its slots as staging serves them).
  static footprint(threads, total, digestLength) {
    const chunk = Math.min(Math.max(total, 1), CHUNK_BYTES);
    const slots = Math.min(slotsFor(threads), Math.max(1, Math.ceil(total / CHUNK_BYTES)));
    return { chunk, slots, bytes: blockSize(CONTROL_BYTES + digestLength) + slots * blockSize(chunk) };
  }

  // @param createState () → the engine's return for a new state (pointer or negated code).
  // @param shape footprint() for this stream (incremental streams: { chunk, slots } to start
  //        with). @throws ERR_PARAHASH_OUT_OF_MEMORY and the engine's refusals; nothing is left
  //        allocated then.
  constructor(rt, createState, shape, digestLength) {
    this.#rt = rt;
    this.#digestLength = digestLength;
    this.#chunk = shape.chunk;
    const { heap, bridge, arena } = rt;
    this.#control = arena.take('a hash call', CONTROL_BYTES + digestLength);
    this.#block = this.#control.ptr;
    try {
      resetControl(heap, this.#block);
      for (let s = 0; s < shape.slots; s++) this.#slots.push(arena.take('a hash call', shape.chunk));
      const state = createState();
      if (!(state > 0)) throw bridge.engineError();
      this.#state = state;
    } catch (error) {
      this.#release();
      throw error;
    }
    for (let s = shape.slots - 1; s >= 0; s--) this.#free.push(this.#slots[s].ptr);
  }

  // Feeds bytes[0 .. length) to the state, a chunk at a time; `last` makes the final chunk
  // finish the digest. Checks before every copy that the caller has not detached or resized
  // the input meanwhile. @throws the first chunk failure, or ERR_PARAHASH_ABORTED once stopped.
  async write(bytes, length, name, last, index = -1) {
    const { heap, bridge, engine, turns } = this.#rt;
    let offset = 0;
    do {
      if (this.#free.length === 0) await this.#settleOldest();
      // A chunk's copy is main-thread work: within this turn's budget, or in a later turn.
      if (length > CHUNK_BYTES) {
        const turn = turns.admit();
        if (turn) await turn;
      }
      this.#throwIfFailed();
      checkIntact(bytes, length, name, index);
      const n = Math.min(this.#chunk, length - offset);
      const slot = this.#free.pop();
      heap.write(slot, offset === 0 && n === length ? bytes : viewOf(bytes, offset, n));
      offset += n;
      const final = last && offset === length;
      const out = final ? this.#block + CONTROL_BYTES : 0;
      const job = bridge.submit(() =>
        engine.submitHash(this.#state, slot, n, out, final ? this.#digestLength : 0, this.#block));
      this.#track(job, slot);
    } while (offset < length);
  }

  // Feeds a string to the state as UTF-8, encoded a chunk at a time straight into the slots
  // (encodeInto), never whole: a 500 MiB string takes ~0.7 s to encode. A chunk never ends
  // inside a surrogate pair. @throws ERR_PARAHASH_INPUT_TOO_LARGE past maxLength bytes.
  async writeString(string, name, maxLength, last) {
    const { heap, bridge, engine, turns } = this.#rt;
    let at = 0;
    let total = 0;
    do {
      if (this.#free.length === 0) await this.#settleOldest();
      const turn = turns.admit();
      if (turn) await turn;
      this.#throwIfFailed();
      const slot = this.#free.pop();
      let end = Math.min(string.length, at + this.#chunk);
      if (end < string.length && isHighSurrogate(string.charCodeAt(end - 1))) end--;
      const { read, written } = encodeInto(string.substring(at, end), new Uint8Array(heap.u8().buffer, slot, this.#chunk));
      at += read;
      total += written;
      checkLength(total, name, maxLength);
      const final = last && at === string.length;
      const out = final ? this.#block + CONTROL_BYTES : 0;
      const job = bridge.submit(() =>
        engine.submitHash(this.#state, slot, written, out, final ? this.#digestLength : 0, this.#block));
      this.#track(job, slot);
    } while (at < string.length);
  }

  // --- Incremental use (createHash, hashStream, hashFile): bytes arrive in pieces of any size,
  // gather in the slot being filled, and a slot goes to the engine when it is full.

  // Staging for incremental use comes from the budget a slot at a time, through `lease`:
  //   acquire() → Promise (waits its turn), tryAcquire() → bool, release(), underPressure(),
  //   watch(reclaim) → unwatch.
  // A stream waits for its first slot; more, up to `maxSlots`, only while the budget has room
  // now, so a source that outruns the threads gets more chunks in flight and a slow one few.
  // Why slot by slot, and given back? A stream whose caller sits idle (an abandoned hasher, a
  // slow upload, a hasher waiting on its own copy()) holds staging for nothing; when anyone waits
  // for the budget, such a stream hands its gathered bytes to the engine and its slots back.
  setLease(lease, maxSlots) {
    this.#lease = lease;
    this.#maxSlots = maxSlots;
    this.#unwatch = lease.watch(() => {
      this.#reclaim();
    });
  }

  // Appends bytes[offset .. offset + length). Resolves once they are all in the heap, so a
  // caller that reuses its buffer afterwards changes nothing.
  push(bytes, offset = 0, length = bytes.byteLength) {
    return this.#operation(() => this.#push(bytes, offset, length));
  }

  async #push(bytes, offset, length) {
    const { heap, turns } = this.#rt;
    while (length > 0) {
      const fill = await this.#current();
      const n = Math.min(length, this.#chunk - fill.used);
      // A large copy is main-thread work: within this turn's budget, or in a later turn.
      if (n >= PUSH_SLICE_BYTES) {
        const turn = turns.admit();
        if (turn) await turn;
        this.#throwIfFailed();
      }
      heap.write(fill.ptr + fill.used, offset === 0 && n === bytes.byteLength ? bytes : viewOf(bytes, offset, n));
      fill.used += n;
      offset += n;
      length -= n;
      if (fill.used === this.#chunk) this.#submitFill(false);
    }
  }

  // Fills slots straight from a reader (a file): read(view) resolves to the bytes it wrote into
  // `view` (a Uint8Array over the heap), 0 at the end. No copy through JS memory.
  pushFrom(read) {
    return this.#operation(() => this.#pushFrom(read));
  }

  async #pushFrom(read) {
    const { heap } = this.#rt;
    for (;;) {
      const fill = await this.#current();
      const view = new Uint8Array(heap.u8().buffer, fill.ptr + fill.used, this.#chunk - fill.used);
      const n = await read(view);
      this.#throwIfFailed();
      if (n === 0) return;
      fill.used += n;
      if (fill.used === this.#chunk) this.#submitFill(false);
    }
  }

  // Ends the input: what is gathered goes in as the final piece, which writes the digest.
  // @return the digest.
  end() {
    return this.#operation(async () => {
      if (!this.#ended) {
        this.#throwIfFailed();
        if (this.#fill === null) this.#submitEmptyFinal();
        else this.#submitFill(true);
        this.#ended = true;
      }
      return this.finish();
    });
  }

  // Waits until nothing of this stream is in the engine, then makes another with the same state
  // (engine.cloneState) and the bytes gathered so far: createHash().copy().
  // @param open (createState) → a new EngineStream over that state.
  clone(open) {
    return this.#operation(async () => {
      while (this.#inFlight.length > 0) await this.#settleOldest();
      this.#throwIfFailed();
      const state = await this.#copyState();
      const copy = open(() => state);
      if (this.#fill !== null && this.#fill.used > 0) {
        await copy.push(this.#rt.heap.read(this.#fill.ptr, this.#fill.used));
      }
      return copy;
    });
  }

  // A copy of the engine state: here, or, for a state bound to a pool thread (a host kernel's,
  // whose hash object lives in that thread's isolate), by a job on that thread.
  // @return the copy's address, or the negated code as engine.cloneState does.
  async #copyState() {
    const { engine, bridge, heap, arena } = this.#rt;
    if (engine.homeThread(this.#state) < 0) return engine.cloneState(this.#state);
    const slot = arena.take('a copy of a hash', 8);
    try {
      await bridge.submit(() => engine.submitClone(this.#state, slot.ptr)).done;
      return heap.u32()[slot.ptr >>> 2];
    } finally {
      if (this.#rt.live()) arena.give(slot);
    }
  }

  // Runs one incremental operation; the stream is reclaimable only between operations.
  async #operation(run) {
    this.#ops++;
    try {
      return await run();
    } finally {
      this.#ops--;
      if (this.#ops === 0 && this.#lease?.underPressure()) this.#reclaim();
    }
  }

  // Gives the staging back while the caller is idle: the gathered bytes go to the engine (a
  // short chunk is still a correct one), and once nothing is in flight every free slot returns
  // to the budget. A later push takes a slot again, waiting its turn.
  async #reclaim() {
    if (this.#reclaiming || this.#ops > 0 || this.#ended || this.#block === 0 || this.#stopped) return;
    this.#reclaiming = true;
    try {
      if (this.#fill !== null) {
        if (this.#fill.used > 0) this.#submitFill(false);
        else {
          this.#free.push(this.#fill.ptr);
          this.#fill = null;
        }
      }
      while (this.#inFlight.length > 0) await this.#settleOldest();
      // An operation that began meanwhile keeps what it uses; only idle slots go back.
      if (this.#ops > 0 || this.#block === 0) return;
      for (const ptr of this.#free.splice(0)) {
        const at = this.#slots.findIndex((slot) => slot.ptr === ptr);
        this.#rt.arena.give(this.#slots[at]);
        this.#slots.splice(at, 1);
        this.#lease.release();
      }
    } finally {
      this.#reclaiming = false;
    }
  }

  // The slot being filled, taking a free one (or waiting for one) when there is none.
  async #current() {
    this.#throwIfFailed();
    if (this.#fill !== null) return this.#fill;
    if (this.#free.length === 0 && this.#lease !== null) {
      if (this.#slots.length === 0) {
        await this.#lease.acquire();
        if (this.#block === 0 || this.#stopped) {
          this.#lease.release();
          this.#throwIfFailed();
          throw Object.assign(new Error('This stream is closed'), { code: codes.INTERNAL });
        }
        this.#addSlot();
      } else if (this.#slots.length < this.#maxSlots && this.#lease.tryAcquire()) {
        this.#addSlot();
      }
    }
    while (this.#free.length === 0) {
      await this.#settleOldest();
      this.#throwIfFailed();
    }
    this.#fill = { ptr: this.#free.pop(), used: 0 };
    return this.#fill;
  }

  #addSlot() {
    const slot = this.#rt.arena.take('a hash stream', this.#chunk);
    this.#slots.push(slot);
    this.#free.push(slot.ptr);
  }

  // The final piece when nothing is gathered: no slot needed (a digest never waits for staging).
  #submitEmptyFinal() {
    const { bridge, engine } = this.#rt;
    const out = this.#block + CONTROL_BYTES;
    const job = bridge.submit(() => engine.submitHash(this.#state, this.#block, 0, out, this.#digestLength, this.#block));
    this.#track(job, 0);
  }

  #submitFill(final) {
    const { bridge, engine } = this.#rt;
    const { ptr, used } = this.#fill;
    this.#fill = null;
    const out = final ? this.#block + CONTROL_BYTES : 0;
    const job = bridge.submit(() => engine.submitHash(this.#state, ptr, used, out, final ? this.#digestLength : 0, this.#block));
    this.#track(job, ptr);
  }

  // Lists a submitted chunk until it settles. While any chunk of an incremental stream is in
  // the engine the workers stay ref'd (rt.busy), so a process cannot exit with a digest half done.
  #track(job, slot) {
    const entry = { ...job, slot };
    if (this.#inFlight.push(entry) === 1) this.#rt.busy?.(1);
    job.done.then(() => this.#settled(entry), (error) => this.#settled(entry, error));
  }

  // @return the digest, once every chunk has been hashed.
  async finish() {
    while (this.#inFlight.length > 0) await this.#settleOldest();
    this.#throwIfFailed();
    return this.#rt.heap.read(this.#block + CONTROL_BYTES, this.#digestLength);
  }

  // Asks the engine to stop: chunks still queued are cancelled (newest first, so none starts in
  // between), the one running stops at its next start. Idempotent.
  stop() {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#block === 0) return;
    requestStop(this.#rt.heap, this.#block);
    for (let i = this.#inFlight.length - 1; i >= 0; i--) this.#rt.engine.cancel(this.#inFlight[i].id);
  }

  // Releases the stream once nothing of it runs any more. A crashed or destroyed pool is
  // dropped whole, so its heap is never touched again.
  async close() {
    if (this.#failure || this.#stopped) this.stop();
    await Promise.all(this.#inFlight.map((job) => job.done.catch(() => {})));
    if (!this.#rt.live()) return;
    if (this.#state !== 0) this.#rt.engine.destroyState(this.#state);
    this.#state = 0;
    this.#release();
  }

  #release() {
    this.#unwatch?.();
    this.#unwatch = null;
    for (const slot of this.#slots.splice(0)) {
      this.#rt.arena.give(slot);
      this.#lease?.release();
    }
    if (this.#control !== null) this.#rt.arena.give(this.#control);
    this.#control = null;
    this.#block = 0;
  }

  #settled(entry, error) {
    const at = this.#inFlight.indexOf(entry);
    if (at >= 0) {
      this.#inFlight.splice(at, 1);
      if (this.#inFlight.length === 0) this.#rt.busy?.(-1);
    }
    if (entry.slot !== 0) this.#free.push(entry.slot);
    if (error !== undefined && this.#failure === null) this.#failure = error;
  }

  // Waits for the oldest chunk in flight; it stays listed (and so cancellable) until it settles.
  async #settleOldest() {
    const oldest = this.#inFlight[0];
    if (oldest) await oldest.done.catch(() => {});
  }

  #throwIfFailed() {
    if (this.#failure) throw this.#failure;
    if (this.#stopped) throw Object.assign(new Error('stopped'), { code: codes.ABORTED });
  }
}

module.exports = { EngineStream, CHUNK_BYTES, slotsFor };
