// The memory-hard core of scrypt (RFC 7914 sections 3 to 5): the Salsa20/8 core, scryptBlockMix
// and scryptROMix. Kept apart from scrypt.cpp (parameters, memory, threads) so the tests can
// check each layer against the RFC's own intermediate vectors.
//
// Inside ro_mix, every 64-byte Salsa20 block is held as 16 little-endian words in "diagonal"
// order: position i holds word 5·i mod 16, so each row of four positions is one diagonal of the
// 4×4 Salsa20 matrix. Columns and rows of the matrix are then lane-wise operations on those
// rows (the layout of Colin Percival's crypto_scrypt-sse.c, scrypt 1.x), with a lane rotation
// between half-rounds. Word 0 stays at position 0, so Integerify reads the same word either way.
#pragma once

#include <cstddef>
#include <cstdint>

#include "support/job_control.hpp"

namespace parahash::scrypt_core {

// Words of work memory ro_mix needs: V (N blocks of 32·r words) and two blocks of scratch, i.e.
// 32·r·(N + 2) words, the V, X and T of OpenSSL's (and so node's) memory formula.
constexpr std::uint64_t work_words(std::uint32_t r, std::uint64_t n) noexcept { return 32 * std::uint64_t{r} * (n + 2); }

// Section 3: Salsa20/8 core of one 64-byte block, in place.
void salsa20_8(std::uint8_t* block) noexcept;

// Section 4: out = scryptBlockMix_r(in); 128·r bytes each, not overlapping.
void block_mix(const std::uint8_t* in, std::uint8_t* out, std::uint32_t r);

// Section 5: b = scryptROMix_r(b, N) in place (128·r bytes). Polls `stop` about once per
// millisecond of work. When `written` is given, it always holds how many leading words of
// `work` may have been written, so a caller that wipes after a stop need not touch (and fault
// in) the rest.
// @pre n is a power of 2 above 1; work holds work_words(r, n) words.
// @throws Error(aborted) once `stop` asks for it; b is then meaningless.
void ro_mix(std::uint8_t* b, std::uint32_t r, std::uint32_t n, std::uint32_t* work, const StopToken& stop = {},
            std::size_t* written = nullptr);

// The same with the portable (scalar) Salsa20/8 even where a SIMD one is compiled in, so tests
// and the benchmark can compare the two.
void ro_mix_portable(std::uint8_t* b, std::uint32_t r, std::uint32_t n, std::uint32_t* work,
                     const StopToken& stop = {}, std::size_t* written = nullptr);

// Whether ro_mix uses WebAssembly SIMD in this build.
bool ro_mix_uses_simd() noexcept;

}  // namespace parahash::scrypt_core
