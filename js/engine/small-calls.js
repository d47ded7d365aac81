'use strict';
// Small hash calls, dispatched by cost. A message that hashes in a few microseconds costs less
// hashed right here than the crossing to a pool thread and back (tens of microseconds for one
// call), so while this turn of the loop has budget left (js/engine/turns.js, ~1 ms), a call of up to
// INLINE_BYTES is hashed inline, on this thread, through the engine's InlineHasher. Past the
// budget, small calls are coalesced: each copies its bytes into the current group's staging
// block at once, and the group (every call of the turn with the same kernel, parameters and
// encoding) crosses as one hashMany batch when the turn ends or the block fills. Each call keeps
// its own Promise, its own abort and its own error; the group's digests are handed out in slices
// of DISTRIBUTE at a time, so resolving 10,000 of them never holds the loop.

const { abortError } = require('../args/errors');
const { onAbort } = require('../args/signal');
const { heapBytes, align } = require('./sizes');
const { blockSize } = require('./arena');
const { CONTROL_BYTES, resetControl } = require('./job-control');

const INLINE_BYTES = 8 * 1024;
const COALESCE_BYTES = 64 * 1024;
// A digest longer than this (an XOF's outputLength) streams on its own: a group's digests live
// in one block, and 300 calls asking for 16 MiB each once asked the heap for 4.8 GB at once.
const COALESCE_DIGEST_BYTES = 4 * 1024;
const GROUP_BYTES = 256 * 1024;
const GROUP_COUNT = 4096;
const DISTRIBUTE = 64;
const SCRATCH_BYTES = 64 * 1024;

// What a group holds of the staging budget: its data block and its tables (offsets and
// digests, bounded below by GROUP_BYTES of digests), each rounded as the arena rounds.
const GROUP_HELD = blockSize(GROUP_BYTES) + blockSize(align(CONTROL_BYTES + 4 * (GROUP_COUNT + 1), 8) + GROUP_BYTES + COALESCE_DIGEST_BYTES);

// One executor for every coalesced call's Promise, which hands its resolving functions over
// here: a closure per call (and its context) was ~80 of the ~960 bytes a call allocated.
const captured = { resolve: null, reject: null };
function capture(resolve, reject) {
  captured.resolve = resolve;
  captured.reject = reject;
}

class SmallCalls {
  #rt;
  #staging;
  #groups = new Map(); // group key (kernel and options, by value) → encoding → the group filling in this turn
  #scratch = null; // inline hashing's block
  #flushScheduled = false;

  // rt: { heap, arena, engine, bridge, turns, platform, live() }; staging: the ByteBudget every
  // call's heap blocks come out of (js/engine/jobs.js).
  constructor(rt, staging) {
    this.#rt = rt;
    this.#staging = staging;
  }

  // Can a call of `length` bytes with `params` go this way (else it streams)?
  static fits(input, params) {
    return input.bytes !== null && input.length <= COALESCE_BYTES && params.secretKind === 0 &&
      params.outputLength <= COALESCE_DIGEST_BYTES;
  }

  // Inline, when this turn has room: @return the result, or undefined when it has none. Input
  // and digest go through one scratch block, reused by every inline call (they run one at a time,
  // synchronously, on this thread).
  inline(kernel, params, input, encoding) {
    if (input.length > INLINE_BYTES || params.outputLength > SCRATCH_BYTES - INLINE_BYTES || !this.#rt.turns.inBudget()) {
      return undefined;
    }
    const { heap, engine, bridge } = this.#rt;
    this.#scratch ??= this.#rt.arena.take('inline hashing', SCRATCH_BYTES);
    const block = this.#scratch;
    {
      heap.write(block.ptr, input.bytes);
      const out = block.ptr + input.length;
      const code = params.secretKind === 0
        ? engine.hashInline(kernel, params.outputLength, 0, 0, 0, params.seedLo, params.seedHi, block.ptr, input.length, out)
        : heap.withCopy(params.secret, (ptr, len) => engine.hashInline(kernel, params.outputLength, params.secretKind,
          ptr, len, params.seedLo, params.seedHi, block.ptr, input.length, out));
      if (code < 0) throw bridge.engineError();
      return this.#rt.platform.results(heap.u8(), out, 1, params.outputLength, encoding)[0];
    }
  }

  // Inline through the host's one-shot hash, for a kernel the host runs (js/engine/host-choice.js):
  // straight from the caller's bytes, no heap copy, and up to the coalescing bound rather than
  // INLINE_BYTES (64 KiB of SHA-256 is 40 µs at OpenSSL's speed). @return as inline().
  inlineHost(kernel, params, input, encoding) {
    const row = this.#rt.kernels[kernel];
    // node:crypto has no truncated BLAKE2 (its length is part of the parameter block): the
    // portable kernel has, as wasm/host_kernels.cpp sends such states there too.
    if (row.kind !== 'xof' && params.outputLength !== row.digestSize) return this.inline(kernel, params, input, encoding);
    if (!this.#rt.turns.inBudget()) return undefined;
    const digest = this.#rt.platform.hostCrypto.hash(row.name, input.bytes, row.kind === 'xof' ? params.outputLength : undefined);
    return this.#rt.platform.result(digest, encoding);
  }

  // HMAC inline, for a key no longer than the block (longer keys are hashed first, streamed).
  inlineHmac(kernel, key, input, digestLength, encoding) {
    if (input.bytes === null || input.length > INLINE_BYTES || !this.#rt.turns.inBudget()) return undefined;
    const { heap, arena, engine, bridge } = this.#rt;
    const block = arena.take('an hmac call', key.length + input.length + digestLength);
    try {
      heap.write(block.ptr, key.bytes);
      heap.write(block.ptr + key.length, input.bytes);
      const out = block.ptr + key.length + input.length;
      const code = engine.hmacInline(kernel, block.ptr, key.length, block.ptr + key.length, input.length, out);
      heap.wipe(block.ptr, key.length);
      if (code < 0) throw bridge.engineError();
      return this.#rt.platform.results(heap.u8(), out, 1, digestLength, encoding)[0];
    } finally {
      arena.give(block);
    }
  }

  // Joins the call to this turn's group for its kernel, parameters and encoding. @return a
  // Promise of its result; end(error?) is called just before it settles (backend.js).
  // @return undefined, having done nothing, when the staging budget has no room for another
  // group now: the call then streams, waiting its turn like any other.
  coalesce(kernel, params, input, signal, encoding, end) {
    // Calls with the same options share a group however they spelled them: a frozen params
    // object is the kernel's plain one (js/args/hash-params.js plainParams), any other is keyed by value.
    const key = Object.isFrozen(params) ? params : `${kernel}/${params.outputLength}/${params.seedLo}/${params.seedHi}`;
    let byEncoding = this.#groups.get(key);
    let group = byEncoding?.get(encoding);
    if (group !== undefined && (group.used + input.length > group.data.size || group.resolves.length === GROUP_COUNT ||
      (group.resolves.length + 1) * params.outputLength > GROUP_BYTES)) {
      this.#submit(group);
      group = undefined;
    }
    if (group === undefined) {
      if (!this.#staging.tryAcquire(GROUP_HELD)) return undefined;
      group = this.#open(kernel, params, encoding, input.length, end);
      group.key = key;
      if (byEncoding === undefined) this.#groups.set(key, (byEncoding = new Map()));
      byEncoding.set(encoding, group);
    }
    this.#rt.heap.write(group.data.ptr + group.used, input.bytes);
    const k = group.resolves.length;
    group.offsets.push(group.used);
    group.used += input.length;
    // Parallel arrays, not an object per call: 100,000 calls in flight are 100,000 of each.
    const promise = new Promise(capture);
    group.resolves.push(captured.resolve);
    group.rejects.push(captured.reject);
    captured.resolve = captured.reject = null;
    if (signal !== undefined) this.#watch(group, k, signal);
    return promise;
  }

  // An abort rejects the call at once; the group still hashes its bytes, and drops the digest.
  #watch(group, k, signal) {
    group.settled ??= [];
    group.unsubscribes ??= [];
    group.unsubscribes[k] = onAbort(signal, (reason) => {
      if (group.settled[k]) return;
      group.settled[k] = true;
      // One error for both: an Error's stack is most of an abort's cost (33 µs for two).
      const error = abortError(reason);
      group.end(error);
      group.rejects[k](error);
    });
  }

  #open(kernel, params, encoding, first, end) {
    const data = this.#rt.arena.take('a group of small calls', Math.max(GROUP_BYTES, first));
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      // At the end of this turn's synchronous work: every call made in it is in its group.
      queueMicrotask(() => this.#flushAll());
    }
    return { kernel, params, encoding, end, data, used: 0, offsets: [], resolves: [], rejects: [], settled: null, unsubscribes: null };
  }

  #flushAll() {
    this.#flushScheduled = false;
    const groups = [];
    for (const byEncoding of this.#groups.values()) for (const group of byEncoding.values()) groups.push(group);
    this.#groups.clear();
    for (const group of groups) this.#submit(group);
  }

  // One crossing for the group: its offsets and digests in a second block, then submitBatch.
  #submit(group) {
    this.#groups.get(group.key)?.delete(group.encoding);
    const rt = this.#rt;
    const { heap, arena, engine, bridge } = rt;
    const count = group.resolves.length;
    const digestLength = group.params.outputLength;
    const digestsAt = align(CONTROL_BYTES + 4 * (count + 1), 8);
    let tables;
    let job;
    try {
      tables = arena.take('a group of small calls', heapBytes('a group of small calls', digestsAt, count * digestLength));
      resetControl(heap, tables.ptr);
      // Straight into the heap: a typed array per group would be a backing store to free.
      const u32 = heap.u32();
      const at = (tables.ptr + CONTROL_BYTES) >>> 2;
      u32.set(group.offsets, at);
      u32[at + count] = group.used;
      job = bridge.submit(() => engine.submitBatch(group.kernel, digestLength, 0, 0, 0, group.params.seedLo,
        group.params.seedHi, group.data.ptr, tables.ptr + CONTROL_BYTES, count, tables.ptr + digestsAt, tables.ptr));
    } catch (error) {
      job = { done: Promise.reject(error) };
    }
    job.done.then(() => {
      // One copy out, so the heap blocks go back now; each slice encodes only its own digests.
      const digests = heap.read(tables.ptr + digestsAt, count * digestLength);
      this.#release(group, tables);
      this.#distribute(group, 0, digests, undefined);
    }, (error) => {
      this.#release(group, tables);
      this.#distribute(group, 0, undefined, error);
    });
  }

  // A crashed or destroyed pool is dropped whole: its heap is never touched again.
  #release(group, tables) {
    if (!this.#rt.live()) return;
    const { arena } = this.#rt;
    arena.give(group.data);
    if (tables !== undefined) arena.give(tables);
    this.#staging.release(GROUP_HELD);
  }

  // Settles the group's calls from `from` on, DISTRIBUTE at a time, each slice its own unit of
  // the turn budget: with `digests` (all of them, back to back), resolves them; else rejects
  // them with `error`.
  #distribute(group, from, digests, error) {
    const count = group.resolves.length;
    const to = Math.min(count, from + DISTRIBUTE);
    const size = group.params.outputLength;
    const results = digests === undefined ? undefined
      : this.#rt.platform.results(digests, from * size, to - from, size, group.encoding);
    for (let k = from; k < to; k++) {
      if (group.settled !== null) {
        group.unsubscribes[k]?.();
        if (group.settled[k]) continue;
      }
      group.end(error);
      if (results !== undefined) group.resolves[k](results[k - from]);
      else group.rejects[k](error);
    }
    if (to < count) this.#rt.turns.defer(() => this.#distribute(group, to, digests, error));
  }
}

module.exports = { SmallCalls, INLINE_BYTES, COALESCE_BYTES };
