// MD5, RFC 1321. Broken for collision resistance; offered for checksums and legacy formats.
#include <array>
#include <cstring>

#include "kernels/kernel.hpp"
#include "kernels/merkle_damgard.hpp"
#include "support/bytes.hpp"
#include "support/unroll.hpp"

namespace parahash {
namespace {

// T[i] = floor(2^32 * |sin(i + 1)|), section 3.4.
constexpr std::array<std::uint32_t, 64> kSine = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

// Per-round left-rotation amounts, four per round (section 3.4).
constexpr std::array<unsigned, 16> kShift = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};

class Md5 final : public MerkleDamgard<Md5, 64> {
 public:
  static constexpr std::size_t kLengthBytes = 8;
  static constexpr bool kBigEndianLength = false;
  // The length field is taken modulo 2^64 bits; only our 64-bit byte counter limits the input.
  static constexpr std::uint64_t kMaxBytes = ~std::uint64_t{0} >> 3;
  static constexpr const char* kName = "md5";

  void compress(const std::uint8_t* blocks, std::size_t count) noexcept {
    for (; count > 0; --count, blocks += kBlockBytes) {
      std::uint32_t x[16];
      unrolled<0, 16>([&](auto i) PARAHASH_ALWAYS_INLINE { x[i] = load_le32(blocks + 4 * i); });
      std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3];
      unrolled<0, 64>([&](auto i) PARAHASH_ALWAYS_INLINE {
        // F, G, H, I of section 3.4 and the word each step reads; G and F are written with one
        // operation fewer (wasm has no and-not).
        std::uint32_t f;
        constexpr std::size_t g = i < 16 ? i : i < 32 ? (5 * i + 1) & 15 : i < 48 ? (3 * i + 5) & 15 : (7 * i) & 15;
        if constexpr (i < 16) {
          f = d ^ (b & (c ^ d));
        } else if constexpr (i < 32) {
          f = c ^ (d & (b ^ c));
        } else if constexpr (i < 48) {
          f = b ^ c ^ d;
        } else {
          f = c ^ (b | ~d);
        }
        std::uint32_t rotated = rotl32(a + f + kSine[i] + x[g], kShift[(i / 16) * 4 + (i & 3)]);
        a = d; d = c; c = b; b = b + rotated;
      });
      h_[0] += a; h_[1] += b; h_[2] += c; h_[3] += d;
    }
  }

  void write_digest(std::uint8_t* out, std::size_t out_len) const noexcept {
    std::uint8_t full[16];
    for (std::size_t i = 0; i < 4; ++i) store_le32(full + 4 * i, h_[i]);
    std::memcpy(out, full, std::min<std::size_t>(out_len, 16));
  }

  void restart() noexcept { h_ = kInit; }
  void copy_chain(const Md5& from) noexcept { h_ = from.h_; }

 private:
  static constexpr std::array<std::uint32_t, 4> kInit = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  std::array<std::uint32_t, 4> h_ = kInit;
};

}  // namespace

std::unique_ptr<HashState> make_md5(const HashParams&) { return std::make_unique<Md5>(); }

}  // namespace parahash
