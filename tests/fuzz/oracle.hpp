// Independent implementations, linked natively, for the differential fuzzers: OpenSSL's EVP for
// MD5, SHA-1/2/3, SHAKE and HMAC; libb2 (the BLAKE2 reference) for BLAKE2 with keys and output
// lengths; zlib for CRC-32 and a bitwise loop for CRC-32C; libxxhash for xxHash. BLAKE3 has no
// C library in Debian: its fuzzer checks every path against the others (and the JS tests hold
// it to the official vectors, hash-wasm and @noble/hashes).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "kernels/kernel.hpp"

namespace parahash::fuzz {

using Bytes = std::vector<std::uint8_t>;

// @return the digest of `data` under `kernel` with `params`, or nullopt when no oracle has it.
std::optional<Bytes> oracle_hash(const Kernel& kernel, const HashParams& params, std::span<const std::uint8_t> data);

// @return HMAC(key, data) with `kernel` (kind hash), or nullopt when OpenSSL lacks the digest.
std::optional<Bytes> oracle_hmac(const Kernel& kernel, std::span<const std::uint8_t> key, std::span<const std::uint8_t> data);

// OpenSSL's name for a kernel's digest, or nullptr.
const char* openssl_name(const Kernel& kernel);

}  // namespace parahash::fuzz
