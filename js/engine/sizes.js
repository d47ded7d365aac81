'use strict';
// Size arithmetic in one place. Every byte count that reaches the engine's allocator, or crosses
// into C++ as a size_t, is computed and checked here first: JS numbers are exact to 2^53, but
// wasm32's size_t is 32 bits and Embind wraps silently, so 8 + 2^32 − 1 once became a 7-byte
// block and a heap overrun. Over the static maxima (the README's table) is a RangeError with
// ERR_PARAHASH_INVALID_ARG, checked where the option is read; what passes them but cannot be
// held by the heap is ERR_PARAHASH_OUT_OF_MEMORY, here, before anything is allocated.

const { outOfMemory } = require('../args/errors');

// The heap is at most 2 GiB (MAXIMUM_MEMORY), and one malloc above 2 GiB always fails.
const HEAP_LIMIT = 2 ** 31;
const U32_MAX = 2 ** 32 - 1;

// @return the sum of `parts` (non-negative integers) as a byte count one allocation can have.
// @throws ERR_PARAHASH_OUT_OF_MEMORY naming `what` when it cannot.
function heapBytes(what, ...parts) {
  let total = 0;
  for (const n of parts) {
    if (!Number.isSafeInteger(n) || n < 0) throw outOfMemory(`${what}: ${n} is not a byte count`);
    total += n;
  }
  if (!Number.isSafeInteger(total) || total >= HEAP_LIMIT) {
    throw outOfMemory(`${what} needs ${total} bytes; the WebAssembly heap holds less than ${HEAP_LIMIT}`);
  }
  return total;
}

// Rounds n up to a multiple of `to`.
const align = (n, to) => Math.ceil(n / to) * to;

module.exports = { HEAP_LIMIT, U32_MAX, heapBytes, align };
