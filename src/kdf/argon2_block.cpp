// G (RFC 9106 section 3.5): R = X xor Y viewed as an 8 × 8 matrix of 16-byte registers; the
// permutation P (BLAKE2b's round with its additions replaced by BlaMka's a + b + 2·lo(a)·lo(b),
// 3.6) runs on each row, then on each column; the result is xored with R.
#include "kdf/argon2_block.hpp"

#include <cstring>

#include "support/bytes.hpp"
#include "support/unroll.hpp"

namespace parahash::argon2 {
namespace {

PARAHASH_ALWAYS_INLINE inline std::uint64_t blamka(std::uint64_t a, std::uint64_t b) noexcept {
  return a + b + 2 * (a & 0xffffffff) * (b & 0xffffffff);
}

PARAHASH_ALWAYS_INLINE inline void gb(std::uint64_t& a, std::uint64_t& b, std::uint64_t& c, std::uint64_t& d) noexcept {
  a = blamka(a, b);
  d = rotr64(d ^ a, 32);
  c = blamka(c, d);
  b = rotr64(b ^ c, 24);
  a = blamka(a, b);
  d = rotr64(d ^ a, 16);
  c = blamka(c, d);
  b = rotr64(b ^ c, 63);
}

// P on sixteen words given by their indices in the block, which must be constants for the
// words to stay in locals.
template <std::size_t... I>
PARAHASH_ALWAYS_INLINE inline void permute(std::uint64_t* r, std::index_sequence<I...>) noexcept {
  std::uint64_t v[16] = {r[I]...};
  gb(v[0], v[4], v[8], v[12]);
  gb(v[1], v[5], v[9], v[13]);
  gb(v[2], v[6], v[10], v[14]);
  gb(v[3], v[7], v[11], v[15]);
  gb(v[0], v[5], v[10], v[15]);
  gb(v[1], v[6], v[11], v[12]);
  gb(v[2], v[7], v[8], v[13]);
  gb(v[3], v[4], v[9], v[14]);
  std::size_t k = 0;
  ((r[I] = v[k++]), ...);
}

// Row i is words 16i … 16i + 15; column i is words 2i, 2i + 1 of every row.
template <std::size_t Row>
using RowWords = std::index_sequence<16 * Row, 16 * Row + 1, 16 * Row + 2, 16 * Row + 3, 16 * Row + 4, 16 * Row + 5,
                                     16 * Row + 6, 16 * Row + 7, 16 * Row + 8, 16 * Row + 9, 16 * Row + 10,
                                     16 * Row + 11, 16 * Row + 12, 16 * Row + 13, 16 * Row + 14, 16 * Row + 15>;
template <std::size_t Col>
using ColumnWords = std::index_sequence<2 * Col, 2 * Col + 1, 2 * Col + 16, 2 * Col + 17, 2 * Col + 32, 2 * Col + 33,
                                        2 * Col + 48, 2 * Col + 49, 2 * Col + 64, 2 * Col + 65, 2 * Col + 80,
                                        2 * Col + 81, 2 * Col + 96, 2 * Col + 97, 2 * Col + 112, 2 * Col + 113>;

}  // namespace

void load_block(Block& block, const std::uint8_t* bytes) noexcept {
  for (std::size_t i = 0; i < kWords; ++i) block.v[i] = load_le64(bytes + 8 * i);
}

void store_block(std::uint8_t* bytes, const Block& block) noexcept {
  for (std::size_t i = 0; i < kWords; ++i) store_le64(bytes + 8 * i, block.v[i]);
}

void xor_block(Block& into, const Block& other) noexcept {
  for (std::size_t i = 0; i < kWords; ++i) into.v[i] ^= other.v[i];
}

void compress(const Block& x, const Block& y, Block& out, bool xor_into) noexcept {
  Block r, z;
  for (std::size_t i = 0; i < kWords; ++i) r.v[i] = x.v[i] ^ y.v[i];
  std::memcpy(&z, &r, sizeof z);
  unrolled<0, 8>([&](auto i) PARAHASH_ALWAYS_INLINE { permute(z.v, RowWords<decltype(i)::value>{}); });
  unrolled<0, 8>([&](auto i) PARAHASH_ALWAYS_INLINE { permute(z.v, ColumnWords<decltype(i)::value>{}); });
  if (xor_into) {
    for (std::size_t i = 0; i < kWords; ++i) out.v[i] ^= z.v[i] ^ r.v[i];
  } else {
    for (std::size_t i = 0; i < kWords; ++i) out.v[i] = z.v[i] ^ r.v[i];
  }
}

}  // namespace parahash::argon2
