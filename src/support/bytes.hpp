// Endian helpers. Kernels are specified in big- or little-endian words; loading bytes one at a
// time keeps them correct on any host and compiles to a single load (bswap) where it can.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace parahash {

inline constexpr std::uint32_t rotl32(std::uint32_t x, unsigned n) noexcept;
inline constexpr std::uint32_t rotr32(std::uint32_t x, unsigned n) noexcept;

// WebAssembly has no byte-swap instruction: two rotations and two masks beat the four byte
// loads and six shifts and ors of the byte-by-byte form. Native compilers see a bswap either way.
inline constexpr std::uint32_t byteswap32(std::uint32_t x) noexcept {
  return (rotl32(x, 8) & 0x00ff00ffU) | (rotr32(x, 8) & 0xff00ff00U);
}

inline std::uint32_t load_be32(const std::uint8_t* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  if constexpr (std::endian::native == std::endian::little) return byteswap32(v);
  return v;
}

inline void store_be32(std::uint8_t* p, std::uint32_t v) noexcept {
  p[0] = static_cast<std::uint8_t>(v >> 24);
  p[1] = static_cast<std::uint8_t>(v >> 16);
  p[2] = static_cast<std::uint8_t>(v >> 8);
  p[3] = static_cast<std::uint8_t>(v);
}

inline void store_be64(std::uint8_t* p, std::uint64_t v) noexcept {
  store_be32(p, static_cast<std::uint32_t>(v >> 32));
  store_be32(p + 4, static_cast<std::uint32_t>(v));
}

inline std::uint32_t load_le32(const std::uint8_t* p) noexcept {
  return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) |
         (std::uint32_t{p[3]} << 24);
}

inline void store_le32(std::uint8_t* p, std::uint32_t v) noexcept {
  p[0] = static_cast<std::uint8_t>(v);
  p[1] = static_cast<std::uint8_t>(v >> 8);
  p[2] = static_cast<std::uint8_t>(v >> 16);
  p[3] = static_cast<std::uint8_t>(v >> 24);
}

inline void store_le64(std::uint8_t* p, std::uint64_t v) noexcept {
  store_le32(p, static_cast<std::uint32_t>(v));
  store_le32(p + 4, static_cast<std::uint32_t>(v >> 32));
}

inline std::uint64_t load_le64(const std::uint8_t* p) noexcept {
  return std::uint64_t{load_le32(p)} | (std::uint64_t{load_le32(p + 4)} << 32);
}

inline constexpr std::uint64_t byteswap64(std::uint64_t x) noexcept {
  constexpr std::uint64_t kBytes = 0x00ff00ff00ff00ffULL, kPairs = 0x0000ffff0000ffffULL;
  x = ((x & kBytes) << 8) | ((x >> 8) & kBytes);
  x = ((x & kPairs) << 16) | ((x >> 16) & kPairs);
  return (x << 32) | (x >> 32);
}

inline std::uint64_t load_be64(const std::uint8_t* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (std::endian::native == std::endian::little) return byteswap64(v);
  return v;
}

inline constexpr std::uint32_t rotl32(std::uint32_t x, unsigned n) noexcept {
  return (x << n) | (x >> (32 - n));
}

inline constexpr std::uint64_t rotl64(std::uint64_t x, unsigned n) noexcept {
  return n == 0 ? x : (x << n) | (x >> (64 - n));
}

inline constexpr std::uint64_t rotr64(std::uint64_t x, unsigned n) noexcept {
  return (x >> n) | (x << (64 - n));
}

inline constexpr std::uint32_t rotr32(std::uint32_t x, unsigned n) noexcept {
  return (x >> n) | (x << (32 - n));
}

// Overwrites secrets in a way the optimiser may not drop as a dead store.
void secure_zero(void* p, std::size_t n) noexcept;

}  // namespace parahash
