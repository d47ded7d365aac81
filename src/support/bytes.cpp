#include <cstddef>
#include <cstring>

#include "support/bytes.hpp"

namespace parahash {

namespace {
// Called through a volatile pointer, so the optimiser cannot prove the call is memset and drop
// it as a dead store. A volatile byte loop did the same but cost ~40 ms per 64 MiB of Argon2
// memory; memset is bulk memory.fill under wasm.
void* (*const volatile memset_unelidable)(void*, int, std::size_t) = std::memset;
}  // namespace

void secure_zero(void* p, std::size_t n) noexcept {
  memset_unelidable(p, 0, n);
}

}  // namespace parahash
