'use strict';
// Moves inputs into the shared heap, submits engine jobs, and reads the digests back. Knows the
// heap and the engine; knows nothing about argument validation or the pool's lifecycle.

const { ByteBudget } = require('./byte-budget');
const { codes, parahashError } = require('./errors');

// Large inputs cross into the heap one chunk at a time: each copy is one short synchronous
// stretch (2 MiB ≈ 0.2–1.5 ms). Several chunks are in flight: the engine runs one state's
// chunks in order and starts the next the moment the previous ends, so the threads keep
// hashing while this thread waits to be scheduled, notices a completion, and copies the next
// chunk. BLAKE3 spreads each chunk over every thread, so the queue deepens with the thread count
// (on 2 cores, 3 chunks left the threads idle; 6 did not). Staging per call: slots × 2 MiB.
const CHUNK_BYTES = 2 * 1024 * 1024;
const slotsFor = (threads) => Math.min(16, 2 + 2 * threads);
// Heap bytes all jobs together may hold for staging; later jobs wait their turn.
const STAGING_BYTES = 256 * 1024 * 1024;
// hashMany packs inputs of at most CHUNK_BYTES into batches of this size: one crossing each, and
// a copy short enough not to stall the loop. Larger inputs stream like hash() calls.
const BATCH_BYTES = 8 * 1024 * 1024;
const BATCH_COUNT = 16384;

// Heap bytes that memory-hard calls (Argon2's blocks) may hold at once; more calls wait their
// turn. Without it, threads × memoryCost could exceed the 2 GiB heap and fail calls that would
// succeed one after another.
const KDF_BYTES = 1536 * 1024 * 1024;
// What the heap can hold at all, less room for the runtime and staging.
const HEAP_BYTES = 2048 * 1024 * 1024;

const abortedError = (signal) =>
  parahashError(codes.ABORTED, 'The operation was aborted', { cause: signal?.reason });

const outOfMemory = (bytes) =>
  parahashError(codes.OUT_OF_MEMORY, `The WebAssembly heap could not provide ${bytes} bytes`);

class JobRunner {
  #rt;
  #pool; // { running(): bool, failure(): Error }
  #budget = new ByteBudget(STAGING_BYTES);
  #kdfBudget = new ByteBudget(KDF_BYTES);

  constructor(runtime, pool) {
    this.#rt = runtime;
    this.#pool = pool;
  }

  // Calls waiting for staging memory.
  get waiting() {
    return this.#budget.queued;
  }

  rejectWaiting(error) {
    this.#budget.rejectAll(error);
    this.#kdfBudget.rejectAll(error);
  }

  // Streams `bytes` through the kernel in chunks — HMAC when `hmacKey` (a Uint8Array) is
  // given — and returns the digest (a fresh Uint8Array). params: { outputLength, secretKind,
  // secret, seedLo, seedHi }, validated by the pool against the kernel's row.
  async digest(kernel, bytes, signal, params, hmacKey) {
    const { module, engine, bridge } = this.#rt;
    const digestSize = params.outputLength;
    const total = bytes.byteLength;
    const chunk = Math.min(total, CHUNK_BYTES);
    const slots = Math.min(slotsFor(this.#rt.threads), Math.max(1, Math.ceil(total / CHUNK_BYTES)));
    const footprint = slots * chunk + digestSize;

    await this.#reserve(footprint, signal);
    let state = 0;
    const buffers = [];
    const inFlight = []; // { id, done, buffer }, oldest first
    // Newest first: a waiting chunk leaves at once and cannot start in between.
    const onAbort = () => inFlight.slice().reverse().forEach((job) => engine.cancel(job.id));
    signal?.addEventListener('abort', onAbort);
    try {
      state = hmacKey === undefined
        ? this.#withHeapCopy(params.secret, (ptr, len) =>
          engine.createState(kernel, digestSize, params.secretKind, ptr, len, params.seedLo, params.seedHi))
        : this.#withHeapCopy(hmacKey, (ptr, len) => engine.createHmacState(kernel, ptr, len));
      for (let s = 0; state !== 0 && s < slots; s++) {
        const ptr = module._malloc(s === 0 ? chunk + digestSize : chunk) >>> 0;
        if (ptr === 0) break;
        buffers.push(ptr);
      }
      if (state === 0 || buffers.length < slots) throw outOfMemory(footprint);
      const out = buffers[0] + chunk;
      const free = buffers.slice();
      let offset = 0;
      do {
        if (free.length === 0) {
          const oldest = inFlight.shift();
          await oldest.done;
          free.push(oldest.buffer);
        }
        if (signal?.aborted) throw abortedError(signal);
        const n = Math.min(CHUNK_BYTES, total - offset);
        const buffer = free.pop();
        bridge.heapU8().set(bytes.subarray(offset, offset + n), buffer);
        offset += n;
        const last = offset === total;
        inFlight.push({ ...bridge.submitHash(state, buffer, n, last ? out : 0, last ? digestSize : 0), buffer });
      } while (offset < total);
      while (inFlight.length > 0) await inFlight.shift().done;
      return bridge.heapU8().slice(out, out + digestSize);
    } catch (error) {
      throw error.code === codes.ABORTED ? abortedError(signal) : error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // A crashed or destroyed pool is dropped whole; its heap is never touched again.
      if (this.#pool.running()) {
        onAbort(); // after a failure, chunks still waiting have nothing left to do
        for (const job of inFlight) await job.done.catch(() => {});
        for (const ptr of buffers) module._free(ptr);
        if (state !== 0) engine.destroyState(state);
        this.#budget.release(footprint);
      }
    }
  }

  // One Argon2 hash (type: 0 d, 1 i, 2 id) of checked options (argon2-options.js); the tag as a
  // fresh Uint8Array. onProgress({ passesDone, passesTotal }) runs on this thread after each pass;
  // `signal` stops the hash at the next pass boundary.
  async argon2(type, o, memoryBytes, signal, onProgress) {
    const { module, bridge } = this.#rt;
    if (memoryBytes > HEAP_BYTES) {
      throw outOfMemory(memoryBytes);
    }
    const inputs = [o.password, o.salt, o.secret, o.associatedData];
    const inputBytes = inputs.reduce((n, b) => n + b.byteLength, 0);
    const footprint = 8 + o.hashLength + inputBytes; // [control: 2 × int32 | tag | inputs]
    await this.#reserve(footprint, signal);
    let memoryHeld = false;
    let listenerError = null;
    let ptr = 0;
    let job = null;
    const stop = () => {
      if (!job) return;
      Atomics.store(bridge.int32(), (ptr >>> 2) + 1, 1);
      this.#rt.engine.cancel(job.id);
    };
    try {
      const wait = this.#kdfBudget.acquire(memoryBytes, signal, () => abortedError(signal));
      memoryHeld = true;
      if (wait) {
        try {
          await wait;
        } catch (error) {
          memoryHeld = false;
          throw error;
        }
      }
      if (signal?.aborted) throw abortedError(signal);
      ptr = module._malloc(footprint) >>> 0;
      if (ptr === 0) throw outOfMemory(footprint);
      const heap = bridge.heapU8();
      heap.fill(0, ptr, ptr + 8);
      const tag = ptr + 8;
      let at = tag + o.hashLength;
      const where = inputs.map((bytes) => {
        heap.set(bytes, at);
        at += bytes.byteLength;
        return [at - bytes.byteLength, bytes.byteLength];
      });
      job = bridge.submitArgon2(type, o.memoryCost, o.timeCost, o.parallelism, o.hashLength,
        ...where.flat(), tag, ptr);
      // The engine copied the inputs; the heap copy of the password goes now.
      bridge.heapU8().fill(0, tag + o.hashLength, at);
      signal?.addEventListener('abort', stop);
      if (onProgress) {
        let reported = 0;
        const id = job.id;
        bridge.until(() => {
          // Passes that ended before this thread woke are still reported, the last one included,
          // before the call settles.
          const done = Atomics.load(bridge.int32(), ptr >>> 2);
          if (done > reported) {
            reported = done;
            // A throwing listener must not break the completion loop: the hash stops and the
            // call rejects with the listener's error.
            try {
              onProgress({ passesDone: done, passesTotal: o.timeCost });
            } catch (error) {
              if (!listenerError) {
                listenerError = error;
                stop();
              }
            }
          }
          return !bridge.isPending(id);
        }).catch(() => {});
      }
      await job.done.catch((error) => { if (!listenerError) throw error; });
      if (listenerError) throw listenerError;
      return bridge.heapU8().slice(tag, tag + o.hashLength);
    } catch (error) {
      throw error.code === codes.ABORTED && signal?.aborted ? abortedError(signal) : error;
    } finally {
      signal?.removeEventListener('abort', stop);
      await this.#releaseKdf(job, ptr, footprint, memoryHeld ? memoryBytes : 0);
    }
  }

  // One key derivation job (PBKDF2, scrypt): `inputs` (Uint8Arrays) copied into the heap,
  // submit(pointers, out) queues the engine job, and the `outLength` bytes it writes come back
  // as a fresh Uint8Array. The inputs stay in the heap until the job ends (the engine reads
  // them in place), then are wiped. memoryBytes: block memory the job allocates, held against
  // the memory-hard budget so concurrent calls wait instead of running out of heap.
  async derive(inputs, outLength, memoryBytes, signal, submit) {
    const { module, bridge } = this.#rt;
    const inputBytes = inputs.reduce((n, b) => n + b.byteLength, 0);
    const footprint = outLength + inputBytes;
    await this.#reserve(footprint, signal);
    let memoryHeld = false;
    let ptr = 0;
    let job = null;
    const onAbort = () => job && this.#rt.engine.cancel(job.id); // leaves at once if still queued
    try {
      const wait = this.#kdfBudget.acquire(memoryBytes, signal, () => abortedError(signal));
      memoryHeld = wait === undefined;
      if (wait) {
        await wait;
        memoryHeld = true;
      }
      if (signal?.aborted) throw abortedError(signal);
      ptr = module._malloc(Math.max(1, footprint)) >>> 0;
      if (ptr === 0) throw outOfMemory(footprint);
      const heap = bridge.heapU8();
      let at = ptr + outLength;
      const where = inputs.map((b) => {
        heap.set(b, at);
        at += b.byteLength;
        return [at - b.byteLength, b.byteLength];
      });
      job = submit(where, ptr);
      signal?.addEventListener('abort', onAbort);
      await job.done;
      return bridge.heapU8().slice(ptr, ptr + outLength);
    } catch (error) {
      throw error.code === codes.ABORTED && signal?.aborted ? abortedError(signal) : error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await this.#releaseKdf(job, ptr, footprint, memoryHeld ? memoryBytes : 0);
    }
  }

  // After a KDF call's job has ended: its heap block (secrets and output) wiped and freed, its
  // staging bytes and heldMemory (0 if none) back in their budgets. A crashed or destroyed pool
  // is dropped whole instead.
  async #releaseKdf(job, ptr, footprint, heldMemory) {
    if (!this.#pool.running()) return;
    if (job) await job.done.catch(() => {});
    if (ptr !== 0) {
      this.#rt.bridge.heapU8().fill(0, ptr, ptr + footprint);
      this.#rt.module._free(ptr);
    }
    if (heldMemory > 0) this.#kdfBudget.release(heldMemory);
    this.#budget.release(footprint);
  }

  // Runs use(ptr, length) with a heap copy of `secret` — a key or a derive-key context — (or
  // 0, 0 when there is none). The engine
  // copies what it keeps, so the heap copy lives only for this call, and is wiped before it is
  // freed so no key bytes linger in the heap. @return use's result, or 0 when out of memory.
  #withHeapCopy(secret, use) {
    if (secret === undefined || secret.byteLength === 0) return use(0, 0);
    const { module, bridge } = this.#rt;
    const ptr = module._malloc(secret.byteLength) >>> 0;
    if (ptr === 0) return 0;
    bridge.heapU8().set(secret, ptr);
    try {
      return use(ptr, secret.byteLength);
    } finally {
      bridge.heapU8().fill(0, ptr, ptr + secret.byteLength);
      module._free(ptr);
    }
  }

  // Digests of `items` (Uint8Arrays), in order. Small inputs go in batches, each one engine job
  // that fans out over the threads; batch k+1 is copied while batch k hashes. Inputs above
  // CHUNK_BYTES stream on their own, alongside.
  async digestMany(kernel, items, signal, params) {
    const results = new Array(items.length);
    const batches = [];
    const large = [];
    let current = null;
    items.forEach((bytes, i) => {
      if (bytes.byteLength > CHUNK_BYTES) return void large.push(i);
      if (!current || current.bytes + bytes.byteLength > BATCH_BYTES || current.indices.length === BATCH_COUNT) {
        current = { indices: [], bytes: 0 };
        batches.push(current);
      }
      current.indices.push(i);
      current.bytes += bytes.byteLength;
    });
    const work = [
      this.#runBatches(kernel, items, batches, results, signal, params),
      ...large.map((i) => this.digest(kernel, items[i], signal, params).then((d) => void (results[i] = d))),
    ];
    // Wait for all, not the first failure: each part frees its own heap when it ends, and the
    // pool must not count this call finished while any part still uses the engine.
    const failed = (await Promise.allSettled(work)).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return results;
  }

  async #runBatches(kernel, items, batches, results, signal, params) {
    const { engine } = this.#rt;
    const staged = []; // submitted, not yet read back: at most two
    const onAbort = () => staged.forEach((s) => engine.cancel(s.job.id));
    signal?.addEventListener('abort', onAbort);
    try {
      for (const batch of batches) {
        if (signal?.aborted) throw abortedError(signal);
        staged.push(await this.#stageBatch(kernel, items, batch, signal, params));
        if (staged.length > 1) await this.#collectBatch(staged, results);
      }
      while (staged.length > 0) await this.#collectBatch(staged, results);
    } catch (error) {
      throw error.code === codes.ABORTED ? abortedError(signal) : error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (this.#pool.running()) {
        for (const s of staged.splice(0)) {
          await s.job.done.catch(() => {});
          this.#releaseBatch(s);
        }
      }
    }
  }

  // Copies one batch into a single heap block — [bytes | offsets (count + 1) × u32 | digests] —
  // and submits it.
  async #stageBatch(kernel, items, batch, signal, params) {
    const { module, bridge } = this.#rt;
    const digestSize = params.outputLength;
    const count = batch.indices.length;
    const offsetsAt = Math.ceil(batch.bytes / 4) * 4;
    const outAt = offsetsAt + 4 * (count + 1);
    const footprint = outAt + count * digestSize;
    await this.#reserve(footprint, signal);
    const ptr = module._malloc(footprint) >>> 0;
    if (ptr === 0) {
      this.#budget.release(footprint);
      throw outOfMemory(footprint);
    }
    const heap = bridge.heapU8();
    const offsets = new Uint32Array(count + 1);
    let at = 0;
    batch.indices.forEach((index, k) => {
      offsets[k] = at;
      heap.set(items[index], ptr + at);
      at += items[index].byteLength;
    });
    offsets[count] = at;
    heap.set(new Uint8Array(offsets.buffer), ptr + offsetsAt);
    const job = this.#withHeapCopy(params.secret, (secretPtr, secretLength) =>
      bridge.submitBatch(kernel, digestSize, params.secretKind, secretPtr, secretLength, params.seedLo,
        params.seedHi, ptr, ptr + offsetsAt, count, ptr + outAt));
    return { job, ptr, outAt, footprint, batch, digestSize };
  }

  // Waits for the oldest staged batch, copies its digests out, frees it.
  async #collectBatch(staged, results) {
    const s = staged[0];
    await s.job.done;
    staged.shift();
    const heap = this.#rt.bridge.heapU8();
    s.batch.indices.forEach((index, k) => {
      const at = s.ptr + s.outAt + k * s.digestSize;
      results[index] = heap.slice(at, at + s.digestSize);
    });
    this.#releaseBatch(s);
  }

  #releaseBatch(s) {
    this.#rt.module._free(s.ptr);
    this.#budget.release(s.footprint);
  }

  // Waits, if need be, for `bytes` of the staging budget; fails if the pool stopped meanwhile.
  async #reserve(bytes, signal) {
    const wait = this.#budget.acquire(bytes, signal, () => abortedError(signal));
    if (wait) await wait;
    if (!this.#pool.running()) {
      this.#budget.release(bytes);
      throw this.#pool.failure();
    }
  }
}

module.exports = { JobRunner, abortedError, CHUNK_BYTES };
