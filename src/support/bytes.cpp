#include <cstddef>

#include "support/bytes.hpp"

namespace parahash {

void secure_zero(void* p, std::size_t n) noexcept {
  // Writes through a volatile pointer are observable behaviour, so they survive -O3.
  volatile unsigned char* v = static_cast<volatile unsigned char*>(p);
  while (n--) *v++ = 0;
}

}  // namespace parahash
