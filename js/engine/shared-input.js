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
// from inside (the inspector's collectGarbage runs as a task of the thread's event loop). So
// once the buffers this pool was given and that have since been let go of add up to
// RETAINED_BYTES, new buffers are copied in as any other input; buffers already known keep
// their path. The threads then hold at most what the caller held at its peak, plus
// RETAINED_BYTES. A program that keeps its SharedArrayBuffers, the way they are used, never
// meets the bound; one that makes a fresh one per call pays that much memory for the speed.
//
// The README's rule holds as for every input: leave it unchanged until the call settles.
// Where the host declines (the thread cannot reach the buffer: a BroadcastChannel missing), the
// call is hashed by copying, as any other input: never a wrong or lost digest.

const { CONTROL_BYTES, resetControl, requestStop, progressOf } = require('./job-control');
const { sharedSpan } = require('../args/input');
const { onAbort } = require('../args/signal');
const { abortError } = require('../args/errors');
const { asAbort } = require('./caller');

// src/engine/host_kernels.hpp: kSharedDeclined.
const DECLINED = 1;
// Inputs smaller than this are copied: a copy of 64 KiB costs less than this path's messages.
const MIN_BYTES = 64 * 1024;
// Releases gathered before the threads are asked to drop them (and at most this long after).
const UPKEEP_MS = 1000;
// Bytes of let-go buffers the threads may still hold before new buffers are copied instead.
const RETAINED_BYTES = 256 * 1024 * 1024;

class SharedInputs {
  #rt;
  #channel; // this pool's number for its BroadcastChannel
  #port; // its sending end, or null where there is none
  #numbers = new WeakMap(); // SharedArrayBuffer → its number
  #next = 1;
  #released;
  #releasedBytes = 0;
  #cancelUpkeep = null; // cancels the timer that asks every thread to drop released buffers

  // openChannel() → { number, port } (a BroadcastChannel named after number, unique in the
  // process), or undefined where the platform has no host kernels.
  constructor(rt, openChannel) {
    this.#rt = rt;
    const usable = typeof rt.engine.submitSharedHash === 'function' && typeof rt.module.enableSharedSources === 'function';
    const opened = usable ? openChannel?.() : undefined;
    this.#channel = opened?.number ?? 0;
    this.#port = opened?.port ?? null;
    this.#released = new FinalizationRegistry(({ number, bytes }) => this.#release(number, bytes));
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

  // Whether this call's input goes this way. @pre the kernel runs on the host for new states.
  accepts(input, params) {
    if (this.#port === null || input.bytes === null || input.length < MIN_BYTES || params.secretKind !== 0 ||
      params.seedLo !== 0 || params.seedHi !== 0) return false;
    const span = sharedSpan(input.bytes, this.#rt.heap.u8().buffer);
    return span !== undefined && (this.#releasedBytes < RETAINED_BYTES || this.#numbers.has(span.buffer));
  }

  // The digest (a fresh Uint8Array) of `input` with kernel number `kernel`, or undefined when
  // the threads declined it (the caller then copies it in).
  async digest(kernel, input, signal, params) {
    const rt = this.#rt;
    const { buffer, offset, bufferLength } = sharedSpan(input.bytes, rt.heap.u8().buffer);
    const number = this.#numberOf(buffer, bufferLength);
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
      if (progressOf(rt.heap, block.ptr) === DECLINED) {
        // Posted again under a new number next time: a thread that lacks it would decline again.
        this.#numbers.delete(buffer);
        return undefined;
      }
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
      this.#released.register(buffer, { number, bytes });
    }
    return number;
  }

  #release(number, bytes) {
    this.#releasedBytes += bytes;
    if (this.#port === null || !this.#rt.live()) return;
    this.#port.postMessage({ number });
    if (this.#cancelUpkeep !== null) return;
    this.#cancelUpkeep = this.#rt.platform.timer(() => {
      this.#cancelUpkeep = null;
      if (this.#port === null || !this.#rt.live()) return;
      for (let worker = 0; worker < this.#rt.threads; worker++) {
        this.#rt.bridge.submit(() => this.#rt.engine.submitSharedUpkeep(worker, this.#channel)).done.catch(() => {});
      }
    }, UPKEEP_MS);
  }
}

module.exports = { SharedInputs, MIN_BYTES, RETAINED_BYTES };
