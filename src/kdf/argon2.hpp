// Argon2d, Argon2i and Argon2id, RFC 9106 (version 0x13). Memory-hard password hashing: a matrix
// of 1 KiB blocks, `lanes` rows filled in parallel, with a synchronisation point after each of
// the four slices of every pass. The lanes of a slice run through a FanOut, so the engine can
// put them on different pool threads; the result is the same at any thread count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "kernels/kernel.hpp"
#include "support/job_control.hpp"

namespace parahash {

enum class Argon2Type : std::uint32_t { d = 0, i = 1, id = 2 };

// The ranges of each field are the argon2 rows of kdfs.def (RFC 9106 section 3.1's), plus
// m ≥ 8 × p.
struct Argon2Params {
  Argon2Type type = Argon2Type::id;
  std::uint32_t memory_kib = 0;  // m
  std::uint32_t passes = 0;      // t
  std::uint32_t lanes = 0;       // p
  std::uint32_t tag_length = 0;  // T
  const std::uint8_t* password = nullptr;
  std::size_t password_length = 0;
  const std::uint8_t* salt = nullptr;
  std::size_t salt_length = 0;
  const std::uint8_t* secret = nullptr;  // K, optional
  std::size_t secret_length = 0;
  const std::uint8_t* associated_data = nullptr;  // X, optional
  std::size_t associated_data_length = 0;
};

// Checks `params` as the engine checks a request: against the row of its type in kdfs.def (the
// same ranges JS checks, with the same labels), then m ≥ 8 × p (Kdf::check).
// @throws Error(invalid_arg) naming the first parameter out of range, or an unknown type.
void check_argon2_params(const Argon2Params& params);

// Bytes of block memory the call will allocate (the RFC rounds m down to 4 × lanes blocks).
std::uint64_t argon2_memory_bytes(const Argon2Params& params) noexcept;

// Called after each pass with the number of passes done. It only reports: stopping is the
// StopToken's job, the one channel every derivation shares.
using Argon2Progress = std::function<void(std::uint32_t passes_done)>;

// Writes the tag (params.tag_length bytes) to `tag`. The inputs are read where they lie (H0
// streams them), and the block memory comes from WorkMemory.
// @throws as check_argon2_params; Error(out_of_memory) when the block memory cannot be
//         allocated (before any hashing); Error(aborted) within about a millisecond of `stop`
//         asking.
void argon2_hash(const Argon2Params& params, std::uint8_t* tag, const FanOut& fan_out,
                 const Argon2Progress& progress = {}, const StopToken& stop = {});

}  // namespace parahash
