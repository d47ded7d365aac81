// Argon2's 1 KiB block and its compression function G (RFC 9106 section 3.5), kept apart from
// the memory schedule in argon2.cpp because G is the hot loop.
#pragma once

#include <cstddef>
#include <cstdint>

namespace parahash::argon2 {

inline constexpr std::size_t kWords = 128;
inline constexpr std::size_t kBlockBytes = kWords * 8;

struct alignas(16) Block {
  std::uint64_t v[kWords];
};

void load_block(Block& block, const std::uint8_t* bytes) noexcept;   // little-endian words
void store_block(std::uint8_t* bytes, const Block& block) noexcept;
void xor_block(Block& into, const Block& other) noexcept;

// out = G(x, y), or, with xor_into, out ^= G(x, y) (version 0x13 from the second pass on).
// out may be x or y.
void compress(const Block& x, const Block& y, Block& out, bool xor_into) noexcept;

}  // namespace parahash::argon2
