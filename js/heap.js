'use strict';
// The main thread's access to the shared WebAssembly heap: allocation through sizes.js's checks,
// views that follow memory growth, and copies in and out. Nothing else calls _malloc.

const { heapBytes } = require('./sizes');
const { outOfMemory } = require('./errors');

class Heap {
  #module;
  #memory;
  #u8 = null;
  #i32 = null;

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

  // Runs use(address, length) with a heap copy of `secret` (a key, a derive-key context), or
  // use(0, 0) when there is none. The engine copies what it keeps, so the copy lives only for
  // this call, and is wiped before it is freed so no key bytes linger in the heap.
  withCopy(secret, use) {
    if (secret === undefined || secret.byteLength === 0) return use(0, 0);
    const ptr = this.alloc('a key', secret.byteLength);
    try {
      this.write(ptr, secret);
      return use(ptr, secret.byteLength);
    } finally {
      this.wipe(ptr, secret.byteLength);
      this.free(ptr);
    }
  }
}

module.exports = { Heap };
