#include <cstddef>
#include <cstring>

#include "support/bytes.hpp"

namespace parahash {

void secure_zero(void* p, std::size_t n) noexcept {
  if (n == 0) return;
#if defined(__GNUC__) || defined(__clang__)
  // memset, then an empty asm that takes the pointer and clobbers memory: the compiler must
  // assume the zeros are read, so it cannot drop them as a dead store, even inlined or under
  // LTO (musl's and glibc's explicit_bzero do the same). A volatile byte loop was as safe but
  // ~16 ms per 16 MiB natively: half the time of a whole scrypt at node's default cost.
  std::memset(p, 0, n);
  __asm__ __volatile__("" : : "r"(p) : "memory");
#else
  // Writes through a volatile pointer are observable behaviour, so they survive -O3.
  volatile unsigned char* v = static_cast<volatile unsigned char*>(p);
  while (n--) *v++ = 0;
#endif
}

}  // namespace parahash
