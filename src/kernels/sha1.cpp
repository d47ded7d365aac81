// SHA-1, FIPS 180-4 sections 4.1.1, 4.2.1, 5.3.1, 6.1. Broken for collision resistance; offered
// because interoperating formats (git objects, legacy HMAC-SHA1, PBKDF2-SHA1) still need it.
#include <array>
#include <cstring>

#include "kernels/kernel.hpp"
#include "kernels/merkle_damgard.hpp"
#include "support/bytes.hpp"
#include "support/unroll.hpp"

namespace parahash {
namespace {

class Sha1 final : public MerkleDamgard<Sha1, 64> {
 public:
  static constexpr std::size_t kLengthBytes = 8;
  static constexpr bool kBigEndianLength = true;
  static constexpr std::uint64_t kMaxBytes = (std::uint64_t{1} << 61) - 1;
  static constexpr const char* kName = "sha1";

  void compress(const std::uint8_t* blocks, std::size_t count) noexcept {
    for (; count > 0; --count, blocks += kBlockBytes) {
      std::uint32_t w[16];
      unrolled<0, 16>([&](auto t) PARAHASH_ALWAYS_INLINE { w[t] = load_be32(blocks + 4 * t); });
      std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4];
      unrolled<0, 80>([&](auto t) PARAHASH_ALWAYS_INLINE {
        if constexpr (t >= 16) {
          w[t & 15] = rotl32(w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15], 1);
        }
        // Ch, Parity, Maj, Parity (4.1.1), in forms with fewer operations (wasm has no and-not).
        std::uint32_t f, k;
        if constexpr (t < 20) {
          f = d ^ (b & (c ^ d));
          k = 0x5a827999;
        } else if constexpr (t < 40) {
          f = b ^ c ^ d;
          k = 0x6ed9eba1;
        } else if constexpr (t < 60) {
          f = (b & c) | (d & (b | c));
          k = 0x8f1bbcdc;
        } else {
          f = b ^ c ^ d;
          k = 0xca62c1d6;
        }
        std::uint32_t temp = rotl32(a, 5) + f + e + k + w[t & 15];
        e = d; d = c; c = rotl32(b, 30); b = a; a = temp;
      });
      h_[0] += a; h_[1] += b; h_[2] += c; h_[3] += d; h_[4] += e;
    }
  }

  void write_digest(std::uint8_t* out, std::size_t out_len) const noexcept {
    std::uint8_t full[20];
    for (std::size_t i = 0; i < 5; ++i) store_be32(full + 4 * i, h_[i]);
    std::memcpy(out, full, std::min<std::size_t>(out_len, 20));
  }

  void restart() noexcept { h_ = kInit; }
  void copy_chain(const Sha1& from) noexcept { h_ = from.h_; }

 private:
  static constexpr std::array<std::uint32_t, 5> kInit = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
  std::array<std::uint32_t, 5> h_ = kInit;
};

}  // namespace

std::unique_ptr<HashState> make_sha1(const HashParams&) { return std::make_unique<Sha1>(); }

}  // namespace parahash
