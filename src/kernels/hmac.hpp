// HMAC (RFC 2104, FIPS 198-1) over any cryptographic kernel: a HashState like any other, so the
// engine, batching and streaming need nothing HMAC-specific.
#pragma once

#include <cstdint>
#include <memory>

#include "kernels/kernel.hpp"

namespace parahash {

// @pre kernel.kind == KernelKind::hash (the engine checks: HMAC over a CRC or an XOF is undefined).
std::unique_ptr<HashState> make_hmac(const Kernel& kernel, const std::uint8_t* key, std::size_t key_len);

}  // namespace parahash
