'use strict';
// The main thread's own staging memory: a few large extents taken from malloc once, carved by a
// binary buddy allocator that lives in JS.
//
// Why not malloc for every staging block? Three reasons, all measured. (1) malloc has one lock,
// which pool threads also take (a job's small allocations, a GiB of Argon2 blocks); a main
// thread that waits for it breaks the design, and on a browser's main thread emscripten can
// only spin. (2) A WebAssembly heap never shrinks, and malloc put blocks of new sizes wherever a
// free range fitted, so a long-running process kept touching pages it had never used (a soak's
// RSS grew 25–30 MiB after warm-up with bytes in use flat). (3) A small call's copy-in is a few
// hundred nanoseconds; a malloc/free pair through Embind is as much again.
//
// Blocks are powers of two from 64 bytes to one extent (16 MiB), freed blocks merge with their
// buddy, and free blocks are reused most-recent-first, so the same pages stay hot. Larger
// requests (a 600 MiB password, a 16 MiB digest plus its block) go to malloc directly; they are
// rare. Extents are kept for the pool's life, except that trim() hands wholly free ones back
// (before a memory-hard call that needs the heap's room).

const MIN_ORDER = 6; // 64 bytes
const EXTENT_ORDER = 24; // 16 MiB
const EXTENT_BYTES = 2 ** EXTENT_ORDER;
const ALIGN = 64;

class Arena {
  #heap;
  #extents = []; // { raw, base, used }
  #free = Array.from({ length: EXTENT_ORDER + 1 }, () => []); // per order: addresses, newest last
  #freeOrder = new Map(); // address → order, for the addresses really free (the lists are lazy)
  #inUse = 0;

  constructor(heap) {
    this.#heap = heap;
  }

  // @return { ptr, size } with at least `bytes` bytes, 64-byte aligned.
  // @throws ERR_PARAHASH_OUT_OF_MEMORY (sizes.js checks, or the heap is full).
  take(what, bytes) {
    if (bytes > EXTENT_BYTES) {
      const ptr = this.#heap.alloc(what, bytes);
      this.#inUse += bytes;
      return { ptr, size: bytes, direct: true };
    }
    const order = Math.max(MIN_ORDER, Math.ceil(Math.log2(Math.max(1, bytes))));
    let from = order;
    let ptr = 0;
    for (; from <= EXTENT_ORDER; from++) {
      ptr = this.#pop(from);
      if (ptr !== 0) break;
    }
    if (ptr === 0) {
      ptr = this.#grow(what);
      from = EXTENT_ORDER;
    }
    // Split down to the order asked for; the upper halves go free.
    while (from > order) {
      from--;
      this.#push(ptr + 2 ** from, from);
    }
    const size = 2 ** order;
    this.#inUse += size;
    this.#extentOf(ptr).used += size;
    // `direct` set either way: a block must never take it from a polluted Object.prototype.
    return { ptr, size, direct: false };
  }

  give(block) {
    this.#inUse -= block.size;
    if (block.direct === true) {
      this.#heap.free(block.ptr);
      return;
    }
    const extent = this.#extentOf(block.ptr);
    extent.used -= block.size;
    let ptr = block.ptr;
    let order = Math.log2(block.size);
    while (order < EXTENT_ORDER) {
      const buddy = extent.base + ((ptr - extent.base) ^ (2 ** order));
      if (this.#freeOrder.get(buddy) !== order) break;
      this.#freeOrder.delete(buddy); // its entry in the list is now stale
      ptr = Math.min(ptr, buddy);
      order++;
    }
    this.#push(ptr, order);
  }

  // Gives wholly free extents back to malloc.
  trim() {
    this.#extents = this.#extents.filter((extent) => {
      if (extent.used > 0) return true;
      this.#freeOrder.delete(extent.base);
      this.#heap.free(extent.raw);
      return false;
    });
  }

  // Runs use(address, length) with an arena copy of `secret` (a key, a derive-key context), or
  // use(0, 0) when there is none. The engine copies what it keeps, so the copy lives only for
  // this call, and is wiped before it is given back so no key bytes linger in the heap.
  withCopy(heap, secret, use) {
    if (secret === undefined || secret.byteLength === 0) return use(0, 0);
    const block = this.take('a key', secret.byteLength);
    try {
      heap.write(block.ptr, secret);
      return use(block.ptr, secret.byteLength);
    } finally {
      heap.wipe(block.ptr, secret.byteLength);
      this.give(block);
    }
  }

  get stats() {
    return { extents: this.#extents.length, held: this.#extents.length * EXTENT_BYTES, inUse: this.#inUse };
  }

  #grow(what) {
    const raw = this.#heap.alloc(what, EXTENT_BYTES + ALIGN);
    const base = Math.ceil(raw / ALIGN) * ALIGN;
    this.#extents.push({ raw, base, used: 0 });
    return base;
  }

  #extentOf(ptr) {
    for (const extent of this.#extents) {
      if (ptr >= extent.base && ptr < extent.base + EXTENT_BYTES) return extent;
    }
    throw new Error(`parahash: address ${ptr} is in no staging extent`);
  }

  #push(ptr, order) {
    this.#freeOrder.set(ptr, order);
    this.#free[order].push(ptr);
  }

  #pop(order) {
    const list = this.#free[order];
    while (list.length > 0) {
      const ptr = list.pop();
      if (this.#freeOrder.get(ptr) === order) {
        this.#freeOrder.delete(ptr);
        return ptr;
      }
    }
    return 0;
  }
}

// The size take(bytes) hands out (what a call holds against the staging budget).
const blockSize = (bytes) => (bytes > EXTENT_BYTES ? bytes : 2 ** Math.max(MIN_ORDER, Math.ceil(Math.log2(Math.max(1, bytes)))));

module.exports = { Arena, EXTENT_BYTES, MIN_ORDER, blockSize };
