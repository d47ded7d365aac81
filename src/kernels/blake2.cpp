// BLAKE2b and BLAKE2s, RFC 7693: one compression function over 64- or 32-bit words, with the
// parameter block's digest length and key length (section 2.5), and keyed mode, where the key,
// zero-padded to a block, is the first block (section 3.3).
#include <array>
#include <cstring>
#include <vector>

#include "kernels/kernel.hpp"
#include "support/bytes.hpp"
#include "support/unroll.hpp"

namespace parahash {
namespace {

// Section 2.7: the message word schedule of each round (round r uses row r mod 10).
constexpr std::uint8_t kSigma[10][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
};


// Section 2.1 (rounds, rotations) and 2.6 (IV: the same words as SHA-512's and SHA-256's IVs).
struct Blake2bWords {
  using Word = std::uint64_t;
  static constexpr std::size_t kRounds = 12;
  static constexpr unsigned kR1 = 32, kR2 = 24, kR3 = 16, kR4 = 63;
  static constexpr std::array<Word, 8> kIv = {
      0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
      0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};
  static Word load(const std::uint8_t* p) noexcept { return load_le64(p); }
  static void store(std::uint8_t* p, Word v) noexcept { store_le64(p, v); }
  static Word rotr(Word x, unsigned n) noexcept { return rotr64(x, n); }
};

struct Blake2sWords {
  using Word = std::uint32_t;
  static constexpr std::size_t kRounds = 10;
  static constexpr unsigned kR1 = 16, kR2 = 12, kR3 = 8, kR4 = 7;
  static constexpr std::array<Word, 8> kIv = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                              0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  static Word load(const std::uint8_t* p) noexcept { return load_le32(p); }
  static void store(std::uint8_t* p, Word v) noexcept { store_le32(p, v); }
  static Word rotr(Word x, unsigned n) noexcept { return rotr32(x, n); }
};

template <class W>
class Blake2 final : public HashState {
  using Word = typename W::Word;
  static constexpr std::size_t kBlock = 16 * sizeof(Word);

 public:
  explicit Blake2(const HashParams& p)
      : out_len_(p.output_length), key_(p.key, p.key + p.key_length) {
    reset();
  }

  ~Blake2() override {
    if (!key_.empty()) secure_zero(key_.data(), key_.size());
    secure_zero(buffer_.data(), buffer_.size());
  }

  void update(const std::uint8_t* data, std::size_t len) override {
    if (len == 0) return;  // data may then be null, which memcpy must not see
    // The last block must be compressed with the final flag, so a full buffer is only
    // compressed once more input proves it was not the last.
    if (len == 0) return;
    std::size_t room = kBlock - buffered_;
    if (len > room) {
      std::memcpy(buffer_.data() + buffered_, data, room);
      compress(buffer_.data(), kBlock, false);
      buffered_ = 0;
      data += room;
      len -= room;
      for (; len > kBlock; data += kBlock, len -= kBlock) compress(data, kBlock, false);
    }
    std::memcpy(buffer_.data() + buffered_, data, len);
    buffered_ += len;
  }

  void finish(std::uint8_t* out, std::size_t out_len) override {
    std::memset(buffer_.data() + buffered_, 0, kBlock - buffered_);
    compress(buffer_.data(), buffered_, true);
    std::uint8_t full[8 * sizeof(Word)];
    for (std::size_t i = 0; i < 8; ++i) W::store(full + sizeof(Word) * i, h_[i]);
    std::memcpy(out, full, std::min(out_len, out_len_));
  }

  std::unique_ptr<HashState> clone() const override { return std::make_unique<Blake2>(*this); }

  void reset() override {
    h_ = W::kIv;
    // Parameter block word 0: digest length, key length, fanout 1, depth 1 (sequential mode).
    h_[0] ^= 0x01010000 ^ (static_cast<Word>(key_.size()) << 8) ^ static_cast<Word>(out_len_);
    counter_ = 0;
    buffered_ = 0;
    if (!key_.empty()) {
      buffer_.fill(0);
      std::memcpy(buffer_.data(), key_.data(), key_.size());
      buffered_ = kBlock;
    }
  }

 private:
  // Section 3.2, F: `bytes` more bytes counted, the block mixed into h.
  void compress(const std::uint8_t* block, std::size_t bytes, bool last) noexcept {
    counter_ += bytes;
    Word m[16], v[16];
    for (std::size_t i = 0; i < 16; ++i) m[i] = W::load(block + sizeof(Word) * i);
    for (std::size_t i = 0; i < 8; ++i) {
      v[i] = h_[i];
      v[i + 8] = W::kIv[i];
    }
    // The byte counter is 2 words; inputs stay below 2^64 bytes, so only BLAKE2s uses the high word.
    v[12] ^= static_cast<Word>(counter_);
    if constexpr (sizeof(Word) == 4) v[13] ^= static_cast<Word>(counter_ >> 32);
    if (last) v[14] = ~v[14];
    // Unrolled so that every index into m and v is a constant and both stay in wasm locals.
    // No SIMD: a row-per-v128 BLAKE2s (diagonals by lane rotation) measured 544 MB/s against
    // this scalar code's 620, the per-round message gathers (i32x4.make) costing more than the
    // four-lane arithmetic saves; BLAKE2b's 64-bit rows would need two vectors each.
    unrolled<0, W::kRounds>([&](auto r) PARAHASH_ALWAYS_INLINE {
      constexpr const std::uint8_t* s = kSigma[r % 10];
      mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
      mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
      mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
      mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
      mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
      mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
      mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
      mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
    });
    for (std::size_t i = 0; i < 8; ++i) h_[i] ^= v[i] ^ v[i + 8];
  }

  // Section 3.1, G.
  PARAHASH_ALWAYS_INLINE static void mix(Word* v, int a, int b, int c, int d, Word x, Word y) noexcept {
    v[a] = v[a] + v[b] + x;
    v[d] = W::rotr(v[d] ^ v[a], W::kR1);
    v[c] = v[c] + v[d];
    v[b] = W::rotr(v[b] ^ v[c], W::kR2);
    v[a] = v[a] + v[b] + y;
    v[d] = W::rotr(v[d] ^ v[a], W::kR3);
    v[c] = v[c] + v[d];
    v[b] = W::rotr(v[b] ^ v[c], W::kR4);
  }

  std::array<Word, 8> h_{};
  std::array<std::uint8_t, kBlock> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t counter_ = 0;
  std::size_t out_len_;
  std::vector<std::uint8_t> key_;
};

}  // namespace

std::unique_ptr<HashState> make_blake2b(const HashParams& p) { return std::make_unique<Blake2<Blake2bWords>>(p); }
std::unique_ptr<HashState> make_blake2s(const HashParams& p) { return std::make_unique<Blake2<Blake2sWords>>(p); }

}  // namespace parahash
