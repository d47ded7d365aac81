// HMAC (RFC 2104, FIPS 198-1) over any cryptographic kernel: a HashState like any other, so the
// engine, batching and streaming need nothing HMAC-specific.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "kernels/kernel.hpp"

namespace parahash {

// @pre kernel.kind == KernelKind::hash (the engine checks: HMAC over a CRC or an XOF is undefined).
std::unique_ptr<HashState> make_hmac(const Kernel& kernel, const std::uint8_t* key, std::size_t key_len);

// The same over states that `create` makes (another backend of the same kernel: the host's),
// called during this call only.
std::unique_ptr<HashState> make_hmac(const Kernel& kernel, const std::function<std::unique_ptr<HashState>()>& create,
                                     const std::uint8_t* key, std::size_t key_len);

// HMAC's two starting points: the kernel after absorbing the one block key ⊕ ipad (inner) and
// key ⊕ opad (outer), RFC 2104 section 2. What HashState::iterate_hmac expects.
struct HmacKeyStates {
  std::unique_ptr<HashState> inner;
  std::unique_ptr<HashState> outer;
};

// @pre as make_hmac.
HmacKeyStates hmac_key_states(const Kernel& kernel, const std::uint8_t* key, std::size_t key_len);

}  // namespace parahash
