// BLAKE3's compression function and whole-chunk hashing, shared by the tree in blake3.cpp. Split
// out because the chunk loop has a WebAssembly SIMD version (four chunks side by side, one per
// 32-bit lane) next to the portable one.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace parahash::blake3 {

using Cv = std::array<std::uint32_t, 8>;

inline constexpr Cv kIv = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                           0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
inline constexpr std::size_t kBlock = 64;
inline constexpr std::size_t kChunk = 1024;

// Domain flags (specification table 3); plain constants so they mix with 0 in conditionals.
inline constexpr std::uint32_t kChunkStart = 1;
inline constexpr std::uint32_t kChunkEnd = 2;
inline constexpr std::uint32_t kParent = 4;
inline constexpr std::uint32_t kRoot = 8;
inline constexpr std::uint32_t kKeyedHash = 16;
inline constexpr std::uint32_t kDeriveKeyContext = 32;
inline constexpr std::uint32_t kDeriveKeyMaterial = 64;

// 7 rounds of column then diagonal mixing, the message words permuted between rounds.
// @return all 16 output words (the first 8 are the new CV).
std::array<std::uint32_t, 16> compress(const Cv& cv, const std::uint32_t block[16], std::uint64_t counter,
                                        std::uint32_t block_len, std::uint32_t flags) noexcept;

// The CVs of `count` consecutive whole (1024-byte) chunks that are not the root: chunk i has
// chunk counter first_counter + i and its CV goes to out[i].
void hash_chunks(const Cv& key, std::uint32_t flags, const std::uint8_t* data, std::size_t count,
                 std::uint64_t first_counter, Cv* out) noexcept;

}  // namespace parahash::blake3
