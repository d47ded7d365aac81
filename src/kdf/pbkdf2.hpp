// PBKDF2 (RFC 8018 section 5.2) with HMAC over any fixed-length cryptographic kernel, with
// node:crypto's argument ranges (crypto.pbkdf2Sync(password, salt, iterations, keylen, digest)).
// The output blocks T_1 … T_l are independent, so they run through a FanOut; one block (keylen
// at most the digest size, the usual case) is one serial chain of `iterations` HMACs, which
// runs at two compression calls per iteration for MD5, SHA-1 and SHA-2 (HashState::iterate_hmac).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kernels/kernel.hpp"
#include "support/job_control.hpp"

namespace parahash {

// Ranges: the pbkdf2 row of kdfs.def (node's; RFC 8018 allows a longer dkLen).
struct Pbkdf2Params {
  const Kernel* digest = nullptr;  // the PRF is HMAC over this registry kernel; kind must be hash
  const std::uint8_t* password = nullptr;
  std::size_t password_length = 0;
  const std::uint8_t* salt = nullptr;
  std::size_t salt_length = 0;
  std::uint32_t iterations = 0;  // c
  std::size_t key_length = 0;    // dkLen
};

// The kernel for node's `digest` argument: any spelling find_kernel knows ("sha256", "SHA-256").
// @throws Error(unknown_algorithm) for an unknown name; Error(invalid_arg) for a kernel that
//         has no HMAC (an XOF or a checksum).
const Kernel& pbkdf2_digest(std::string_view name);

// Checks `params` as the engine checks a request (Kdf::check: the row's ranges, then a digest
// that can be HMAC's hash). @throws Error(invalid_arg) naming the first parameter out of range.
void check_pbkdf2_params(const Pbkdf2Params& params);

// Writes params.key_length bytes to `out`. Blocks of output fan out over `fan_out`; the result
// is the same for any FanOut.
// @throws as check_pbkdf2_params, before any work; Error(aborted) within about a millisecond
//         of `stop` asking (out is then meaningless).
void pbkdf2(const Pbkdf2Params& params, std::uint8_t* out, const FanOut& fan_out, const StopToken& stop = {});

}  // namespace parahash
