'use strict';
// One key derivation on the engine: its heap block, the job, and its stop, which an abort or a
// throwing progress listener may ask for at any time, even before there is a block to tell.
//
// A derivation's heap block: [control: 2 × int32 | inputs table: 4 × (address, length) | output | inputs].

const { abortError } = require('../args/errors');
const { onAbort } = require('../args/signal');
const { heapBytes } = require('./sizes');
const { CONTROL_BYTES, resetControl, requestStop, progressOf } = require('./job-control');
const { intactBytes } = require('./caller');

const TABLE_BYTES = 32;

class DeriveJob {
  #rt;
  #signal;
  #unsubscribe;
  #staged = null; // the arena block
  #block = 0; // its address
  #bytes = 0; // its bytes in use, wiped at the end
  #out = 0;
  #outLength = 0;
  #job = null;
  #stopped = false; // asked to stop, perhaps before the job had a block to tell
  #listenerError = null;

  // The heap bytes of the block for `outLength` bytes out from `inputs`.
  // @throws ERR_PARAHASH_OUT_OF_MEMORY when one allocation cannot hold them.
  static footprint(outLength, inputs) {
    const inputBytes = inputs.reduce((n, input) => n + input.length, 0);
    return heapBytes('a key derivation', CONTROL_BYTES, TABLE_BYTES, outLength, inputBytes);
  }

  // From now until close(), an abort of `signal` stops the job.
  constructor(rt, signal) {
    this.#rt = rt;
    this.#signal = signal;
    this.#unsubscribe = onAbort(signal, () => this.#stop());
  }

  // Copies `inputs` ({ bytes, length, name }, up to 4) into a block of `bytes` (footprint()),
  // after room for the output, and lists their addresses and lengths in its table.
  stage(bytes, outLength, inputs) {
    const { heap, arena } = this.#rt;
    this.#staged = arena.take('a key derivation', bytes);
    this.#bytes = bytes;
    const block = this.#block = this.#staged.ptr;
    resetControl(heap, block);
    this.#out = block + CONTROL_BYTES + TABLE_BYTES;
    this.#outLength = outLength;
    const table = new Uint32Array(8);
    let at = this.#out + outLength;
    inputs.forEach((input, i) => {
      heap.write(at, intactBytes(input));
      table[2 * i] = input.length > 0 ? at : 0;
      table[2 * i + 1] = input.length;
      at += input.length;
    });
    heap.write(block + CONTROL_BYTES, new Uint8Array(table.buffer));
  }

  // Runs KDF number `kdf` (kdfs.def) with `numbers` (up to 4) over the staged block.
  // onProgress(units done): see #watchProgress. @return the output, a fresh Uint8Array.
  async run(kdf, numbers, onProgress) {
    const { heap, bridge, engine } = this.#rt;
    const block = this.#block;
    const [n0 = 0, n1 = 0, n2 = 0, n3 = 0] = numbers;
    // An abort during the awaits before stage() found no block to stop: it is honoured here.
    if (this.#stopped) throw abortError(this.#signal?.reason);
    this.#job = bridge.submit(() =>
      engine.submitDerive(kdf, n0, n1, n2, n3, block + CONTROL_BYTES, this.#outLength, this.#out, block));
    if (onProgress) this.#watchProgress(onProgress);
    await this.#job.done.catch((error) => { if (this.#listenerError === null) throw error; });
    if (this.#listenerError !== null) throw this.#listenerError;
    return heap.read(this.#out, this.#outLength);
  }

  // Waits until the job has ended, then wipes and frees its block (unless the pool is gone,
  // and its heap with it).
  async close() {
    this.#unsubscribe();
    if (this.#job) await this.#job.done.catch(() => {});
    if (this.#staged !== null && this.#rt.live()) {
      this.#rt.heap.wipe(this.#block, this.#bytes);
      this.#rt.arena.give(this.#staged);
    }
  }

  #stop() {
    this.#stopped = true;
    if (this.#block === 0) return;
    requestStop(this.#rt.heap, this.#block);
    if (this.#job) this.#rt.engine.cancel(this.#job.id);
  }

  // Reports the job's progress cell to onProgress whenever it moved, the last value included,
  // before the job's call settles, on this thread. A throwing listener stops the job, and the
  // call rejects with its error.
  #watchProgress(onProgress) {
    const { heap, bridge } = this.#rt;
    const job = this.#job;
    const block = this.#block;
    let reported = 0;
    bridge.until(() => {
      const done = progressOf(heap, block);
      if (done > reported) {
        reported = done;
        try {
          onProgress(done);
        } catch (error) {
          if (this.#listenerError === null) {
            this.#listenerError = error;
            this.#stop();
          }
        }
      }
      return !bridge.isPending(job.id);
    }).catch(() => {});
  }
}

module.exports = { DeriveJob };
