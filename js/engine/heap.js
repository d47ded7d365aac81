'use strict';
// The main thread's access to the shared WebAssembly heap: allocation through sizes.js's checks,
// views that follow memory growth, and copies in and out. Nothing else calls _malloc.

const { heapBytes } = require('./sizes');
const { outOfMemory } = require('../args/errors');

class Heap {
  #module;
  #memory;
  #u8 = null;
  #i32 = null;
  #u32 = null;

  constructor(module) {
    this.#module = module;
    this.#memory = module.parahashRuntime.memory();
  }

  // Views over the current memory. Growth (by any thread) replaces the SharedArrayBuffer, and
  // the main thread's old views would silently stop short of the new pages.
  u8() {
    const buffer = this.#memory.buffer;
    if (this.#u8 === null || this.#u8.byteLength !== buffer.byteLength) this.#u8 = new Uint8Array(buffer);
    return this.#u8;
  }

  u32() {
    const buffer = this.#memory.buffer;
    if (this.#u32 === null || this.#u32.byteLength !== buffer.byteLength) this.#u32 = new Uint32Array(buffer);
    return this.#u32;
  }

  i32() {
    const buffer = this.#memory.buffer;
    if (this.#i32 === null || this.#i32.byteLength !== buffer.byteLength) this.#i32 = new Int32Array(buffer);
    return this.#i32;
  }

  get size() {
    return this.#memory.buffer.byteLength;
  }

  // @return the address of `bytes` fresh bytes (the sum of `parts`; see sizes.js).
  // @throws ERR_PARAHASH_OUT_OF_MEMORY when the sum is no allocation size or the heap has no room.
  alloc(what, ...parts) {
    const bytes = heapBytes(what, ...parts);
    const ptr = this.#module._malloc(Math.max(1, bytes)) >>> 0;
    if (ptr === 0) throw outOfMemory(`${what}: the WebAssembly heap could not provide ${bytes} bytes`);
    return ptr;
  }

  free(ptr) {
    if (ptr !== 0) this.#module._free(ptr);
  }

  write(ptr, bytes) {
    this.u8().set(bytes, ptr);
  }

  // A fresh (non-shared) copy of n bytes at ptr.
  read(ptr, n) {
    return this.u8().slice(ptr, ptr + n);
  }

  wipe(ptr, n) {
    if (n > 0) this.u8().fill(0, ptr, ptr + n);
  }
}

module.exports = { Heap };
