// XXH3-64 and XXH3-128, written from the xxHash specification (doc/xxhash_spec.md, the XXH3
// sections; the algorithm as frozen in xxHash v0.8.0). Not cryptographic. Inputs of 0..240 bytes
// take one of six short formulas keyed by the seed and the default secret; longer inputs run
// 64-byte stripes through eight 64-bit lanes with a secret derived from the seed, scramble the
// lanes after every 1024-byte block, and always finish with the input's last 64 bytes as a stripe
// of its own. The digest is the value as big-endian bytes (XXH128: high half first), so hex
// matches `xxhsum -H3` / `xxhsum -H2`.
#include <algorithm>
#include <array>
#include <cstring>

#include "kernels/kernel.hpp"
#include "support/bytes.hpp"

#if defined(__wasm_simd128__) && !defined(PARAHASH_XXH3_SCALAR)
#include <wasm_simd128.h>
#define PARAHASH_XXH3_WASM_SIMD 1
#endif

namespace parahash {
namespace {

constexpr std::uint64_t kP32_1 = 0x9E3779B1U, kP32_2 = 0x85EBCA77U, kP32_3 = 0xC2B2AE3DU;
constexpr std::uint64_t kP64_1 = 0x9E3779B185EBCA87ULL, kP64_2 = 0xC2B2AE3D27D4EB4FULL,
                        kP64_3 = 0x165667B19E3779F9ULL, kP64_4 = 0x85EBCA77C2B2AE63ULL,
                        kP64_5 = 0x27D4EB2F165667C5ULL;
constexpr std::uint64_t kMx1 = 0x165667919E3779F9ULL, kMx2 = 0x9FB21C651E98DF25ULL;

// The specification's default secret (defaultSecret[192]).
constexpr std::size_t kSecretSize = 192;
alignas(16) constexpr std::uint8_t kSecret[kSecretSize] = {
    0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
    0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
    0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
    0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
    0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb, 0x88, 0xd0, 0x65, 0x8b, 0x1b, 0x53, 0x2e, 0xa3,
    0x71, 0x64, 0x48, 0x97, 0xa2, 0x0d, 0xf9, 0x4e, 0x38, 0x19, 0xef, 0x46, 0xa9, 0xde, 0xac, 0xd8,
    0xa8, 0xfa, 0x76, 0x3f, 0xe3, 0x9c, 0x34, 0x3f, 0xf9, 0xdc, 0xbb, 0xc7, 0xc7, 0x0b, 0x4f, 0x1d,
    0x8a, 0x51, 0xe0, 0x4b, 0xcd, 0xb4, 0x59, 0x31, 0xc8, 0x9f, 0x7e, 0xc9, 0xd9, 0x78, 0x73, 0x64,
    0xea, 0xc5, 0xac, 0x83, 0x34, 0xd3, 0xeb, 0xc3, 0xc5, 0x81, 0xa0, 0xff, 0xfa, 0x13, 0x63, 0xeb,
    0x17, 0x0d, 0xdd, 0x51, 0xb7, 0xf0, 0xda, 0x49, 0xd3, 0x16, 0x55, 0x26, 0x29, 0xd4, 0x68, 0x9e,
    0x2b, 0x16, 0xbe, 0x58, 0x7d, 0x47, 0xa1, 0xfc, 0x8f, 0xf8, 0xb8, 0xd1, 0x7a, 0xd0, 0x31, 0xce,
    0x45, 0xcb, 0x3a, 0x8f, 0x95, 0x16, 0x04, 0x28, 0xaf, 0xd7, 0xfb, 0xca, 0xbb, 0x4b, 0x40, 0x7e,
};

constexpr std::size_t kStripe = 64;                                     // bytes: 8 lanes of 8
constexpr std::size_t kStripesPerBlock = (kSecretSize - kStripe) / 8;  // 16: 1024-byte blocks
constexpr std::size_t kShortMax = 240;                                 // longest input of the short formulas

struct U128 {
  std::uint64_t lo, hi;
};

// 64 x 64 -> 128-bit product. wasm32 has no 128-bit multiply instruction; clang's __int128 there
// is a call to __multi3, so the four 32-bit products are written out instead.
inline U128 mul128(std::uint64_t a, std::uint64_t b) noexcept {
#if defined(__SIZEOF_INT128__) && !defined(__wasm__)
  __extension__ typedef unsigned __int128 Wide;  // a GNU extension; __extension__ keeps -Wpedantic quiet
  Wide p = static_cast<Wide>(a) * b;
  return {static_cast<std::uint64_t>(p), static_cast<std::uint64_t>(p >> 64)};
#else
  std::uint64_t lo_lo = (a & 0xFFFFFFFFU) * (b & 0xFFFFFFFFU);
  std::uint64_t hi_lo = (a >> 32) * (b & 0xFFFFFFFFU);
  std::uint64_t lo_hi = (a & 0xFFFFFFFFU) * (b >> 32);
  std::uint64_t hi_hi = (a >> 32) * (b >> 32);
  std::uint64_t cross = (lo_lo >> 32) + (hi_lo & 0xFFFFFFFFU) + lo_hi;
  return {(cross << 32) | (lo_lo & 0xFFFFFFFFU), hi_hi + (hi_lo >> 32) + (cross >> 32)};
#endif
}

inline std::uint64_t mul_fold(std::uint64_t a, std::uint64_t b) noexcept {
  U128 p = mul128(a, b);
  return p.lo ^ p.hi;
}

inline std::uint32_t bswap32(std::uint32_t x) noexcept { return __builtin_bswap32(x); }
inline std::uint64_t bswap64(std::uint64_t x) noexcept { return __builtin_bswap64(x); }

// The specification's avalanche_XXH64().
inline std::uint64_t avalanche_xxh64(std::uint64_t x) noexcept {
  x ^= x >> 33;
  x *= kP64_2;
  x ^= x >> 29;
  x *= kP64_3;
  return x ^ (x >> 32);
}

// The specification's avalanche().
inline std::uint64_t avalanche(std::uint64_t x) noexcept {
  x ^= x >> 37;
  x *= kMx1;
  return x ^ (x >> 32);
}

// ---- 0..16 bytes ----

inline std::uint32_t combine_1to3(const std::uint8_t* p, std::size_t n) noexcept {
  return std::uint32_t{p[n - 1]} | (static_cast<std::uint32_t>(n) << 8) | (std::uint32_t{p[0]} << 16) |
         (std::uint32_t{p[n >> 1]} << 24);
}

// The 4..8-byte formulas use the seed with its low half byte-swapped into the high half.
inline std::uint64_t seed_4to8(std::uint64_t seed) noexcept {
  return seed ^ (std::uint64_t{bswap32(static_cast<std::uint32_t>(seed))} << 32);
}

std::uint64_t hash64_0to16(const std::uint8_t* p, std::size_t n, std::uint64_t seed) noexcept {
  const std::uint8_t* s = kSecret;
  if (n > 8) {
    std::uint64_t lo = ((load_le64(s + 24) ^ load_le64(s + 32)) + seed) ^ load_le64(p);
    std::uint64_t hi = ((load_le64(s + 40) ^ load_le64(s + 48)) - seed) ^ load_le64(p + n - 8);
    return avalanche(n + bswap64(lo) + hi + mul_fold(lo, hi));
  }
  if (n >= 4) {
    std::uint64_t combined = load_le32(p + n - 4) | (std::uint64_t{load_le32(p)} << 32);
    std::uint64_t v = ((load_le64(s + 8) ^ load_le64(s + 16)) - seed_4to8(seed)) ^ combined;
    v ^= rotl64(v, 49) ^ rotl64(v, 24);
    v *= kMx2;
    v ^= (v >> 35) + n;
    v *= kMx2;
    return v ^ (v >> 28);
  }
  if (n > 0) {
    std::uint64_t v = ((std::uint64_t{load_le32(s) ^ load_le32(s + 4)}) + seed) ^ combine_1to3(p, n);
    return avalanche_xxh64(v);
  }
  return avalanche_xxh64(seed ^ load_le64(s + 56) ^ load_le64(s + 64));
}

U128 hash128_0to16(const std::uint8_t* p, std::size_t n, std::uint64_t seed) noexcept {
  const std::uint8_t* s = kSecret;
  if (n > 8) {
    std::uint64_t first = load_le64(p), last = load_le64(p + n - 8);
    std::uint64_t v1 = ((load_le64(s + 32) ^ load_le64(s + 40)) - seed) ^ first ^ last;
    std::uint64_t v2 = ((load_le64(s + 48) ^ load_le64(s + 56)) + seed) ^ last;
    U128 m = mul128(v1, kP64_1);
    std::uint64_t lo = m.lo + (static_cast<std::uint64_t>(n - 1) << 54);
    std::uint64_t hi = m.hi + v2 + (v2 & 0xFFFFFFFFU) * (kP32_2 - 1);
    lo ^= bswap64(hi);
    U128 m2 = mul128(lo, kP64_2);
    return {avalanche(m2.lo), avalanche(m2.hi + hi * kP64_2)};
  }
  if (n >= 4) {
    std::uint64_t combined = load_le32(p) | (std::uint64_t{load_le32(p + n - 4)} << 32);
    std::uint64_t v = ((load_le64(s + 16) ^ load_le64(s + 24)) + seed_4to8(seed)) ^ combined;
    U128 m = mul128(v, kP64_1 + (static_cast<std::uint64_t>(n) << 2));
    std::uint64_t hi = m.hi + (m.lo << 1);
    std::uint64_t lo = m.lo ^ (hi >> 3);
    lo ^= lo >> 35;
    lo *= kMx2;
    lo ^= lo >> 28;
    return {lo, avalanche(hi)};
  }
  if (n > 0) {
    std::uint32_t c = combine_1to3(p, n);
    std::uint64_t lo = (std::uint64_t{load_le32(s) ^ load_le32(s + 4)} + seed) ^ c;
    std::uint64_t hi = (std::uint64_t{load_le32(s + 8) ^ load_le32(s + 12)} - seed) ^ rotl32(bswap32(c), 13);
    return {avalanche_xxh64(lo), avalanche_xxh64(hi)};
  }
  return {avalanche_xxh64(seed ^ load_le64(s + 64) ^ load_le64(s + 72)),
          avalanche_xxh64(seed ^ load_le64(s + 80) ^ load_le64(s + 88))};
}

// ---- 17..240 bytes ----

// mixStep: 16 bytes of input against 16 of the secret.
inline std::uint64_t mix16(const std::uint8_t* p, const std::uint8_t* s, std::uint64_t seed) noexcept {
  return mul_fold(load_le64(p) ^ (load_le64(s) + seed), load_le64(p + 8) ^ (load_le64(s + 8) - seed));
}

// mixTwoChunks: XXH128's pair of accumulators over two 16-byte chunks.
inline void mix32(U128& acc, const std::uint8_t* a, const std::uint8_t* b, const std::uint8_t* s,
                  std::uint64_t seed) noexcept {
  acc.lo += mix16(a, s, seed);
  acc.hi += mix16(b, s + 16, seed);
  acc.lo ^= load_le64(b) + load_le64(b + 8);
  acc.hi ^= load_le64(a) + load_le64(a + 8);
}

std::uint64_t hash64_17to240(const std::uint8_t* p, std::size_t n, std::uint64_t seed) noexcept {
  const std::uint8_t* s = kSecret;
  std::uint64_t acc = n * kP64_1;
  if (n <= 128) {
    // Pairs of chunks from both ends, innermost pair first.
    for (std::size_t i = (n - 1) / 32 + 1; i-- > 0;) {
      acc += mix16(p + 16 * i, s + 32 * i, seed);
      acc += mix16(p + n - 16 * i - 16, s + 32 * i + 16, seed);
    }
    return avalanche(acc);
  }
  for (std::size_t i = 0; i < 8; ++i) acc += mix16(p + 16 * i, s + 16 * i, seed);
  acc = avalanche(acc);
  for (std::size_t i = 8; i < n / 16; ++i) acc += mix16(p + 16 * i, s + 16 * (i - 8) + 3, seed);
  acc += mix16(p + n - 16, s + 119, seed);
  return avalanche(acc);
}

U128 hash128_17to240(const std::uint8_t* p, std::size_t n, std::uint64_t seed) noexcept {
  const std::uint8_t* s = kSecret;
  U128 acc{n * kP64_1, 0};
  if (n <= 128) {
    for (std::size_t i = (n - 1) / 32 + 1; i-- > 0;) mix32(acc, p + 16 * i, p + n - 16 * i - 16, s + 32 * i, seed);
  } else {
    for (std::size_t i = 0; i < 4; ++i) mix32(acc, p + 32 * i, p + 32 * i + 16, s + 32 * i, seed);
    acc = {avalanche(acc.lo), avalanche(acc.hi)};
    for (std::size_t i = 4; i < n / 32; ++i) mix32(acc, p + 32 * i, p + 32 * i + 16, s + 32 * (i - 4) + 3, seed);
    // The last 32 bytes, halves swapped and the seed negated, as specified.
    mix32(acc, p + n - 16, p + n - 32, s + 103, 0 - seed);
  }
  std::uint64_t hi = acc.lo * kP64_1 + acc.hi * kP64_4 + (static_cast<std::uint64_t>(n) - seed) * kP64_2;
  return {avalanche(acc.lo + acc.hi), 0 - avalanche(hi)};
}

// ---- more than 240 bytes: the striped loop ----

using Lanes = std::array<std::uint64_t, 8>;

constexpr Lanes kInitialLanes = {kP32_3, kP64_1, kP64_2, kP64_3, kP64_4, kP32_2, kP64_5, kP32_1};

// accumulate(): one stripe against 64 bytes of secret. Kept scalar even in the SIMD build: the
// final stripe goes through it once per message.
inline void accumulate_scalar(Lanes& acc, const std::uint8_t* stripe, const std::uint8_t* secret) noexcept {
  for (std::size_t i = 0; i < 8; ++i) {
    std::uint64_t data = load_le64(stripe + 8 * i);
    std::uint64_t keyed = data ^ load_le64(secret + 8 * i);
    acc[i ^ 1] += data;
    acc[i] += (keyed & 0xFFFFFFFFU) * (keyed >> 32);
  }
}

#ifndef PARAHASH_XXH3_WASM_SIMD
inline void scramble_scalar(Lanes& acc, const std::uint8_t* secret) noexcept {
  for (std::size_t i = 0; i < 8; ++i) {
    std::uint64_t a = acc[i] ^ (acc[i] >> 47);
    acc[i] = (a ^ load_le64(secret + 8 * i)) * kP32_1;
  }
}
#endif

#ifdef PARAHASH_XXH3_WASM_SIMD
// Two lanes per v128. The 32 x 32 -> 64 products use extmul, which multiplies the low (or high)
// two 32-bit lanes of its operands, so two keyed vectors [l0 h0 l1 h1] [l2 h2 l3 h3] are
// shuffled into [l0 l1 l2 l3] and [h0 h1 h2 h3], and extmul_low / extmul_high give the four
// products. Measured under Node 20 (kernel_speed, 32 MiB): 20.7 GB/s, against 19.3 GB/s with
// one shuffle pair per vector, 12.5 GB/s with i64x2.mul on masked and shifted copies (V8 expands
// it to three multiplies) and 5.5 GB/s scalar.
struct SimdLanes {
  v128_t v[4];
  explicit SimdLanes(const Lanes& a) noexcept {
    for (int j = 0; j < 4; ++j) v[j] = wasm_v128_load(a.data() + 2 * j);
  }
  void store(Lanes& a) const noexcept {
    for (int j = 0; j < 4; ++j) wasm_v128_store(a.data() + 2 * j, v[j]);
  }
  inline void accumulate(const std::uint8_t* stripe, const std::uint8_t* secret) noexcept {
    for (int j = 0; j < 4; j += 2) {
      v128_t d0 = wasm_v128_load(stripe + 16 * j), d1 = wasm_v128_load(stripe + 16 * j + 16);
      v128_t k0 = wasm_v128_xor(d0, wasm_v128_load(secret + 16 * j));
      v128_t k1 = wasm_v128_xor(d1, wasm_v128_load(secret + 16 * j + 16));
      v128_t lo = wasm_i32x4_shuffle(k0, k1, 0, 2, 4, 6);
      v128_t hi = wasm_i32x4_shuffle(k0, k1, 1, 3, 5, 7);
      v[j] = wasm_i64x2_add(v[j], wasm_u64x2_extmul_low_u32x4(lo, hi));
      v[j + 1] = wasm_i64x2_add(v[j + 1], wasm_u64x2_extmul_high_u32x4(lo, hi));
      v[j] = wasm_i64x2_add(v[j], wasm_i64x2_shuffle(d0, d0, 1, 0));
      v[j + 1] = wasm_i64x2_add(v[j + 1], wasm_i64x2_shuffle(d1, d1, 1, 0));
    }
  }
  inline void scramble(const std::uint8_t* secret) noexcept {
    const v128_t prime = wasm_i64x2_splat(static_cast<std::int64_t>(kP32_1));
    for (int j = 0; j < 4; ++j) {
      v128_t a = wasm_v128_xor(v[j], wasm_u64x2_shr(v[j], 47));
      a = wasm_v128_xor(a, wasm_v128_load(secret + 16 * j));
      v[j] = wasm_i64x2_mul(a, prime);
    }
  }
};
#endif

// Runs `count` stripes through the lanes, scrambling at the end of every block. `stripe` is the
// position inside the current block and carries over between calls.
// @pre every stripe passed here is followed by at least one more byte of input: the last stripe
// of a message, and the scramble after a message's last block, belong to finish().
void consume_stripes(Lanes& acc, std::size_t& stripe, const std::uint8_t* in, std::size_t count,
                     const std::uint8_t* secret) noexcept {
#ifdef PARAHASH_XXH3_WASM_SIMD
  SimdLanes v(acc);
  while (count > 0) {
    std::size_t n = std::min(count, kStripesPerBlock - stripe);
    for (std::size_t i = 0; i < n; ++i) v.accumulate(in + kStripe * i, secret + 8 * (stripe + i));
    in += kStripe * n;
    count -= n;
    stripe += n;
    if (stripe == kStripesPerBlock) {
      v.scramble(secret + kSecretSize - kStripe);
      stripe = 0;
    }
  }
  v.store(acc);
#else
  while (count > 0) {
    std::size_t n = std::min(count, kStripesPerBlock - stripe);
    for (std::size_t i = 0; i < n; ++i) accumulate_scalar(acc, in + kStripe * i, secret + 8 * (stripe + i));
    in += kStripe * n;
    count -= n;
    stripe += n;
    if (stripe == kStripesPerBlock) {
      scramble_scalar(acc, secret + kSecretSize - kStripe);
      stripe = 0;
    }
  }
#endif
}

// finalMerge: folds the eight lanes into one value with 64 bytes of secret.
std::uint64_t merge_lanes(const Lanes& acc, const std::uint8_t* secret, std::uint64_t init) noexcept {
  std::uint64_t r = init;
  for (std::size_t i = 0; i < 4; ++i) {
    r += mul_fold(acc[2 * i] ^ load_le64(secret + 16 * i), acc[2 * i + 1] ^ load_le64(secret + 16 * i + 8));
  }
  return avalanche(r);
}

// Streaming state shared by XXH3-64 and XXH3-128; they differ only in their short formulas and
// in how many halves the final merge produces.
template <bool kWide>
class Xxh3 final : public HashState {
  // Holds the first 256 bytes whole, so inputs of up to 240 bytes reach the short formulas
  // unsplit; a multiple of the stripe, so a full buffer is consumed as whole stripes.
  static constexpr std::size_t kBuffer = 4 * kStripe;

 public:
  explicit Xxh3(const HashParams& p) : seed_(p.seed) {
    // deriveSecret(): the default secret read as 24 little-endian words, seed added to the even
    // ones and subtracted from the odd ones. Seed 0 gives the default secret itself.
    for (std::size_t i = 0; i < kSecretSize / 16; ++i) {
      store_le64(secret_.data() + 16 * i, load_le64(kSecret + 16 * i) + seed_);
      store_le64(secret_.data() + 16 * i + 8, load_le64(kSecret + 16 * i + 8) - seed_);
    }
    reset();
  }

  void update(const std::uint8_t* data, std::size_t len) override {
    if (len == 0) return;  // data may then be null, which memcpy must not see
    total_ += len;
    // Nothing is consumed until more than a buffer's worth has arrived, and then only stripes
    // known not to be the last one (they must have input after them).
    if (len <= kBuffer - buffered_) {
      std::memcpy(buffer_.data() + buffered_, data, len);
      buffered_ += len;
      return;
    }
    if (buffered_ > 0) {
      std::size_t take = kBuffer - buffered_;
      std::memcpy(buffer_.data() + buffered_, data, take);
      data += take;
      len -= take;  // still >= 1
      consume_stripes(acc_, stripe_, buffer_.data(), kBuffer / kStripe, secret_.data());
      std::memcpy(previous_.data(), buffer_.data() + kBuffer - kStripe, kStripe);
      buffered_ = 0;
    }
    if (len > kStripe) {
      std::size_t n = (len - 1) / kStripe;  // leaves 1..64 bytes
      consume_stripes(acc_, stripe_, data, n, secret_.data());
      std::memcpy(previous_.data(), data + kStripe * (n - 1), kStripe);
      data += kStripe * n;
      len -= kStripe * n;
    }
    std::memcpy(buffer_.data(), data, len);
    buffered_ = len;
  }

  void finish(std::uint8_t* out, std::size_t) override {
    U128 h;
    if (total_ <= kShortMax) {
      const std::uint8_t* p = buffer_.data();
      std::size_t n = buffered_;
      if constexpr (kWide) {
        h = n <= 16 ? hash128_0to16(p, n, seed_) : hash128_17to240(p, n, seed_);
      } else {
        h.lo = n <= 16 ? hash64_0to16(p, n, seed_) : hash64_17to240(p, n, seed_);
      }
    } else {
      h = finish_long();
    }
    if constexpr (kWide) {
      store_be64(out, h.hi);
      store_be64(out + 8, h.lo);
    } else {
      store_be64(out, h.lo);
    }
  }

  std::unique_ptr<HashState> clone() const override { return std::make_unique<Xxh3>(*this); }

  void reset() override {
    acc_ = kInitialLanes;
    stripe_ = 0;
    buffered_ = 0;
    total_ = 0;
  }

 private:
  // lastRound() and finalMerge() on copies, so finish() leaves the state as it was.
  U128 finish_long() const noexcept {
    Lanes acc = acc_;
    std::size_t stripe = stripe_;
    const std::uint8_t* s = secret_.data();
    // buffered_ is 1..256 here: every stripe but the one holding the last byte.
    consume_stripes(acc, stripe, buffer_.data(), (buffered_ - 1) / kStripe, s);
    // The last stripe is the input's last 64 bytes, reaching back into consumed input if the
    // buffer holds fewer.
    std::array<std::uint8_t, kStripe> last;
    if (buffered_ >= kStripe) {
      std::memcpy(last.data(), buffer_.data() + buffered_ - kStripe, kStripe);
    } else {
      std::memcpy(last.data(), previous_.data() + buffered_, kStripe - buffered_);
      std::memcpy(last.data() + kStripe - buffered_, buffer_.data(), buffered_);
    }
    accumulate_scalar(acc, last.data(), s + kSecretSize - kStripe - 7);
    U128 h{merge_lanes(acc, s + 11, total_ * kP64_1), 0};
    if constexpr (kWide) h.hi = merge_lanes(acc, s + kSecretSize - kStripe - 11, ~(total_ * kP64_2));
    return h;
  }

  std::uint64_t seed_;
  std::array<std::uint8_t, kSecretSize> secret_;  // for inputs over 240 bytes
  Lanes acc_;
  std::size_t stripe_ = 0;          // stripes of the current block already accumulated
  std::array<std::uint8_t, kBuffer> buffer_;
  std::size_t buffered_ = 0;
  std::array<std::uint8_t, kStripe> previous_;  // the 64 bytes just before buffer_[0], once any were consumed
  std::uint64_t total_ = 0;
};

}  // namespace

std::unique_ptr<HashState> make_xxh3(const HashParams& p) { return std::make_unique<Xxh3<false>>(p); }
std::unique_ptr<HashState> make_xxh128(const HashParams& p) { return std::make_unique<Xxh3<true>>(p); }

}  // namespace parahash
