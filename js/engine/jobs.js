'use strict';
// Runs validated calls on the engine: streams for hash and hmac, batches for hashMany, one
// generic job for every key derivation. Knows the heap and the engine; knows nothing about
// argument validation or the pool's lifecycle.

const { ByteBudget } = require('./byte-budget');
const { codes, abortError, outOfMemory } = require('../args/errors');
const { EngineStream, CHUNK_BYTES, slotsFor } = require('./engine-stream');
const { StreamFeed } = require('./stream-feed');
const { blockSize } = require('./arena');
const { planBatches, batchLayout, stageBatch, collectBatch } = require('./batch');
const { onAbort } = require('../args/signal');
const { heapBytes } = require('./sizes');
const { checkIntact } = require('../args/input');
const { plainParams } = require('../args/hash-params');
const { CONTROL_BYTES, resetControl, requestStop, progressOf } = require('./job-control');

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

// A derivation's heap block: [control: 2 × int32 | inputs table: 4 × (address, length) | output | inputs].
const TABLE_BYTES = 32;

// The bytes of an input, once it is certain the caller has not detached or resized them since
// the call began.
function intactBytes(input) {
  checkIntact(input.bytes, input.length, input.name, input.index);
  return input.bytes;
}

// An engine refusal or a stop, seen by a call whose signal aborted, becomes that abort.
function asAbort(error, signal) {
  if (error?.code === codes.ABORTED && (signal === undefined || signal.aborted)) return abortError(signal?.reason);
  return error;
}

class JobRunner {
  #rt;
  #budget = new ByteBudget(STAGING_BYTES);
  #kdfBudget = new ByteBudget(KDF_BYTES);

  // runtime: { heap, arena, bridge, engine, turns, threads, kernels, kdfs, platform, live(),
  // failure() }.
  constructor(runtime) {
    this.#rt = runtime;
  }

  // Calls waiting for staging memory.
  // The staging budget, shared with the coalesced small calls (js/engine/small-calls.js).
  get staging() {
    return this.#budget;
  }

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
    if (hmacKey !== undefined && hmacKey.length > rt.kernels[kernel].blockSize) {
      // RFC 2104: a key longer than the block is replaced by its digest. Streamed like any
      // input, so a key of any size costs no more heap than a chunk.
      const digest = await this.digest(kernel, hmacKey, signal, plainParams(rt.kernels[kernel]));
      hmacKey = { bytes: digest, length: digest.byteLength, name: hmacKey.name };
    }
    const digestLength = params.outputLength;
    const shape = EngineStream.footprint(rt.threads, input.length, digestLength);
    await this.#reserve(heapBytes('a hash call', shape.bytes), signal);
    let stream = null;
    const unsubscribe = onAbort(signal, () => stream?.stop());
    try {
      if (signal?.aborted) throw abortError(signal.reason);
      const { engine } = rt;
      stream = new EngineStream(rt, () => (hmacKey === undefined
        ? rt.arena.withCopy(rt.heap, params.secret, (ptr, len) =>
          engine.createState(kernel, digestLength, params.secretKind, ptr, len, params.seedLo, params.seedHi))
        : rt.arena.withCopy(rt.heap, intactBytes(hmacKey), (ptr, len) => engine.createHmacState(kernel, ptr, len))),
      shape, digestLength);
      if (input.bytes === null) await stream.writeString(input.string, input.name, input.maxLength, true);
      else await stream.write(input.bytes, input.length, input.name, true, input.index);
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
    const rt = this.#rt;
    if (hmacKey !== undefined && hmacKey.length > rt.kernels[kernel].blockSize) {
      const digest = await this.digest(kernel, hmacKey, signal, plainParams(rt.kernels[kernel]));
      hmacKey = { bytes: digest, length: digest.byteLength, name: hmacKey.name, index: -1 };
    }
    const createState = () => (hmacKey === undefined
      ? rt.arena.withCopy(rt.heap, params.secret, (ptr, len) =>
        rt.engine.createState(kernel, params.outputLength, params.secretKind, ptr, len, params.seedLo, params.seedHi))
      : rt.arena.withCopy(rt.heap, intactBytes(hmacKey), (ptr, len) => rt.engine.createHmacState(kernel, ptr, len)));
    return this.#openWith(createState, params.outputLength, signal, { chunk, maxSlots: grow ? slotsFor(this.#rt.threads) : 2 });
  }

  async #openWith(createState, digestLength, signal, shape) {
    const held = await this.#reserveStream(digestLength, signal);
    let stream;
    try {
      stream = this.#feed(createState, digestLength, signal, shape);
    } catch (error) {
      this.#budget.release(held);
      throw error;
    }
    return this.#handle(stream, held, digestLength, signal, shape);
  }

  // What a fresh stream holds of the budget from the start: its control block. Its staging
  // slots come and go through its lease (#handle).
  async #reserveStream(digestLength, signal) {
    const held = blockSize(8 + digestLength);
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
      clone: guarded(async (cloneSignal, cloneLength = digestLength) => {
        const cloneHeld = await this.#reserveStream(cloneLength, cloneSignal);
        let copy;
        let fresh = null;
        try {
          copy = await stream.clone((createState) => {
            fresh = this.#feed(createState, cloneLength, cloneSignal, shape);
            return fresh;
          });
        } catch (error) {
          if (fresh !== null) await fresh.close();
          if (rt.live()) this.#budget.release(cloneHeld);
          throw error;
        }
        return this.#handle(copy, cloneHeld, cloneLength, cloneSignal, shape);
      }),
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
        const turn = rt.turns.admit(); // copying a batch in is main-thread work
        if (turn) await turn;
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
    const { heap, bridge, engine } = rt;
    if (memoryBytes > HEAP_BYTES) {
      throw outOfMemory(`This derivation needs ${memoryBytes} bytes of work memory; the WebAssembly heap holds at most ${HEAP_BYTES}`);
    }
    const inputBytes = inputs.reduce((n, input) => n + input.length, 0);
    const footprint = heapBytes('a key derivation', CONTROL_BYTES, TABLE_BYTES, outLength, inputBytes);
    await this.#reserve(footprint, signal);
    let memoryHeld = false;
    let staged = null;
    let block = 0;
    let job = null;
    let listenerError = null;
    let stopped = false; // asked to stop, perhaps before the job had a block to tell
    const stop = () => {
      stopped = true;
      if (block === 0) return;
      requestStop(heap, block);
      if (job) engine.cancel(job.id);
    };
    const unsubscribe = onAbort(signal, stop);
    try {
      const wait = this.#kdfBudget.acquire(memoryBytes, signal, () => abortError(signal?.reason));
      if (wait) await wait;
      memoryHeld = true;
      if (signal?.aborted) throw abortError(signal.reason);
      // Work memory this large needs the heap's room more than free staging extents do.
      if (memoryBytes >= LARGE_WORK_BYTES) rt.arena.trim();
      const turn = rt.turns.admit(); // copying the inputs is main-thread work
      if (turn) await turn;
      staged = rt.arena.take('a key derivation', footprint);
      block = staged.ptr;
      resetControl(heap, block);
      const out = block + CONTROL_BYTES + TABLE_BYTES;
      const table = new Uint32Array(8);
      let at = out + outLength;
      inputs.forEach((input, i) => {
        heap.write(at, intactBytes(input));
        table[2 * i] = input.length > 0 ? at : 0;
        table[2 * i + 1] = input.length;
        at += input.length;
      });
      heap.write(block + CONTROL_BYTES, new Uint8Array(table.buffer));
      const [n0 = 0, n1 = 0, n2 = 0, n3 = 0] = numbers;
      // An abort during the awaits above found no block to stop: it is honoured here.
      if (stopped) throw abortError(signal?.reason);
      job = bridge.submit(() => engine.submitDerive(kdf, n0, n1, n2, n3, block + CONTROL_BYTES, outLength, out, block));
      if (onProgress) this.#watchProgress(job, block, onProgress, (error) => {
        if (listenerError === null) {
          listenerError = error;
          stop();
        }
      });
      await job.done.catch((error) => { if (listenerError === null) throw error; });
      if (listenerError !== null) throw listenerError;
      return heap.read(out, outLength);
    } catch (error) {
      throw asAbort(error, signal);
    } finally {
      unsubscribe();
      if (job) await job.done.catch(() => {});
      if (rt.live()) {
        if (staged !== null) {
          heap.wipe(block, footprint);
          rt.arena.give(staged);
        }
        if (memoryHeld) this.#kdfBudget.release(memoryBytes);
        this.#budget.release(footprint);
      }
    }
  }

  // Reports the job's progress cell to onProgress whenever it moved, the last value included,
  // before the job's call settles.
  #watchProgress(job, block, onProgress, onThrow) {
    const { heap, bridge } = this.#rt;
    let reported = 0;
    bridge.until(() => {
      const done = progressOf(heap, block);
      if (done > reported) {
        reported = done;
        try {
          onProgress(done);
        } catch (error) {
          onThrow(error);
        }
      }
      return !bridge.isPending(job.id);
    }).catch(() => {});
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
