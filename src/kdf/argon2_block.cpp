// G (RFC 9106 section 3.5): R = X xor Y viewed as an 8 × 8 matrix of 16-byte registers; the
// permutation P (BLAKE2b's round with its additions replaced by BlaMka's a + b + 2·lo(a)·lo(b),
// 3.6) runs on each row, then on each column; the result is xored with R.
#include "kdf/argon2_block.hpp"

#include <cstring>
#include <utility>

#include "support/bytes.hpp"
#include "support/unroll.hpp"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace parahash::argon2 {
namespace {

#ifndef __wasm_simd128__
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

#else
// The same permutation with two words per v128, BLAKE2b-style: the sixteen words of P are
// a0 a1 b0 b1 c0 c1 d0 d1 = (v0 v1) (v2 v3) … (v14 v15), so one step runs the G of v0 and v1
// (set 0) and of v2 and v3 (set 1) at once.
struct Simd {
  // x += y + 2·lo(x)·lo(y) for both sets; the four low halves of a pair share one shuffle and
  // the products come out of one extmul each.
  PARAHASH_ALWAYS_INLINE static void blamka(v128_t& x0, v128_t& x1, v128_t y0, v128_t y1) noexcept {
    const v128_t xl = wasm_i32x4_shuffle(x0, x1, 0, 2, 4, 6);
    const v128_t yl = wasm_i32x4_shuffle(y0, y1, 0, 2, 4, 6);
    const v128_t p0 = wasm_u64x2_extmul_low_u32x4(xl, yl);
    const v128_t p1 = wasm_u64x2_extmul_high_u32x4(xl, yl);
    x0 = wasm_i64x2_add(wasm_i64x2_add(x0, y0), wasm_i64x2_add(p0, p0));
    x1 = wasm_i64x2_add(wasm_i64x2_add(x1, y1), wasm_i64x2_add(p1, p1));
  }
  PARAHASH_ALWAYS_INLINE static v128_t rotr32(v128_t x) noexcept { return wasm_i32x4_shuffle(x, x, 1, 0, 3, 2); }
  PARAHASH_ALWAYS_INLINE static v128_t rotr24(v128_t x) noexcept {
    return wasm_i8x16_shuffle(x, x, 3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10);
  }
  PARAHASH_ALWAYS_INLINE static v128_t rotr16(v128_t x) noexcept {
    return wasm_i8x16_shuffle(x, x, 2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9);
  }
  PARAHASH_ALWAYS_INLINE static v128_t rotr63(v128_t x) noexcept {
    return wasm_v128_or(wasm_i64x2_add(x, x), wasm_u64x2_shr(x, 63));
  }

  PARAHASH_ALWAYS_INLINE static void half(v128_t* r) noexcept {  // r: a0 a1 b0 b1 c0 c1 d0 d1
    blamka(r[0], r[1], r[2], r[3]);
    r[6] = rotr32(wasm_v128_xor(r[6], r[0]));
    r[7] = rotr32(wasm_v128_xor(r[7], r[1]));
    blamka(r[4], r[5], r[6], r[7]);
    r[2] = rotr24(wasm_v128_xor(r[2], r[4]));
    r[3] = rotr24(wasm_v128_xor(r[3], r[5]));
    blamka(r[0], r[1], r[2], r[3]);
    r[6] = rotr16(wasm_v128_xor(r[6], r[0]));
    r[7] = rotr16(wasm_v128_xor(r[7], r[1]));
    blamka(r[4], r[5], r[6], r[7]);
    r[2] = rotr63(wasm_v128_xor(r[2], r[4]));
    r[3] = rotr63(wasm_v128_xor(r[3], r[5]));
  }

  // P on the eight registers at word offsets Off… of the block.
  template <std::size_t... Off>
  PARAHASH_ALWAYS_INLINE static void permute(std::uint64_t* z, std::index_sequence<Off...>) noexcept {
    v128_t r[8] = {wasm_v128_load(z + Off)...};
    half(r);  // columns of the 4 × 4 word matrix
    // Diagonals become columns: b rotates by one word, c by two, d by three.
    v128_t b0 = wasm_i64x2_shuffle(r[2], r[3], 1, 2), b1 = wasm_i64x2_shuffle(r[2], r[3], 3, 0);
    v128_t d0 = wasm_i64x2_shuffle(r[6], r[7], 3, 0), d1 = wasm_i64x2_shuffle(r[6], r[7], 1, 2);
    r[2] = b0; r[3] = b1;
    std::swap(r[4], r[5]);
    r[6] = d0; r[7] = d1;
    half(r);
    b0 = wasm_i64x2_shuffle(r[2], r[3], 3, 0), b1 = wasm_i64x2_shuffle(r[2], r[3], 1, 2);
    d0 = wasm_i64x2_shuffle(r[6], r[7], 1, 2), d1 = wasm_i64x2_shuffle(r[6], r[7], 3, 0);
    r[2] = b0; r[3] = b1;
    std::swap(r[4], r[5]);
    r[6] = d0; r[7] = d1;
    std::size_t k = 0;
    ((wasm_v128_store(z + Off, r[k++])), ...);
  }
};

// Register k of row i starts at word 16i + 2k; of column i, at word 16k + 2i.
template <std::size_t Row>
using RowRegisters = std::index_sequence<16 * Row, 16 * Row + 2, 16 * Row + 4, 16 * Row + 6, 16 * Row + 8,
                                         16 * Row + 10, 16 * Row + 12, 16 * Row + 14>;
template <std::size_t Col>
using ColumnRegisters = std::index_sequence<2 * Col, 2 * Col + 16, 2 * Col + 32, 2 * Col + 48, 2 * Col + 64,
                                            2 * Col + 80, 2 * Col + 96, 2 * Col + 112>;
#endif

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
#ifdef __wasm_simd128__
  unrolled<0, 8>([&](auto i) PARAHASH_ALWAYS_INLINE { Simd::permute(z.v, RowRegisters<decltype(i)::value>{}); });
  unrolled<0, 8>([&](auto i) PARAHASH_ALWAYS_INLINE { Simd::permute(z.v, ColumnRegisters<decltype(i)::value>{}); });
#else
  unrolled<0, 8>([&](auto i) PARAHASH_ALWAYS_INLINE { permute(z.v, RowWords<decltype(i)::value>{}); });
  unrolled<0, 8>([&](auto i) PARAHASH_ALWAYS_INLINE { permute(z.v, ColumnWords<decltype(i)::value>{}); });
#endif
  if (xor_into) {
    for (std::size_t i = 0; i < kWords; ++i) out.v[i] ^= z.v[i] ^ r.v[i];
  } else {
    for (std::size_t i = 0; i < kWords; ++i) out.v[i] = z.v[i] ^ r.v[i];
  }
}

}  // namespace parahash::argon2
