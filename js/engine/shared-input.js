'use strict';
// Inputs that already lie in shared memory, hashed where they lie.
//
// A caller's SharedArrayBuffer is readable from every thread of the process, and node:crypto on
// a pool thread hashes a view of it as well as one of the heap. Copying such an input into the
// heap is then pure cost on this thread: 64 inputs of 4 MiB are 256 MiB of copying, which kept
// the pool at 0.76× a piscina pool whose workers hash the shared bytes in place (issue 19's
// first row). So, for the kernels the threads run through node:crypto, this path hands the
// threads the buffer once and each call only its range.
//
// How the threads get the buffer: a SharedArrayBuffer crosses threads only by postMessage. The
// pool's threads never return to their event loops, so each one takes its messages itself,
// synchronously (receiveMessageOnPort on a BroadcastChannel of this pool's own, opened on every
// thread when the pool starts: wasm/host_crypto.post.js). A buffer is posted once, under a
// number, the first time it is hashed here, and its number again, alone, once this thread's
// FinalizationRegistry sees the caller let go of it; the threads then drop it at their next
// upkeep, which those releases schedule.
//
// What that cannot do is free the memory. A buffer's memory goes once no thread's heap has an
// object for it, and a pool thread, which never returns to its event loop, collects its heap
// only when it allocates enough, which hashing in place hardly does: 48 buffers of 32 MiB, each
// hashed once and dropped, stayed resident (1.5 GiB). There is no way to collect a thread's heap
// from inside (the inspector's collectGarbage runs as a task of the thread's event loop), and
// this thread's FinalizationRegistry cannot be the measure either: without a collection here,
// it never runs. So a pool hands its threads at most REGISTERED_BYTES of distinct buffers (or
// its first one, whatever its size), counted when handed over and never given back; later new
// buffers are copied in as any other input, while those already handed over keep their path.
// What the threads can hold is bounded by that. A program that keeps its SharedArrayBuffers, as
// they are used, stays under it; one that makes a fresh one per call gets the speed for its
// first 512 MiB of buffers.
//
// The README's rule holds as for every input: leave it unchanged until the call settles.
// Where the threads do not hash it (the host dropped the kernel meanwhile; a thread lacks the
// buffer), the call is hashed by copying, as any other input: never a wrong or lost digest.

const { CONTROL_BYTES, resetControl, requestStop, progressOf } = require('./job-control');
const { sharedSpan } = require('../args/input');
const { onAbort } = require('../args/signal');
const { abortError } = require('../args/errors');
const { asAbort } = require('./caller');

// src/engine/host_kernels.hpp: SharedOutcome.
const MISSING = 2;
// Inputs smaller than this are copied: a copy of 64 KiB costs less than this path's messages.
const MIN_BYTES = 64 * 1024;
// Releases gathered before the threads are asked to drop them (and at most this long after).
const UPKEEP_MS = 1000;
// Bytes of distinct buffers a pool hands its threads (see the top).
const REGISTERED_BYTES = 512 * 1024 * 1024;
// Buffers a thread lacked, posted again, before this pool stops trying: the channel is broken.
const MAX_MISSES = 16;

class SharedInputs {
  #rt;
  #channel; // this pool's number for its BroadcastChannel
  #port; // its sending end, or null where there is none
  #numbers = new WeakMap(); // SharedArrayBuffer → its number
  #next = 1;
  #released;
  #registeredBytes = 0;
  #misses = 0;
  #cancelUpkeep = null; // cancels the timer that asks every thread to drop released buffers

  // openChannel() → { number, port } (a BroadcastChannel named after number, unique in the
  // process), or undefined where the platform has no host kernels.
  constructor(rt, openChannel) {
    this.#rt = rt;
    const usable = typeof rt.engine.submitSharedHash === 'function' && typeof rt.module.enableSharedSources === 'function';
    const opened = usable ? openChannel?.() : undefined;
    this.#channel = opened?.number ?? 0;
    this.#port = opened?.port ?? null;
    this.#released = new FinalizationRegistry((number) => this.#release(number));
  }

  // Opens the channel on every thread before anything is posted to it (a BroadcastChannel only
  // receives what is posted after it exists). @return a Promise that settles once all have.
  async open() {
    if (this.#port === null) return;
    const rt = this.#rt;
    rt.module.enableSharedSources();
    const jobs = [];
    for (let worker = 0; worker < rt.threads; worker++) {
      jobs.push(rt.bridge.submit(() => rt.engine.submitSharedUpkeep(worker, this.#channel)).done);
    }
    const failed = (await Promise.allSettled(jobs)).some((r) => r.status === 'rejected');
    if (failed) this.close();
  }

  // Whether this call's input goes this way: as wasm/host_kernels.cpp's hash_shared runs it, no
  // key, seed or context, and the kernel's own length unless it is an XOF.
  // @pre the kernel (row `row`) runs on the host for new states.
  // @return where the input lies (sharedSpan's answer, for digest()), or undefined: copy it.
  accepts(input, params, row) {
    if (this.#port === null || input.bytes === null || input.length < MIN_BYTES || params.secretKind !== 0 ||
      params.seedLo !== 0 || params.seedHi !== 0 || (row.kind !== 'xof' && params.outputLength !== row.digestSize)) {
      return undefined;
    }
    const span = sharedSpan(input.bytes, this.#rt.heap.u8().buffer);
    if (span === undefined || this.#numbers.has(span.buffer)) return span;
    const fits = this.#registeredBytes === 0 || this.#registeredBytes + span.bufferBytes <= REGISTERED_BYTES;
    return fits ? span : undefined;
  }

  // The digest (a fresh Uint8Array) of `input`, which lies at `span` (accepts()), with kernel
  // number `kernel`, or undefined when the threads declined it (the caller then copies it in).
  async digest(kernel, input, span, signal, params) {
    const rt = this.#rt;
    const { buffer, offset, bufferBytes } = span;
    const number = this.#numberOf(buffer, bufferBytes);
    const block = rt.arena.take('a hash call', CONTROL_BYTES + params.outputLength);
    let job = null;
    const stop = () => {
      requestStop(rt.heap, block.ptr);
      if (job) rt.engine.cancel(job.id);
    };
    const unsubscribe = onAbort(signal, stop);
    try {
      if (signal?.aborted) throw abortError(signal.reason);
      resetControl(rt.heap, block.ptr);
      job = rt.bridge.submit(() => rt.engine.submitSharedHash(kernel, params.outputLength, this.#channel, number,
        offset, input.length, block.ptr + CONTROL_BYTES, block.ptr));
      await job.done;
      const outcome = progressOf(rt.heap, block.ptr);
      if (outcome === MISSING) this.#missed(number, buffer);
      if (outcome !== 0) return undefined;
      return rt.heap.read(block.ptr + CONTROL_BYTES, params.outputLength);
    } catch (error) {
      throw asAbort(error, signal);
    } finally {
      unsubscribe();
      if (job) await job.done.catch(() => {});
      if (rt.live()) rt.arena.give(block);
    }
  }

  // The channel's name, for the tests (a test posts to it what a thread could miss).
  get channelName() {
    return this.#port === null ? undefined : `parahash-shared-input:${this.#channel}`;
  }

  close() {
    this.#port?.close();
    this.#port = null;
    this.#cancelUpkeep?.();
    this.#cancelUpkeep = null;
  }

  #numberOf(buffer, bytes) {
    let number = this.#numbers.get(buffer);
    if (number === undefined) {
      number = this.#next++;
      this.#port.postMessage({ number, buffer });
      this.#numbers.set(buffer, number);
      this.#registeredBytes += bytes;
      this.#released.register(buffer, number);
    }
    return number;
  }

  // A thread lacked buffer `number` (or held a shorter one under it): posted again, under the
  // same number, so the next call finds it. A channel that keeps losing them is given up.
  #missed(number, buffer) {
    if (this.#port === null) return;
    if (++this.#misses > MAX_MISSES) {
      this.close();
      return;
    }
    this.#port.postMessage({ number, buffer });
  }

  #release(number) {
    if (this.#port === null || !this.#rt.live()) return;
    this.#port.postMessage({ number });
    if (this.#cancelUpkeep !== null) return;
    this.#cancelUpkeep = this.#rt.platform.timer(() => {
      this.#cancelUpkeep = null;
      // A timer's throw would end the process; a pool that crashed meanwhile refuses the submit.
      try {
        if (this.#port === null || !this.#rt.live()) return;
        for (let worker = 0; worker < this.#rt.threads; worker++) {
          this.#rt.bridge.submit(() => this.#rt.engine.submitSharedUpkeep(worker, this.#channel)).done.catch(() => {});
        }
      } catch {
        // Nothing to drop in a pool that is gone.
      }
    }, UPKEEP_MS);
  }
}

module.exports = { SharedInputs };
