'use strict';
// Runs validated calls on the engine: streams for hash and hmac, batches for hashMany, one
// generic job for every key derivation. Knows the heap and the engine; knows nothing about
// argument validation or the pool's lifecycle.

const { ByteBudget } = require('./byte-budget');
const { abortError, outOfMemory } = require('../args/errors');
const { EngineStream, CHUNK_BYTES, slotsFor } = require('./engine-stream');
const { StreamHandles } = require('./stream-handles');
const { DeriveJob } = require('./derive-job');
const { planBatches, batchLayout, stageBatch, collectBatch } = require('./batch');
const { onAbort } = require('../args/signal');
const { heapBytes } = require('./sizes');
const { plainParams } = require('../args/hash-params');
const { requestStop } = require('./job-control');
const { intactBytes, asAbort } = require('./caller');

// The chunk of a stream that does not grow (hashFiles' many at once).
const SMALL_CHUNK_BYTES = 512 * 1024;

// Heap bytes all calls together may hold for staging; later calls wait their turn.
const STAGING_BYTES = 256 * 1024 * 1024;
// Heap bytes that memory-hard calls (Argon2's blocks, scrypt's V) may hold at once; more calls
// wait their turn. Without it, threads × memoryCost could exceed the 2 GiB heap and fail calls
// that would succeed one after another.
const KDF_BYTES = 1536 * 1024 * 1024;
// What the heap can hold at all, less room for the runtime and staging.
const HEAP_BYTES = 2048 * 1024 * 1024;

// Work memory from which a derivation gets the staging arena's free extents (js/engine/arena.js).
const LARGE_WORK_BYTES = 256 * 1024 * 1024;

class JobRunner {
  #rt;
  #budget = new ByteBudget(STAGING_BYTES);
  #kdfBudget = new ByteBudget(KDF_BYTES);
  #streams;

  // runtime: { heap, arena, bridge, engine, turns, threads, kernels, kdfs, platform, live(),
  // failure() }.
  constructor(runtime) {
    this.#rt = runtime;
    this.#streams = new StreamHandles(runtime, this.#budget, (bytes, signal) => this.#reserve(bytes, signal));
  }

  // The staging budget, shared with the coalesced small calls (js/engine/small-calls.js).
  get staging() {
    return this.#budget;
  }

  // Calls waiting for staging memory.
  get waiting() {
    return this.#budget.queued;
  }

  rejectWaiting(error) {
    this.#budget.rejectAll(error);
    this.#kdfBudget.rejectAll(error);
  }

  // The digest (a fresh Uint8Array) of `input` ({ bytes, length, name }) with kernel number
  // `kernel` and params { outputLength, secretKind, secret, seedLo, seedHi } validated by the
  // pool; HMAC when `hmacKey` (an input like `input`) is given.
  async digest(kernel, input, signal, params, hmacKey) {
    const rt = this.#rt;
    if (this.#longKey(kernel, hmacKey)) hmacKey = await this.#keyDigest(kernel, hmacKey, signal);
    const createState = this.#stateFor(kernel, params, hmacKey);
    const digestLength = params.outputLength;
    const shape = EngineStream.footprint(rt.threads, input.length, digestLength);
    await this.#reserve(heapBytes('a hash call', shape.bytes), signal);
    let stream = null;
    const unsubscribe = onAbort(signal, () => stream?.stop());
    try {
      // Making the state is main-thread work too (an HMAC key copied in and absorbed), and so is
      // the first chunk's copy that follows at once: one turn for both, not two waits in line.
      const firstCopy = input.bytes === null ? 0 : Math.min(input.length, CHUNK_BYTES);
      const turn = rt.turns.admit(firstCopy);
      if (turn) await turn;
      if (!rt.live()) throw rt.failure();
      if (signal?.aborted) throw abortError(signal.reason);
      stream = new EngineStream(rt, createState, shape, digestLength);
      if (input.bytes === null) await stream.writeString(input.string, input.name, input.maxLength, true);
      else await stream.write(input.bytes, input.length, input.name, true, input.index, true);
      return await stream.finish();
    } catch (error) {
      throw asAbort(error, signal);
    } finally {
      unsubscribe();
      if (stream) await stream.close();
      if (rt.live()) this.#budget.release(shape.bytes);
    }
  }

  // An open stream, fed piece by piece (createHash, createHmac, hashStream, hashFile): it starts
  // with two chunks of staging and adds more, up to slotsFor(threads), while the staging budget
  // has room and the source outruns the threads. HMAC when `hmacKey` is given. `grow: false`
  // keeps it at two chunks: hashFiles runs many streams at once, each on its own thread, and
  // two chunks keep a thread busy when reads come from the page cache.
  // @return { push(bytes), pushFrom(read), end() → digest, clone() → another, stop(), close() }
  async open(kernel, params, hmacKey, signal, { grow = true } = {}) {
    // Without growth the streams are many and each its thread's only work: smaller chunks keep
    // their staging (and the process's memory) small at no cost in speed.
    const chunk = grow ? CHUNK_BYTES : SMALL_CHUNK_BYTES;
    if (this.#longKey(kernel, hmacKey)) hmacKey = await this.#keyDigest(kernel, hmacKey, signal);
    const createState = this.#stateFor(kernel, params, hmacKey);
    return this.#streams.open(createState, params.outputLength, signal, { chunk, maxSlots: grow ? slotsFor(this.#rt.threads) : 2 });
  }

  // RFC 2104: a key longer than the block is replaced by its digest (#keyDigest). Streamed like
  // any input, so a key of any size costs no more heap than a chunk.
  #longKey(kernel, hmacKey) {
    return hmacKey !== undefined && hmacKey.length > this.#rt.kernels[kernel].blockSize;
  }

  // @return the digest of a long HMAC key, as a key input.
  async #keyDigest(kernel, hmacKey, signal) {
    const digest = await this.digest(kernel, hmacKey, signal, plainParams(this.#rt.kernels[kernel]));
    return { bytes: digest, length: digest.byteLength, name: hmacKey.name, index: -1 };
  }

  // @return () → the engine's return for a new state of `kernel` with `params`, or an HMAC state
  // keyed with `hmacKey` when it is given.
  #stateFor(kernel, params, hmacKey) {
    const { arena, heap, engine } = this.#rt;
    if (hmacKey !== undefined) {
      return () => arena.withCopy(heap, intactBytes(hmacKey), (ptr, len) => engine.createHmacState(kernel, ptr, len));
    }
    return () => arena.withCopy(heap, params.secret, (ptr, len) =>
      engine.createState(kernel, params.outputLength, params.secretKind, ptr, len, params.seedLo, params.seedHi));
  }

  // Digests of `inputs` (an InputList), in order, as the caller gets them
  // (encoded, or Buffers in Node). Small inputs go in batches, each one engine job that fans
  // out over the threads; batch k+1 is copied while batch k hashes. Inputs too large for a
  // batch stream on their own, alongside.
  async digestMany(kernel, inputs, signal, params, encoding) {
    const results = new Array(inputs.count);
    const { batches, alone } = planBatches(inputs, params.outputLength);
    const work = [
      this.#runBatches(kernel, inputs, batches, results, signal, params, encoding),
      ...alone.map((i) => this.digest(kernel, inputs.input(i), signal, params)
        .then((d) => void (results[i] = this.#rt.platform.result(d, encoding)))),
    ];
    // Wait for all, not the first failure: each part frees its own heap when it ends, and the
    // pool must not count this call finished while any part still uses the engine.
    const failed = (await Promise.allSettled(work)).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return results;
  }

  async #runBatches(kernel, inputs, batches, results, signal, params, encoding) {
    const rt = this.#rt;
    const staged = []; // submitted, not yet read back: at most two
    const stop = (s) => {
      requestStop(rt.heap, s.block);
      rt.engine.cancel(s.job.id);
    };
    const unsubscribe = onAbort(signal, () => staged.forEach(stop));
    const release = async (s) => {
      await s.job.done.catch(() => {});
      if (!rt.live()) return;
      rt.arena.give(s.staged);
      this.#budget.release(s.layout.held);
    };
    try {
      for (const batch of batches) {
        if (signal?.aborted) throw abortError(signal.reason);
        const { held } = batchLayout(batch, params.outputLength);
        await this.#reserve(held, signal);
        const turn = rt.turns.admit(held); // copying a batch in is main-thread work
        if (turn) await turn;
        // Aborted while it waited: a batch staged now would be one the abort never stopped.
        if (signal?.aborted) throw abortError(signal.reason);
        try {
          staged.push(stageBatch(rt, kernel, params, inputs, batch));
        } catch (error) {
          this.#budget.release(held);
          throw error;
        }
        if (staged.length > 1) await this.#collect(staged, params, encoding, results, release);
      }
      while (staged.length > 0) await this.#collect(staged, params, encoding, results, release);
    } catch (error) {
      staged.forEach(stop);
      throw asAbort(error, signal);
    } finally {
      unsubscribe();
      await Promise.all(staged.splice(0).map(release));
    }
  }

  async #collect(staged, params, encoding, results, release) {
    const s = staged[0];
    await s.job.done;
    staged.shift();
    collectBatch(this.#rt, s, params.outputLength, encoding, results);
    await release(s);
  }

  // One key derivation with KDF number `kdf` (kdfs.def): `numbers` (up to 4) and `inputs` (up
  // to 4 inputs { bytes, length, name }) as its row says, `outLength` bytes out, `memoryBytes` of work memory held
  // against the memory-hard budget. onProgress(units done) runs on this thread as the job
  // reports progress (Argon2: after passes), in the caller's async context; a throwing listener
  // stops the job and the call rejects with its error. @return a fresh Uint8Array.
  async derive(kdf, numbers, inputs, outLength, memoryBytes, signal, onProgress) {
    const rt = this.#rt;
    if (memoryBytes > HEAP_BYTES) {
      throw outOfMemory(`This derivation needs ${memoryBytes} bytes of work memory; the WebAssembly heap holds at most ${HEAP_BYTES}`);
    }
    const footprint = DeriveJob.footprint(outLength, inputs);
    await this.#reserve(footprint, signal);
    let memoryHeld = false;
    const job = new DeriveJob(rt, signal);
    try {
      const wait = this.#kdfBudget.acquire(memoryBytes, signal, () => abortError(signal?.reason));
      if (wait) await wait;
      memoryHeld = true;
      if (signal?.aborted) throw abortError(signal.reason);
      // Work memory this large needs the heap's room more than free staging extents do.
      if (memoryBytes >= LARGE_WORK_BYTES) rt.arena.trim();
      const turn = rt.turns.admit(); // copying the inputs is main-thread work
      if (turn) await turn;
      if (signal?.aborted) throw abortError(signal.reason);
      job.stage(footprint, outLength, inputs);
      return await job.run(kdf, numbers, onProgress);
    } catch (error) {
      throw asAbort(error, signal);
    } finally {
      await job.close();
      if (rt.live()) {
        if (memoryHeld) this.#kdfBudget.release(memoryBytes);
        this.#budget.release(footprint);
      }
    }
  }

  // Waits, if need be, for `bytes` of the staging budget; fails if the pool stopped meanwhile.
  async #reserve(bytes, signal) {
    const wait = this.#budget.acquire(bytes, signal, () => abortError(signal?.reason));
    if (wait) await wait;
    if (!this.#rt.live()) {
      this.#budget.release(bytes);
      throw this.#rt.failure();
    }
  }
}

module.exports = { JobRunner, CHUNK_BYTES };
