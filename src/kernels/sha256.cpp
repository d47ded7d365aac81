// SHA-256, FIPS 180-4 sections 4.1.2, 4.2.2, 5.1.1, 6.2.
#include <algorithm>
#include <array>
#include <cstring>

#include "kernels/kernel.hpp"
#include "support/bytes.hpp"
#include "support/status.hpp"

namespace parahash {
namespace {

// First 32 bits of the fractional parts of the cube roots of the first 64 primes (4.2.2).
constexpr std::array<std::uint32_t, 64> kRound = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// Fractional parts of the square roots of the first 8 primes (5.3.3).
constexpr std::array<std::uint32_t, 8> kInitial = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

constexpr std::size_t kBlock = 64;
// The length field is 64 bits of *bits*, so a message may hold at most 2^61 - 1 bytes.
constexpr std::uint64_t kMaxBytes = (std::uint64_t{1} << 61) - 1;

class Sha256 final : public HashState {
 public:
  void update(const std::uint8_t* data, std::size_t len) override {
    if (len > kMaxBytes - total_) {
      throw Error(ErrorCode::input_too_large, "sha256 accepts at most 2^61 - 1 bytes");
    }
    total_ += len;
    if (buffered_ > 0) {
      std::size_t take = std::min(len, kBlock - buffered_);
      std::memcpy(buffer_.data() + buffered_, data, take);
      buffered_ += take;
      data += take;
      len -= take;
      if (buffered_ < kBlock) return;
      compress(buffer_.data(), 1);
      buffered_ = 0;
    }
    std::size_t whole = len / kBlock;
    if (whole > 0) compress(data, whole);
    data += whole * kBlock;
    len -= whole * kBlock;
    std::memcpy(buffer_.data(), data, len);
    buffered_ = len;
  }

  void finish(std::uint8_t* out, std::size_t out_len) override {
    // 5.1.1: a 1 bit, zeros up to 56 mod 64, then the bit length as a big-endian 64-bit word.
    const std::uint64_t bit_length = total_ * 8;
    buffer_[buffered_++] = 0x80;
    if (buffered_ > kBlock - 8) {
      std::memset(buffer_.data() + buffered_, 0, kBlock - buffered_);
      compress(buffer_.data(), 1);
      buffered_ = 0;
    }
    std::memset(buffer_.data() + buffered_, 0, kBlock - 8 - buffered_);
    store_be64(buffer_.data() + kBlock - 8, bit_length);
    compress(buffer_.data(), 1);
    std::array<std::uint8_t, 32> digest;
    for (std::size_t i = 0; i < 8; ++i) store_be32(digest.data() + 4 * i, state_[i]);
    std::memcpy(out, digest.data(), std::min(out_len, digest.size()));
    secure_zero(buffer_.data(), buffer_.size());
  }

 private:
  void compress(const std::uint8_t* blocks, std::size_t count) noexcept {
    // A 16-word rolling schedule (W[t] only needs W[t-2], W[t-7], W[t-15], W[t-16]) keeps the
    // working set in registers/locals instead of a 64-word array.
    for (; count > 0; --count, blocks += kBlock) {
      std::uint32_t w[16];
      for (std::size_t t = 0; t < 16; ++t) w[t] = load_be32(blocks + 4 * t);
      std::uint32_t a = state_[0], b = state_[1], c = state_[2], d = state_[3];
      std::uint32_t e = state_[4], f = state_[5], g = state_[6], h = state_[7];
      for (std::size_t t = 0; t < 64; ++t) {
        std::uint32_t wt;
        if (t < 16) {
          wt = w[t];
        } else {
          std::uint32_t w15 = w[(t - 15) & 15], w2 = w[(t - 2) & 15];
          std::uint32_t s0 = rotr32(w15, 7) ^ rotr32(w15, 18) ^ (w15 >> 3);
          std::uint32_t s1 = rotr32(w2, 17) ^ rotr32(w2, 19) ^ (w2 >> 10);
          wt = w[t & 15] = w[t & 15] + s0 + w[(t - 7) & 15] + s1;
        }
        std::uint32_t big_s1 = rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25);
        std::uint32_t ch = (e & f) ^ (~e & g);
        std::uint32_t t1 = h + big_s1 + ch + kRound[t] + wt;
        std::uint32_t big_s0 = rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22);
        std::uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
        std::uint32_t t2 = big_s0 + maj;
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
      }
      state_[0] += a; state_[1] += b; state_[2] += c; state_[3] += d;
      state_[4] += e; state_[5] += f; state_[6] += g; state_[7] += h;
    }
  }

  std::array<std::uint32_t, 8> state_ = kInitial;
  std::array<std::uint8_t, kBlock> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace

std::unique_ptr<HashState> make_sha256() { return std::make_unique<Sha256>(); }

}  // namespace parahash
