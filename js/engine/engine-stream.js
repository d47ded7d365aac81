'use strict';
// The stream unit: one engine HashState and the chunks in flight into it. hash() and hmac() use
// it for a whole input (write, writeString); createHash(), hashStream() and hashFile() feed it
// piece by piece through a StreamFeed (js/engine/stream-feed.js).
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
// Encoding a character into the heap costs about four times copying a byte: a 2 MiB chunk of
// non-ASCII text took 1.3 ms to encode, a 2 MiB copy 0.2–0.4 ms. The turn budget weighs it so.
const ENCODE_COST = 4;
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
  // @param shape footprint() for this stream (incremental streams: { chunk, slots: 0 }; their
  //        StreamFeed adds slots). @throws ERR_PARAHASH_OUT_OF_MEMORY and the engine's refusals;
  //        nothing is left allocated then.
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
  // the input meanwhile. `admitted`: the caller's turn already covers the first chunk's copy.
  // @throws the first chunk failure, or ERR_PARAHASH_ABORTED once stopped.
  async write(bytes, length, name, last, index = -1, admitted = false) {
    const { heap, turns } = this.#rt;
    let offset = 0;
    do {
      if (this.#free.length === 0) await this.#settleOldest();
      // A chunk's copy is main-thread work: within this turn's budget, or in a later turn. Every
      // copy asks, however small: thousands of calls in flight copy in one chain of microtasks
      // otherwise (20,000 inputs of up to 70 KB held a 1 ms timer off for 0.6 s).
      const turn = admitted && offset === 0 ? undefined : turns.admit(Math.min(this.#chunk, length - offset));
      if (turn) await turn;
      this.throwIfFailed();
      checkIntact(bytes, length, name, index);
      const n = Math.min(this.#chunk, length - offset);
      const slot = this.#free.pop();
      heap.write(slot, offset === 0 && n === length ? bytes : viewOf(bytes, offset, n));
      offset += n;
      this.submit(slot, n, last && offset === length);
    } while (offset < length);
  }

  // Feeds a string to the state as UTF-8, encoded a chunk at a time straight into the slots
  // (encodeInto), never whole: a 500 MiB string takes ~0.7 s to encode. A chunk never ends
  // inside a surrogate pair. @throws ERR_PARAHASH_INPUT_TOO_LARGE past maxLength bytes.
  async writeString(string, name, maxLength, last) {
    const { heap, turns } = this.#rt;
    let at = 0;
    let total = 0;
    do {
      if (this.#free.length === 0) await this.#settleOldest();
      const turn = turns.admit(ENCODE_COST * Math.min(this.#chunk, string.length - at));
      if (turn) await turn;
      this.throwIfFailed();
      const slot = this.#free.pop();
      let end = Math.min(string.length, at + this.#chunk);
      if (end < string.length && isHighSurrogate(string.charCodeAt(end - 1))) end--;
      const { read, written } = encodeInto(string.substring(at, end), new Uint8Array(heap.u8().buffer, slot, this.#chunk));
      at += read;
      total += written;
      checkLength(total, name, maxLength);
      this.submit(slot, written, last && at === string.length);
    } while (at < string.length);
  }

  // --- For a StreamFeed (js/engine/stream-feed.js): the chunk size, the slots, submitting and draining.

  get chunk() {
    return this.#chunk;
  }

  get slotCount() {
    return this.#slots.length;
  }

  get hasFreeSlot() {
    return this.#free.length > 0;
  }

  // Its heap given back (close()).
  get released() {
    return this.#block === 0;
  }

  get stopped() {
    return this.#stopped;
  }

  // Takes one more staging block from the arena, free for a chunk.
  addSlot() {
    const slot = this.#rt.arena.take('a hash stream', this.#chunk);
    this.#slots.push(slot);
    this.#free.push(slot.ptr);
  }

  // @return the address of a free slot, once one is (waiting for the oldest chunk to settle).
  async takeSlot() {
    while (this.#free.length === 0) {
      await this.#settleOldest();
      this.throwIfFailed();
    }
    return this.#free.pop();
  }

  // A slot taken and left empty is free again.
  putBack(slot) {
    this.#free.push(slot);
  }

  // Gives every free slot back to the arena. @return how many it gave.
  giveFreeSlots() {
    const ptrs = this.#free.splice(0);
    for (const ptr of ptrs) {
      const at = this.#slots.findIndex((slot) => slot.ptr === ptr);
      this.#rt.arena.give(this.#slots[at]);
      this.#slots.splice(at, 1);
    }
    return ptrs.length;
  }

  // A copy of this one's engine state: made here, or, for a state bound to a pool thread (a host
  // kernel's, whose hash object lives in that thread's isolate: wasm/host_kernels.cpp), by a job
  // on that thread. @pre nothing of this stream is in the engine.
  // @return the copy's address, or the negated code, as engine.cloneState returns them.
  async cloneState() {
    const { engine, bridge, heap, arena } = this.#rt;
    if (engine.homeThread(this.#state) < 0) return engine.cloneState(this.#state);
    const slot = arena.take('a copy of a hash', 8);
    try {
      // Listed like a chunk, so it keeps the workers ref'd, stop() cancels it and close() waits
      // for it; a failed copy fails the copy alone, not this stream.
      const job = bridge.submit(() => engine.submitClone(this.#state, slot.ptr));
      this.#track(job, 0, false);
      await job.done;
      return heap.u32()[slot.ptr >>> 2];
    } finally {
      if (this.#rt.live()) arena.give(slot);
    }
  }

  // Hands `length` bytes at `slot` to the engine as the state's next piece; `final` makes it
  // write the digest too. Slot 0: no bytes and no slot (the final piece when nothing is
  // gathered; a digest never waits for staging).
  submit(slot, length, final) {
    const { bridge, engine } = this.#rt;
    const input = slot === 0 ? this.#block : slot;
    const out = final ? this.#block + CONTROL_BYTES : 0;
    const job = bridge.submit(() =>
      engine.submitHash(this.#state, input, length, out, final ? this.#digestLength : 0, this.#block));
    this.#track(job, slot);
  }

  // Waits until no chunk of this stream is in the engine (failures stay for throwIfFailed).
  async drain() {
    while (this.#inFlight.length > 0) await this.#settleOldest();
  }

  // Lists a submitted chunk until it settles. While any chunk of an incremental stream is in
  // the engine the workers stay ref'd (rt.busy), so a process cannot exit with a digest half done.
  // @param failsStream whether its failure is this stream's (a chunk's is; a copy's is not).
  #track(job, slot, failsStream = true) {
    const entry = { ...job, slot, failsStream };
    if (this.#inFlight.push(entry) === 1) this.#rt.busy?.(1);
    job.done.then(() => this.#settled(entry), (error) => this.#settled(entry, error));
  }

  // @return the digest, once every chunk has been hashed.
  async finish() {
    await this.drain();
    this.throwIfFailed();
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
  // dropped whole, so its heap is never touched again. @return whether it released the heap.
  async close() {
    if (this.#failure || this.#stopped) this.stop();
    await Promise.all(this.#inFlight.map((job) => job.done.catch(() => {})));
    if (!this.#rt.live()) return false;
    if (this.#state !== 0) this.#rt.engine.destroyState(this.#state);
    this.#state = 0;
    this.#release();
    return true;
  }

  #release() {
    for (const slot of this.#slots.splice(0)) this.#rt.arena.give(slot);
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
    if (error !== undefined && entry.failsStream && this.#failure === null) this.#failure = error;
  }

  // Waits for the oldest chunk in flight; it stays listed (and so cancellable) until it settles.
  async #settleOldest() {
    const oldest = this.#inFlight[0];
    if (oldest) await oldest.done.catch(() => {});
  }

  // @throws the first chunk failure, or ERR_PARAHASH_ABORTED once stopped.
  throwIfFailed() {
    if (this.#failure) throw this.#failure;
    if (this.#stopped) throw Object.assign(new Error('stopped'), { code: codes.ABORTED });
  }
}

module.exports = { EngineStream, CHUNK_BYTES, slotsFor };
