// RFC 7914 sections 3 to 5. See scrypt_core.hpp for the diagonal word layout.
#include "kdf/scrypt_core.hpp"

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#include "support/bytes.hpp"
#include "support/unroll.hpp"

namespace parahash::scrypt_core {
namespace {

constexpr std::size_t kBlockWords = 16;  // one Salsa20 block

// Where Salsa20 word w lives: position i holds word 5·i mod 16, and 13 = 5⁻¹ mod 16.
constexpr std::size_t slot(std::size_t w) noexcept { return (13 * w) % 16; }

void load_blocks(std::uint32_t* to, const std::uint8_t* from, std::size_t blocks) noexcept {
  for (std::size_t k = 0; k < blocks; ++k, to += kBlockWords, from += 64) {
    for (std::size_t w = 0; w < kBlockWords; ++w) to[slot(w)] = load_le32(from + 4 * w);
  }
}

void store_blocks(std::uint8_t* to, const std::uint32_t* from, std::size_t blocks) noexcept {
  for (std::size_t k = 0; k < blocks; ++k, to += 64, from += kBlockWords) {
    for (std::size_t w = 0; w < kBlockWords; ++w) store_le32(to + 4 * w, from[slot(w)]);
  }
}

// One Salsa20 block in 16 scalars. After inlining, clang and gcc keep the array in registers
// (wasm locals).
struct Portable {
  struct Block {
    std::uint32_t w[kBlockWords];
  };

  PARAHASH_ALWAYS_INLINE static Block load(const std::uint32_t* p) noexcept {
    Block b;
    std::memcpy(b.w, p, sizeof b.w);
    return b;
  }
  PARAHASH_ALWAYS_INLINE static void xor_in(Block& b, const std::uint32_t* p) noexcept {
    for (std::size_t i = 0; i < kBlockWords; ++i) b.w[i] ^= p[i];
  }
  PARAHASH_ALWAYS_INLINE static void store(std::uint32_t* p, const Block& b) noexcept { std::memcpy(p, b.w, sizeof b.w); }

  // Section 3, word for word; x_k is matrix word k.
  PARAHASH_ALWAYS_INLINE static void salsa(Block& b) noexcept {
    std::uint32_t x0 = b.w[slot(0)], x1 = b.w[slot(1)], x2 = b.w[slot(2)], x3 = b.w[slot(3)];
    std::uint32_t x4 = b.w[slot(4)], x5 = b.w[slot(5)], x6 = b.w[slot(6)], x7 = b.w[slot(7)];
    std::uint32_t x8 = b.w[slot(8)], x9 = b.w[slot(9)], x10 = b.w[slot(10)], x11 = b.w[slot(11)];
    std::uint32_t x12 = b.w[slot(12)], x13 = b.w[slot(13)], x14 = b.w[slot(14)], x15 = b.w[slot(15)];
    unrolled<0, 4>([&](auto) PARAHASH_ALWAYS_INLINE {
      // Columns.
      x4 ^= rotl32(x0 + x12, 7);   x8 ^= rotl32(x4 + x0, 9);    x12 ^= rotl32(x8 + x4, 13);  x0 ^= rotl32(x12 + x8, 18);
      x9 ^= rotl32(x5 + x1, 7);    x13 ^= rotl32(x9 + x5, 9);   x1 ^= rotl32(x13 + x9, 13);  x5 ^= rotl32(x1 + x13, 18);
      x14 ^= rotl32(x10 + x6, 7);  x2 ^= rotl32(x14 + x10, 9);  x6 ^= rotl32(x2 + x14, 13);  x10 ^= rotl32(x6 + x2, 18);
      x3 ^= rotl32(x15 + x11, 7);  x7 ^= rotl32(x3 + x15, 9);   x11 ^= rotl32(x7 + x3, 13);  x15 ^= rotl32(x11 + x7, 18);
      // Rows.
      x1 ^= rotl32(x0 + x3, 7);    x2 ^= rotl32(x1 + x0, 9);    x3 ^= rotl32(x2 + x1, 13);   x0 ^= rotl32(x3 + x2, 18);
      x6 ^= rotl32(x5 + x4, 7);    x7 ^= rotl32(x6 + x5, 9);    x4 ^= rotl32(x7 + x6, 13);   x5 ^= rotl32(x4 + x7, 18);
      x11 ^= rotl32(x10 + x9, 7);  x8 ^= rotl32(x11 + x10, 9);  x9 ^= rotl32(x8 + x11, 13);  x10 ^= rotl32(x9 + x8, 18);
      x12 ^= rotl32(x15 + x14, 7); x13 ^= rotl32(x12 + x15, 9); x14 ^= rotl32(x13 + x12, 13); x15 ^= rotl32(x14 + x13, 18);
    });
    b.w[slot(0)] += x0;   b.w[slot(1)] += x1;   b.w[slot(2)] += x2;   b.w[slot(3)] += x3;
    b.w[slot(4)] += x4;   b.w[slot(5)] += x5;   b.w[slot(6)] += x6;   b.w[slot(7)] += x7;
    b.w[slot(8)] += x8;   b.w[slot(9)] += x9;   b.w[slot(10)] += x10; b.w[slot(11)] += x11;
    b.w[slot(12)] += x12; b.w[slot(13)] += x13; b.w[slot(14)] += x14; b.w[slot(15)] += x15;
  }
};

#ifdef __wasm_simd128__
// Four v128 rows of the diagonal layout: a = words (0, 5, 10, 15), b = (4, 9, 14, 3),
// c = (8, 13, 2, 7), d = (12, 1, 6, 11). A column half-round is then four lane-wise
// quarter-round steps; rotating the lanes of b, c, d lines the rows up for the row half-round.
// Per double round: 40 vector operations and 6 shuffles against 96 scalar ones.
struct Simd {
  struct Block {
    v128_t a, b, c, d;
  };

  PARAHASH_ALWAYS_INLINE static Block load(const std::uint32_t* p) noexcept {
    return {wasm_v128_load(p), wasm_v128_load(p + 4), wasm_v128_load(p + 8), wasm_v128_load(p + 12)};
  }
  PARAHASH_ALWAYS_INLINE static void xor_in(Block& x, const std::uint32_t* p) noexcept {
    x.a = wasm_v128_xor(x.a, wasm_v128_load(p));
    x.b = wasm_v128_xor(x.b, wasm_v128_load(p + 4));
    x.c = wasm_v128_xor(x.c, wasm_v128_load(p + 8));
    x.d = wasm_v128_xor(x.d, wasm_v128_load(p + 12));
  }
  PARAHASH_ALWAYS_INLINE static void store(std::uint32_t* p, const Block& x) noexcept {
    wasm_v128_store(p, x.a);
    wasm_v128_store(p + 4, x.b);
    wasm_v128_store(p + 8, x.c);
    wasm_v128_store(p + 12, x.d);
  }

  // target ^= (p + q) <<< n, lane-wise (wasm SIMD has no rotate).
  template <int N>
  PARAHASH_ALWAYS_INLINE static v128_t step(v128_t target, v128_t p, v128_t q) noexcept {
    const v128_t t = wasm_i32x4_add(p, q);
    return wasm_v128_xor(target, wasm_v128_or(wasm_i32x4_shl(t, N), wasm_u32x4_shr(t, 32 - N)));
  }

  PARAHASH_ALWAYS_INLINE static void salsa(Block& x) noexcept {
    v128_t a = x.a, b = x.b, c = x.c, d = x.d;
    unrolled<0, 4>([&](auto) PARAHASH_ALWAYS_INLINE {
      // Columns: lane k of (a, b, c, d) is column k's (x_k, x_k+4, x_k+8, x_k+12), rotated.
      b = step<7>(b, a, d);
      c = step<9>(c, b, a);
      d = step<13>(d, c, b);
      a = step<18>(a, d, c);
      // b = (3, 4, 9, 14), c = (2, 7, 8, 13), d = (1, 6, 11, 12): lane k now holds row k.
      b = wasm_i32x4_shuffle(b, b, 3, 0, 1, 2);
      c = wasm_i32x4_shuffle(c, c, 2, 3, 0, 1);
      d = wasm_i32x4_shuffle(d, d, 1, 2, 3, 0);
      d = step<7>(d, a, b);
      c = step<9>(c, d, a);
      b = step<13>(b, c, d);
      a = step<18>(a, b, c);
      b = wasm_i32x4_shuffle(b, b, 1, 2, 3, 0);
      c = wasm_i32x4_shuffle(c, c, 2, 3, 0, 1);
      d = wasm_i32x4_shuffle(d, d, 3, 0, 1, 2);
    });
    x.a = wasm_i32x4_add(x.a, a);
    x.b = wasm_i32x4_add(x.b, b);
    x.c = wasm_i32x4_add(x.c, c);
    x.d = wasm_i32x4_add(x.d, d);
  }
};
// Chosen by measurement: ROMix at N = 2^14, r = 8 takes ~25 ms with this path against ~35.5 ms
// with Portable (bench/cpp/kdf_speed under Node 20.20, V8 11.3, best of 5, three runs), so SIMD
// is the default wherever it compiles; ro_mix_portable keeps the other one callable.
using Best = Simd;
#else
using Best = Portable;
#endif

// Section 4 with B (or B ⊕ B2 when kXor, which saves ROMix a pass over X): out[i] = Salsa(X ⊕
// B[i]) with X running from B[2r − 1]; even i go to the first half of out, odd i to the second.
template <class L, bool kXor>
void mix(const std::uint32_t* in, const std::uint32_t* in2, std::uint32_t* out, std::uint32_t r) noexcept {
  const std::size_t last = (2 * std::size_t{r} - 1) * kBlockWords;
  auto x = L::load(in + last);
  if constexpr (kXor) L::xor_in(x, in2 + last);
  for (std::size_t i = 0; i < r; ++i) {
    const std::size_t even = 2 * i * kBlockWords, odd = even + kBlockWords;
    L::xor_in(x, in + even);
    if constexpr (kXor) L::xor_in(x, in2 + even);
    L::salsa(x);
    L::store(out + i * kBlockWords, x);
    L::xor_in(x, in + odd);
    if constexpr (kXor) L::xor_in(x, in2 + odd);
    L::salsa(x);
    L::store(out + (r + i) * kBlockWords, x);
  }
}

// Steps of ROMix between two looks at the stop cell: one step is 2·r Salsa20/8 cores (~0.1 µs
// each in wasm), so ~8,192 cores is under a millisecond at any r.
constexpr std::size_t steps_per_poll(std::uint32_t r) noexcept { return std::max<std::size_t>(1, 4096 / r); }

// Section 5. V[i + 1] = BlockMix(V[i]) is written in place, so the first loop copies nothing;
// the second alternates between the two scratch blocks.
template <class L>
void ro_mix_with(std::uint8_t* b, std::uint32_t r, std::uint32_t n, std::uint32_t* work, const StopToken& stop,
                 std::size_t* written) {
  const std::size_t block = 32 * std::size_t{r};  // words per 128·r-byte block
  const std::size_t poll = steps_per_poll(r);
  std::uint32_t* v = work;
  std::uint32_t* x = work + block * n;
  std::uint32_t* y = x + block;
  std::size_t scratch_written = 0;
  if (written == nullptr) written = &scratch_written;
  *written = block;
  load_blocks(v, b, 2 * std::size_t{r});
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (i % poll == 0) {
      *written = (i + 1) * block;
      stop.throw_if_stopped("scrypt");
    }
    mix<L, false>(v + i * block, nullptr, v + (i + 1) * block, r);
  }
  *written = (std::size_t{n} + 2) * block;  // all of V, and X and T from here on
  mix<L, false>(v + (n - 1) * block, nullptr, x, r);
  // Integerify: the first word of the last 64-byte block; N <= 2^31 needs no more of it.
  const std::size_t integer = (2 * std::size_t{r} - 1) * kBlockWords;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (i % poll == 0) stop.throw_if_stopped("scrypt");
    const std::uint32_t j = x[integer] & (n - 1);
    mix<L, true>(x, v + j * block, y, r);
    std::swap(x, y);
  }
  store_blocks(b, x, 2 * std::size_t{r});
}

}  // namespace

void salsa20_8(std::uint8_t* block) noexcept {
  std::uint32_t words[kBlockWords];
  load_blocks(words, block, 1);
  auto x = Best::load(words);
  Best::salsa(x);
  Best::store(words, x);
  store_blocks(block, words, 1);
  secure_zero(words, sizeof words);
}

void block_mix(const std::uint8_t* in, std::uint8_t* out, std::uint32_t r) {
  const std::size_t words = 32 * std::size_t{r};
  std::vector<std::uint32_t> buffer(2 * words);
  load_blocks(buffer.data(), in, 2 * std::size_t{r});
  mix<Best, false>(buffer.data(), nullptr, buffer.data() + words, r);
  store_blocks(out, buffer.data() + words, 2 * std::size_t{r});
  secure_zero(buffer.data(), buffer.size() * sizeof(std::uint32_t));
}

void ro_mix(std::uint8_t* b, std::uint32_t r, std::uint32_t n, std::uint32_t* work, const StopToken& stop,
            std::size_t* written) {
  ro_mix_with<Best>(b, r, n, work, stop, written);
}

void ro_mix_portable(std::uint8_t* b, std::uint32_t r, std::uint32_t n, std::uint32_t* work, const StopToken& stop,
                     std::size_t* written) {
  ro_mix_with<Portable>(b, r, n, work, stop, written);
}

bool ro_mix_uses_simd() noexcept {
#ifdef __wasm_simd128__
  return true;
#else
  return false;
#endif
}

}  // namespace parahash::scrypt_core
