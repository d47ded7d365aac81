'use strict';
// Staging blocks for the main thread's copies into the heap (chunks, batches), reused instead of
// returned to malloc after every call.
//
// Why: a WebAssembly heap never shrinks, and malloc places a block of a size it has not seen
// lately wherever a free range happens to fit, so a long-running process kept touching pages it
// had never used: a soak's RSS grew 25–30 MiB after warm-up with the heap's size and its bytes
// in use both flat. Blocks kept per size class and handed out last-freed-first keep the same hot
// pages in use. Sizes round up to a class (powers of two up to 2 MiB, then multiples of 2 MiB),
// so a freed block fits the next call of about its size; blocks under 64 KiB go to malloc, whose
// small bins already reuse them, and so do blocks over 32 MiB, which are rare and would pin
// heap that a large Argon2 may need. At most `keepBytes` are kept.

const SMALL = 64 * 1024;
const LARGE = 32 * 1024 * 1024;
const STEP = 2 * 1024 * 1024;

// The size a request of `bytes` is served with.
function classOf(bytes) {
  if (bytes < SMALL || bytes > LARGE) return bytes;
  if (bytes <= STEP) return 2 ** Math.ceil(Math.log2(bytes));
  return Math.ceil(bytes / STEP) * STEP;
}

class Staging {
  #heap;
  #keepBytes;
  #kept = 0;
  #free = new Map(); // class size → addresses, most recently freed last

  constructor(heap, keepBytes) {
    this.#heap = heap;
    this.#keepBytes = keepBytes;
  }

  // @return { ptr, size } with at least `bytes` bytes. @throws ERR_PARAHASH_OUT_OF_MEMORY.
  take(what, bytes) {
    const size = classOf(bytes);
    const list = this.#free.get(size);
    if (list !== undefined && list.length > 0) {
      this.#kept -= size;
      return { ptr: list.pop(), size };
    }
    return { ptr: this.#heap.alloc(what, size), size };
  }

  give(block) {
    if (block.size < SMALL || block.size > LARGE || this.#kept + block.size > this.#keepBytes) {
      this.#heap.free(block.ptr);
      return;
    }
    let list = this.#free.get(block.size);
    if (list === undefined) this.#free.set(block.size, (list = []));
    list.push(block.ptr);
    this.#kept += block.size;
  }

  // Gives every kept block back to malloc (for a large allocation that needs the room).
  release() {
    for (const list of this.#free.values()) for (const ptr of list) this.#heap.free(ptr);
    this.#free.clear();
    this.#kept = 0;
  }

  get kept() {
    return this.#kept;
  }
}

module.exports = { Staging, classOf };
