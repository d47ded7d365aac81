// scrypt (RFC 7914 section 6) with node:crypto's parameters and limits
// (crypto.scryptSync(password, salt, keylen, { N, r, p, maxmem })):
//   B  = PBKDF2-HMAC-SHA256(P, S, 1, p · 128 · r)
//   B_i = scryptROMix(r, B_i, N) for each of the p blocks of B   (the memory-hard part)
//   DK = PBKDF2-HMAC-SHA256(P, B, 1, keylen)
// The p ROMix calls are independent; they run through a FanOut.
//
// Memory and maxmem. Node rejects (ERR_CRYPTO_INVALID_SCRYPT_PARAMS) parameters that need more
// than maxmem bytes by OpenSSL's formula, 128·r·(N + 2) + 128·r·p (default maxmem 32 MiB);
// check_scrypt_params reproduces OpenSSL's checks exactly (the scrypt row of kdfs.def for each
// number's range, scrypt_relations in scrypt.cpp for the rest) and throws invalid_arg where node
// throws. OpenSSL then runs the p ROMix calls one after another in one V of 128·r·N bytes. Run
// in parallel, each call needs its own V, so here as many run at once as maxmem has room for
// (and no more than p or `threads`): maxmem still bounds what a call allocates, as in node. To
// get p-way parallelism, raise maxmem to p·128·r·(N + 2) + 128·r·p (scrypt_memory_bytes says
// what a call will take). Memory that passes the check but cannot be allocated is
// out_of_memory, thrown before any hashing.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/kernel.hpp"
#include "support/job_control.hpp"

namespace parahash {

// Defaults are node's. Node's facade also turns N, r, p or maxmem of 0 into the default; here 0
// is rejected, so the JS layer does that mapping. Ranges: the scrypt row of kdfs.def (node's),
// and between them N a power of 2 below 2^(16·r), r·p < 2^30, 128·r·p < 2^31, memory ≤ maxmem.
struct ScryptParams {
  std::uint32_t cost = 16384;                    // N
  std::uint32_t block_size = 8;                  // r
  std::uint32_t parallelization = 1;             // p
  std::uint64_t maxmem = std::uint64_t{32} << 20;  // bytes (see above)
  const std::uint8_t* password = nullptr;
  std::size_t password_length = 0;
  const std::uint8_t* salt = nullptr;
  std::size_t salt_length = 0;
  std::size_t key_length = 0;
};

// Checks `params` as the engine checks a request (Kdf::check: the row's ranges, then the rules
// between them). @throws Error(invalid_arg) naming the first parameter out of range, maxmem
// included, as JS labels it ("options.N").
void check_scrypt_params(const ScryptParams& params);

// How many ROMix calls run at once: the most that maxmem has room for, at most p and `threads`
// (the number of threads the FanOut can use), at least 1.
// @pre check_scrypt_params(params) passed.
std::uint32_t scrypt_concurrency(const ScryptParams& params, unsigned threads) noexcept;

// Bytes the call allocates: 128·r·p + scrypt_concurrency(…) · 128·r·(N + 2) (at most maxmem).
// @pre check_scrypt_params(params) passed.
std::uint64_t scrypt_memory_bytes(const ScryptParams& params, unsigned threads) noexcept;

// Writes params.key_length bytes to `out`. The ROMix calls fan out over `fan_out`, at most
// scrypt_concurrency(params, threads) at a time; the result is the same for any FanOut and
// thread count. V comes from WorkMemory, so a large scrypt leaves the heap reusable.
// @throws as check_scrypt_params; Error(out_of_memory) when the memory cannot be allocated
//         (before any hashing); Error(aborted) within about a millisecond of `stop` asking.
void scrypt(const ScryptParams& params, std::uint8_t* out, const FanOut& fan_out, unsigned threads,
            const StopToken& stop = {});

}  // namespace parahash
