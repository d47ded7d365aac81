// Compile-time loop unrolling. Hash rounds rotate their working variables and index the message
// schedule by round number; when the round number is a constant, clang keeps every variable in
// a wasm local (register) instead of spilling arrays to linear memory, which made SHA-2 and
// SHA-1 about twice as fast under WebAssembly. A plain `for` of 64–80 rounds is not fully
// unrolled by clang at -O3.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

namespace parahash {

// Forced: left to the inliner, the unrolled body became one out-of-line function reaching every
// working variable through the closure pointer, i.e. through memory.
#define PARAHASH_ALWAYS_INLINE __attribute__((always_inline))

template <std::size_t First, class Body, std::size_t... I>
PARAHASH_ALWAYS_INLINE inline void unrolled_impl(Body&& body, std::index_sequence<I...>) {
  (body(std::integral_constant<std::size_t, First + I>{}), ...);
}

// Calls body(std::integral_constant<size_t, i>{}) for i = First … Last - 1, in order; `i` is a
// constant expression inside body.
// Mark the body PARAHASH_ALWAYS_INLINE too: [&](auto i) PARAHASH_ALWAYS_INLINE { … }.
template <std::size_t First, std::size_t Last, class Body>
PARAHASH_ALWAYS_INLINE inline void unrolled(Body&& body) {
  unrolled_impl<First>(body, std::make_index_sequence<Last - First>{});
}

}  // namespace parahash
