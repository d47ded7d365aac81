// XXH32 and XXH64, from the xxHash specification (doc/xxhash_spec.md, version 0.1.1): four
// accumulators over 16- or 32-byte stripes, a merge, the tail, and an avalanche. Not
// cryptographic. The digest is the value as big-endian bytes, so hex matches xxhsum.
#include <array>
#include <cstring>

#include "kernels/kernel.hpp"
#include "support/bytes.hpp"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace parahash {
namespace {


// The accumulators live in locals for the whole loop: updated in place, they were stored and
// reloaded every stripe, since the input bytes may alias them as far as the compiler knows.
template <class S>
void scalar_stripes(std::array<typename S::Word, 4>& v, const std::uint8_t* p, std::size_t count) noexcept {
  typename S::Word a = v[0], b = v[1], c = v[2], d = v[3];
  constexpr std::size_t w = sizeof(typename S::Word);
  for (; count > 0; --count, p += 4 * w) {
    a = S::round(a, S::load(p));
    b = S::round(b, S::load(p + w));
    c = S::round(c, S::load(p + 2 * w));
    d = S::round(d, S::load(p + 3 * w));
  }
  v = {a, b, c, d};
}

struct Xxh32Spec {
  using Word = std::uint32_t;
  static constexpr Word kP1 = 0x9E3779B1U, kP2 = 0x85EBCA77U, kP3 = 0xC2B2AE3DU, kP4 = 0x27D4EB2FU,
                        kP5 = 0x165667B1U;
  static Word load(const std::uint8_t* p) noexcept { return load_le32(p); }
  static Word rotl(Word x, unsigned n) noexcept { return rotl32(x, n); }
  static Word round(Word acc, Word lane) noexcept { return rotl(acc + lane * kP2, 13) * kP1; }
  static Word merge(Word acc, Word) noexcept { return acc; }  // XXH32 has no merge step
  // The four accumulators over `count` 16-byte stripes. XXH32's four 32-bit lanes are exactly
  // one v128, so the wasm build does a whole stripe per vector operation.
  static void stripes(std::array<Word, 4>& v, const std::uint8_t* p, std::size_t count) noexcept {
#ifdef __wasm_simd128__
    v128_t acc = wasm_v128_load(v.data());
    const v128_t p1 = wasm_i32x4_splat(static_cast<std::int32_t>(kP1));
    const v128_t p2 = wasm_i32x4_splat(static_cast<std::int32_t>(kP2));
    for (; count > 0; --count, p += 16) {
      acc = wasm_i32x4_add(acc, wasm_i32x4_mul(wasm_v128_load(p), p2));
      acc = wasm_v128_or(wasm_i32x4_shl(acc, 13), wasm_u32x4_shr(acc, 19));
      acc = wasm_i32x4_mul(acc, p1);
    }
    wasm_v128_store(v.data(), acc);
#else
    scalar_stripes<Xxh32Spec>(v, p, count);
#endif
  }
  static Word tail(Word acc, const std::uint8_t* p, std::size_t n) noexcept {
    for (; n >= 4; p += 4, n -= 4) acc = rotl(acc + load_le32(p) * kP3, 17) * kP4;
    for (; n > 0; ++p, --n) acc = rotl(acc + *p * kP5, 11) * kP1;
    return acc;
  }
  static Word avalanche(Word acc) noexcept {
    acc ^= acc >> 15;
    acc *= kP2;
    acc ^= acc >> 13;
    acc *= kP3;
    return acc ^ (acc >> 16);
  }
  static void store(std::uint8_t* out, Word v) noexcept { store_be32(out, v); }
};

struct Xxh64Spec {
  using Word = std::uint64_t;
  static constexpr Word kP1 = 0x9E3779B185EBCA87ULL, kP2 = 0xC2B2AE3D27D4EB4FULL, kP3 = 0x165667B19E3779F9ULL,
                        kP4 = 0x85EBCA77C2B2AE63ULL, kP5 = 0x27D4EB2F165667C5ULL;
  static Word load(const std::uint8_t* p) noexcept { return load_le64(p); }
  static Word rotl(Word x, unsigned n) noexcept { return rotl64(x, n); }
  static Word round(Word acc, Word lane) noexcept { return rotl(acc + lane * kP2, 31) * kP1; }
  static Word merge(Word acc, Word lane_acc) noexcept { return (acc ^ round(0, lane_acc)) * kP1 + kP4; }
  // 64-bit lanes stay scalar: wasm SIMD has no fast 64-bit multiply on x86.
  static void stripes(std::array<Word, 4>& v, const std::uint8_t* p, std::size_t count) noexcept {
    scalar_stripes<Xxh64Spec>(v, p, count);
  }
  static Word tail(Word acc, const std::uint8_t* p, std::size_t n) noexcept {
    for (; n >= 8; p += 8, n -= 8) acc = rotl(acc ^ round(0, load_le64(p)), 27) * kP1 + kP4;
    if (n >= 4) {
      acc = rotl(acc ^ (Word{load_le32(p)} * kP1), 23) * kP2 + kP3;
      p += 4;
      n -= 4;
    }
    for (; n > 0; ++p, --n) acc = rotl(acc ^ (*p * kP5), 11) * kP1;
    return acc;
  }
  static Word avalanche(Word acc) noexcept {
    acc ^= acc >> 33;
    acc *= kP2;
    acc ^= acc >> 29;
    acc *= kP3;
    return acc ^ (acc >> 32);
  }
  static void store(std::uint8_t* out, Word v) noexcept { store_be64(out, v); }
};

template <class S>
class Xxh final : public HashState {
  using Word = typename S::Word;
  static constexpr std::size_t kStripe = 4 * sizeof(Word);

 public:
  explicit Xxh(const HashParams& p) : seed_(static_cast<Word>(p.seed)) { reset(); }

  void update(const std::uint8_t* data, std::size_t len) override {
    if (len == 0) return;  // data may then be null, which memcpy must not see
    total_ += len;
    if (buffered_ + len < kStripe) {
      std::memcpy(buffer_.data() + buffered_, data, len);
      buffered_ += len;
      return;
    }
    if (buffered_ > 0) {
      std::size_t take = kStripe - buffered_;
      std::memcpy(buffer_.data() + buffered_, data, take);
      S::stripes(v_, buffer_.data(), 1);
      data += take;
      len -= take;
      buffered_ = 0;
    }
    const std::size_t whole = len / kStripe * kStripe;
    S::stripes(v_, data, whole / kStripe);
    data += whole;
    len -= whole;
    std::memcpy(buffer_.data(), data, len);
    buffered_ = len;
  }

  void finish(std::uint8_t* out, std::size_t) override {
    Word acc;
    if (total_ >= kStripe) {
      acc = S::rotl(v_[0], 1) + S::rotl(v_[1], 7) + S::rotl(v_[2], 12) + S::rotl(v_[3], 18);
      for (Word v : v_) acc = S::merge(acc, v);
    } else {
      acc = seed_ + S::kP5;
    }
    acc += static_cast<Word>(total_);  // the length, modulo 2^32 for XXH32 as specified
    acc = S::tail(acc, buffer_.data(), buffered_);
    S::store(out, S::avalanche(acc));
  }

  std::unique_ptr<HashState> clone() const override { return std::make_unique<Xxh>(*this); }

  void reset() override {
    v_ = {seed_ + S::kP1 + S::kP2, seed_ + S::kP2, seed_, seed_ - S::kP1};
    total_ = 0;
    buffered_ = 0;
  }

 private:
  Word seed_;
  std::array<Word, 4> v_{};
  std::array<std::uint8_t, kStripe> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace

std::unique_ptr<HashState> make_xxh32(const HashParams& p) { return std::make_unique<Xxh<Xxh32Spec>>(p); }
std::unique_ptr<HashState> make_xxh64(const HashParams& p) { return std::make_unique<Xxh<Xxh64Spec>>(p); }

}  // namespace parahash
