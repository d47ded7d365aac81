// Size arithmetic that cannot wrap. On wasm32 size_t is 32 bits, so a product of two values
// that each passed their own check (256 digests of 16 MiB) can wrap to a tiny allocation and a
// heap overrun. Every byte count derived from several inputs goes through these.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "support/status.hpp"

namespace parahash {

// @throws Error(out_of_memory) naming `what` when a + b does not fit in size_t.
inline std::size_t checked_add(std::size_t a, std::size_t b, const char* what) {
  std::size_t sum;
  if (__builtin_add_overflow(a, b, &sum)) throw Error(ErrorCode::out_of_memory, std::string(what) + ": size overflows");
  return sum;
}

// @throws Error(out_of_memory) naming `what` when a × b does not fit in size_t.
inline std::size_t checked_mul(std::size_t a, std::size_t b, const char* what) {
  std::size_t product;
  if (__builtin_mul_overflow(a, b, &product)) throw Error(ErrorCode::out_of_memory, std::string(what) + ": size overflows");
  return product;
}

// @throws Error(out_of_memory) naming `what` when `bytes` (a 64-bit count) exceeds size_t.
inline std::size_t to_size(std::uint64_t bytes, const char* what) {
  if (bytes > SIZE_MAX) throw Error(ErrorCode::out_of_memory, std::string(what) + ": larger than the address space");
  return static_cast<std::size_t>(bytes);
}

}  // namespace parahash
