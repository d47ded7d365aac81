// The BLAKE3 specification, section 2.2 (compression) and 2.4 (chunks). The SIMD chunk loop is
// the "hash many inputs at once" layout the BLAKE3 paper describes (section 5.3): the same
// message word of four chunks shares one v128, so the rounds run unchanged on four lanes.
#include "kernels/blake3_core.hpp"

#include <cstring>

#include "support/bytes.hpp"
#include "support/unroll.hpp"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace parahash::blake3 {
namespace {

constexpr std::uint8_t kPermutation[16] = {2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8};

// Round r reads message word kSchedule[r][i] where the specification permutes the words r
// times; precomputed so every index is a constant.
constexpr auto kSchedule = [] {
  std::array<std::array<std::uint8_t, 16>, 7> s{};
  for (std::uint8_t i = 0; i < 16; ++i) s[0][i] = i;
  for (std::size_t r = 1; r < 7; ++r) {
    for (std::size_t i = 0; i < 16; ++i) s[r][i] = s[r - 1][kPermutation[i]];
  }
  return s;
}();

// The G function and the round, written once for scalar words and for v128 lanes: Ops supplies
// add, xor and the four rotations.
template <class Ops, class V>
PARAHASH_ALWAYS_INLINE inline void g(V* s, int a, int b, int c, int d, V x, V y) noexcept {
  s[a] = Ops::add(Ops::add(s[a], s[b]), x);
  s[d] = Ops::rotr16(Ops::xor_(s[d], s[a]));
  s[c] = Ops::add(s[c], s[d]);
  s[b] = Ops::rotr12(Ops::xor_(s[b], s[c]));
  s[a] = Ops::add(Ops::add(s[a], s[b]), y);
  s[d] = Ops::rotr8(Ops::xor_(s[d], s[a]));
  s[c] = Ops::add(s[c], s[d]);
  s[b] = Ops::rotr7(Ops::xor_(s[b], s[c]));
}

template <class Ops, class V>
PARAHASH_ALWAYS_INLINE inline void seven_rounds(V* s, const V* m) noexcept {
  unrolled<0, 7>([&](auto r) PARAHASH_ALWAYS_INLINE {
    constexpr const auto& w = kSchedule[r];
    g<Ops>(s, 0, 4, 8, 12, m[w[0]], m[w[1]]);
    g<Ops>(s, 1, 5, 9, 13, m[w[2]], m[w[3]]);
    g<Ops>(s, 2, 6, 10, 14, m[w[4]], m[w[5]]);
    g<Ops>(s, 3, 7, 11, 15, m[w[6]], m[w[7]]);
    g<Ops>(s, 0, 5, 10, 15, m[w[8]], m[w[9]]);
    g<Ops>(s, 1, 6, 11, 12, m[w[10]], m[w[11]]);
    g<Ops>(s, 2, 7, 8, 13, m[w[12]], m[w[13]]);
    g<Ops>(s, 3, 4, 9, 14, m[w[14]], m[w[15]]);
  });
}

struct ScalarOps {
  static std::uint32_t add(std::uint32_t a, std::uint32_t b) noexcept { return a + b; }
  static std::uint32_t xor_(std::uint32_t a, std::uint32_t b) noexcept { return a ^ b; }
  static std::uint32_t rotr16(std::uint32_t x) noexcept { return rotr32(x, 16); }
  static std::uint32_t rotr12(std::uint32_t x) noexcept { return rotr32(x, 12); }
  static std::uint32_t rotr8(std::uint32_t x) noexcept { return rotr32(x, 8); }
  static std::uint32_t rotr7(std::uint32_t x) noexcept { return rotr32(x, 7); }
};

Cv hash_one_chunk(const Cv& key, std::uint32_t flags, const std::uint8_t* chunk, std::uint64_t counter) noexcept {
  Cv cv = key;
  for (std::size_t b = 0; b < kChunk / kBlock; ++b) {
    std::uint32_t m[16];
    for (int i = 0; i < 16; ++i) m[i] = load_le32(chunk + b * kBlock + 4 * i);
    const std::uint32_t block_flags =
        flags | (b == 0 ? kChunkStart : 0) | (b == kChunk / kBlock - 1 ? kChunkEnd : 0);
    const auto out = compress(cv, m, counter, kBlock, block_flags);
    std::memcpy(cv.data(), out.data(), sizeof cv);
  }
  return cv;
}

#ifdef __wasm_simd128__
struct SimdOps {
  static v128_t add(v128_t a, v128_t b) noexcept { return wasm_i32x4_add(a, b); }
  static v128_t xor_(v128_t a, v128_t b) noexcept { return wasm_v128_xor(a, b); }
  // Byte-multiple rotations are one shuffle; the others two shifts and an or.
  static v128_t rotr16(v128_t x) noexcept { return wasm_i8x16_shuffle(x, x, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13); }
  static v128_t rotr8(v128_t x) noexcept { return wasm_i8x16_shuffle(x, x, 1, 2, 3, 0, 5, 6, 7, 4, 9, 10, 11, 8, 13, 14, 15, 12); }
  static v128_t rotr12(v128_t x) noexcept { return wasm_v128_or(wasm_u32x4_shr(x, 12), wasm_i32x4_shl(x, 20)); }
  static v128_t rotr7(v128_t x) noexcept { return wasm_v128_or(wasm_u32x4_shr(x, 7), wasm_i32x4_shl(x, 25)); }
};

// Rows r0..r3 of a 4×4 matrix of words become its columns.
PARAHASH_ALWAYS_INLINE inline void transpose4(v128_t& r0, v128_t& r1, v128_t& r2, v128_t& r3) noexcept {
  const v128_t t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5);
  const v128_t t1 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7);
  const v128_t t2 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5);
  const v128_t t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
  r0 = wasm_i64x2_shuffle(t0, t2, 0, 2);
  r1 = wasm_i64x2_shuffle(t0, t2, 1, 3);
  r2 = wasm_i64x2_shuffle(t1, t3, 0, 2);
  r3 = wasm_i64x2_shuffle(t1, t3, 1, 3);
}

// Chunks first_counter … first_counter + 3, lane j holding chunk j.
void hash_four_chunks(const Cv& key, std::uint32_t flags, const std::uint8_t* data, std::uint64_t first_counter,
                      Cv* out) noexcept {
  v128_t h[8];
  for (int i = 0; i < 8; ++i) h[i] = wasm_i32x4_splat(static_cast<std::int32_t>(key[i]));
  const std::uint64_t c = first_counter;
  const v128_t counter_low = wasm_u32x4_make(static_cast<std::uint32_t>(c), static_cast<std::uint32_t>(c + 1),
                                             static_cast<std::uint32_t>(c + 2), static_cast<std::uint32_t>(c + 3));
  const v128_t counter_high =
      wasm_u32x4_make(static_cast<std::uint32_t>(c >> 32), static_cast<std::uint32_t>((c + 1) >> 32),
                      static_cast<std::uint32_t>((c + 2) >> 32), static_cast<std::uint32_t>((c + 3) >> 32));
  for (std::size_t b = 0; b < kChunk / kBlock; ++b) {
    v128_t m[16];
    // Words 4k..4k+3 of the four chunks' block b, transposed so m[i] holds word i of each chunk.
    for (int k = 0; k < 4; ++k) {
      const std::uint8_t* p = data + b * kBlock + 16 * k;
      v128_t r0 = wasm_v128_load(p), r1 = wasm_v128_load(p + kChunk), r2 = wasm_v128_load(p + 2 * kChunk),
             r3 = wasm_v128_load(p + 3 * kChunk);
      transpose4(r0, r1, r2, r3);
      m[4 * k] = r0; m[4 * k + 1] = r1; m[4 * k + 2] = r2; m[4 * k + 3] = r3;
    }
    const std::uint32_t block_flags =
        flags | (b == 0 ? kChunkStart : 0) | (b == kChunk / kBlock - 1 ? kChunkEnd : 0);
    v128_t s[16] = {h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7],
                    wasm_i32x4_splat(static_cast<std::int32_t>(kIv[0])), wasm_i32x4_splat(static_cast<std::int32_t>(kIv[1])),
                    wasm_i32x4_splat(static_cast<std::int32_t>(kIv[2])), wasm_i32x4_splat(static_cast<std::int32_t>(kIv[3])),
                    counter_low, counter_high, wasm_i32x4_splat(static_cast<std::int32_t>(kBlock)),
                    wasm_i32x4_splat(static_cast<std::int32_t>(block_flags))};
    seven_rounds<SimdOps>(s, m);
    for (int i = 0; i < 8; ++i) h[i] = wasm_v128_xor(s[i], s[i + 8]);
  }
  transpose4(h[0], h[1], h[2], h[3]);
  transpose4(h[4], h[5], h[6], h[7]);
  for (int j = 0; j < 4; ++j) {
    wasm_v128_store(out[j].data(), h[j]);
    wasm_v128_store(out[j].data() + 4, h[4 + j]);
  }
}
#endif

}  // namespace

std::array<std::uint32_t, 16> compress(const Cv& cv, const std::uint32_t block[16], std::uint64_t counter,
                                        std::uint32_t block_len, std::uint32_t flags) noexcept {
  std::uint32_t s[16] = {cv[0], cv[1], cv[2], cv[3], cv[4], cv[5], cv[6], cv[7],
                         kIv[0], kIv[1], kIv[2], kIv[3], static_cast<std::uint32_t>(counter),
                         static_cast<std::uint32_t>(counter >> 32), block_len, flags};
  std::uint32_t m[16];
  std::memcpy(m, block, sizeof m);
  seven_rounds<ScalarOps>(s, m);
  std::array<std::uint32_t, 16> out;
  for (int i = 0; i < 8; ++i) {
    out[i] = s[i] ^ s[i + 8];
    out[i + 8] = s[i + 8] ^ cv[i];
  }
  return out;
}

void hash_chunks(const Cv& key, std::uint32_t flags, const std::uint8_t* data, std::size_t count,
                 std::uint64_t first_counter, Cv* out) noexcept {
  std::size_t i = 0;
#ifdef __wasm_simd128__
  for (; i + 4 <= count; i += 4) hash_four_chunks(key, flags, data + i * kChunk, first_counter + i, out + i);
#endif
  for (; i < count; ++i) out[i] = hash_one_chunk(key, flags, data + i * kChunk, first_counter + i);
}

}  // namespace parahash::blake3
