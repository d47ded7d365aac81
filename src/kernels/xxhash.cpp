// XXH32 and XXH64, from the xxHash specification (doc/xxhash_spec.md, version 0.1.1): four
// accumulators over 16- or 32-byte stripes, a merge, the tail, and an avalanche. Not
// cryptographic. The digest is the value as big-endian bytes, so hex matches xxhsum.
#include <array>
#include <cstring>

#include "kernels/kernel.hpp"
#include "support/bytes.hpp"

namespace parahash {
namespace {


struct Xxh32Spec {
  using Word = std::uint32_t;
  static constexpr Word kP1 = 0x9E3779B1U, kP2 = 0x85EBCA77U, kP3 = 0xC2B2AE3DU, kP4 = 0x27D4EB2FU,
                        kP5 = 0x165667B1U;
  static Word load(const std::uint8_t* p) noexcept { return load_le32(p); }
  static Word rotl(Word x, unsigned n) noexcept { return rotl32(x, n); }
  static Word round(Word acc, Word lane) noexcept { return rotl(acc + lane * kP2, 13) * kP1; }
  static Word merge(Word acc, Word) noexcept { return acc; }  // XXH32 has no merge step
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
    total_ += len;
    if (buffered_ + len < kStripe) {
      std::memcpy(buffer_.data() + buffered_, data, len);
      buffered_ += len;
      return;
    }
    if (buffered_ > 0) {
      std::size_t take = kStripe - buffered_;
      std::memcpy(buffer_.data() + buffered_, data, take);
      consume(buffer_.data());
      data += take;
      len -= take;
      buffered_ = 0;
    }
    for (; len >= kStripe; data += kStripe, len -= kStripe) consume(data);
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

  void reset() override {
    v_ = {seed_ + S::kP1 + S::kP2, seed_ + S::kP2, seed_, seed_ - S::kP1};
    total_ = 0;
    buffered_ = 0;
  }

 private:
  void consume(const std::uint8_t* stripe) noexcept {
    for (std::size_t i = 0; i < 4; ++i) v_[i] = S::round(v_[i], S::load(stripe + i * sizeof(Word)));
  }

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
