// The SHA-2 family, FIPS 180-4: SHA-224 and SHA-256 on 32-bit words, SHA-384, SHA-512 and
// SHA-512/256 on 64-bit words. The constants are the fractional bits of the square roots (initial
// values, 5.3) and cube roots (round constants, 4.2.2, 4.2.3) of the first primes; they were
// generated from that definition with exact integer arithmetic, and the tests check every variant
// against the NIST examples and node:crypto.
#include <array>
#include <cstring>

#include "kernels/kernel.hpp"
#include "kernels/merkle_damgard.hpp"
#include "support/bytes.hpp"
#include "support/unroll.hpp"

namespace parahash {
namespace {

constexpr std::array<std::uint32_t, 64> kRound256 = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

constexpr std::array<std::uint64_t, 80> kRound512 = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
    0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
    0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
    0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
    0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
    0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
    0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
    0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
    0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
    0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
    0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
};

using State256 = std::array<std::uint32_t, 8>;
using State512 = std::array<std::uint64_t, 8>;

constexpr State256 kInit256 = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};
constexpr State256 kInit224 = {
    0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4,
};
constexpr State512 kInit512 = {
    0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
    0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
};
constexpr State512 kInit384 = {
    0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
    0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4,
};

// What differs between the 32-bit and 64-bit halves of the family (4.1.2, 4.1.3): word size,
// round count, rotation amounts, block size. The compression function is written once below.
struct Sha256Words {
  using Word = std::uint32_t;
  static constexpr std::size_t kRounds = 64;
  static constexpr const auto& kRound = kRound256;
  static Word load(const std::uint8_t* p) noexcept { return load_be32(p); }
  static void store(std::uint8_t* p, Word v) noexcept { store_be32(p, v); }
  // Written out rather than parameterised by arrays: constant rotation amounts compile to
  // single rotate instructions (with array parameters the wasm build ran ~10 % slower).
  static Word big_sigma0(Word x) noexcept { return rotr32(x, 2) ^ rotr32(x, 13) ^ rotr32(x, 22); }
  static Word big_sigma1(Word x) noexcept { return rotr32(x, 6) ^ rotr32(x, 11) ^ rotr32(x, 25); }
  static Word sigma0(Word x) noexcept { return rotr32(x, 7) ^ rotr32(x, 18) ^ (x >> 3); }
  static Word sigma1(Word x) noexcept { return rotr32(x, 17) ^ rotr32(x, 19) ^ (x >> 10); }
};

struct Sha512Words {
  using Word = std::uint64_t;
  static constexpr std::size_t kRounds = 80;
  static constexpr const auto& kRound = kRound512;
  static Word load(const std::uint8_t* p) noexcept { return load_be64(p); }
  static void store(std::uint8_t* p, Word v) noexcept { store_be64(p, v); }
  static Word big_sigma0(Word x) noexcept { return rotr64(x, 28) ^ rotr64(x, 34) ^ rotr64(x, 39); }
  static Word big_sigma1(Word x) noexcept { return rotr64(x, 14) ^ rotr64(x, 18) ^ rotr64(x, 41); }
  static Word sigma0(Word x) noexcept { return rotr64(x, 1) ^ rotr64(x, 8) ^ (x >> 7); }
  static Word sigma1(Word x) noexcept { return rotr64(x, 19) ^ rotr64(x, 61) ^ (x >> 6); }
};

// 6.2 (SHA-256, SHA-224) and 6.4 (SHA-512, SHA-384, SHA-512/t): blocks of 16 words, a length
// field of two words. A 16-word rolling message schedule keeps the working set small.
template <class W>
class Sha2 final : public MerkleDamgard<Sha2<W>, 16 * sizeof(typename W::Word)> {
 public:
  using Word = typename W::Word;
  using State = std::array<Word, 8>;
  static constexpr std::size_t kLengthBytes = 2 * sizeof(Word);
  static constexpr bool kBigEndianLength = true;
  // 2^64 bits for SHA-256; SHA-512's 128-bit field allows more than our 64-bit byte counter.
  static constexpr std::uint64_t kMaxBytes = (std::uint64_t{1} << 61) - 1;
  static constexpr const char* kName = sizeof(Word) == 4 ? "sha256" : "sha512";

  Sha2(const State& init, std::size_t digest) : init_(init), h_(init), digest_(digest) {}

  void restart() noexcept { h_ = init_; }
  void copy_chain(const Sha2& from) noexcept { h_ = from.h_; }

  void compress(const std::uint8_t* blocks, std::size_t count) noexcept {
    constexpr std::size_t kBlockBytes = 16 * sizeof(Word);
    for (; count > 0; --count, blocks += kBlockBytes) {
      Word w[16];
      unrolled<0, 16>([&](auto t) PARAHASH_ALWAYS_INLINE { w[t] = W::load(blocks + sizeof(Word) * t); });
      Word a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4], f = h_[5], g = h_[6], h = h_[7];
      // Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)), and this round's b ^ c is the last round's a ^ b:
      // one operation fewer per round. It helps SHA-256 (+5 %) but costs SHA-512 20 % in V8,
      // whose extra live 64-bit value then spills; measured with bench/cpp/kernel_speed.
      constexpr bool kCarryMaj = sizeof(Word) == 4;
      Word b_xor_c = b ^ c;
      unrolled<0, W::kRounds>([&](auto t) PARAHASH_ALWAYS_INLINE {
        if constexpr (t >= 16) {
          w[t & 15] += W::sigma0(w[(t - 15) & 15]) + w[(t - 7) & 15] + W::sigma1(w[(t - 2) & 15]);
        }
        // Ch in a form with one operation fewer (wasm has no and-not).
        const Word t1 = h + W::big_sigma1(e) + (g ^ (e & (f ^ g))) + W::kRound[t] + w[t & 15];
        Word maj;
        if constexpr (kCarryMaj) {
          const Word a_xor_b = a ^ b;
          maj = b ^ (a_xor_b & b_xor_c);
          b_xor_c = a_xor_b;
        } else {
          maj = (a & b) | (c & (a | b));
        }
        const Word t2 = W::big_sigma0(a) + maj;
        h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
      });
      h_[0] += a; h_[1] += b; h_[2] += c; h_[3] += d; h_[4] += e; h_[5] += f; h_[6] += g; h_[7] += h;
    }
  }

  void write_digest(std::uint8_t* out, std::size_t out_len) const noexcept {
    std::uint8_t full[8 * sizeof(Word)];
    for (std::size_t i = 0; i < 8; ++i) W::store(full + sizeof(Word) * i, h_[i]);
    std::memcpy(out, full, std::min(out_len, digest_));
  }

 private:
  State init_;
  State h_;
  std::size_t digest_;
};

using Sha256Family = Sha2<Sha256Words>;
using Sha512Family = Sha2<Sha512Words>;

// 5.3.6: the SHA-512/t initial value is SHA-512, started from the SHA-512 IV xor a5a5…, of the
// ASCII string "SHA-512/t". Computing it keeps the spec's definition instead of a copied table.
State512 sha512_t_init(const char* name) {
  State512 seed = kInit512;
  for (auto& word : seed) word ^= 0xa5a5a5a5a5a5a5a5ULL;
  Sha512Family generator(seed, 64);
  generator.update(reinterpret_cast<const std::uint8_t*>(name), std::strlen(name));
  std::uint8_t digest[64];
  generator.finish(digest, sizeof digest);
  State512 init;
  for (std::size_t i = 0; i < 8; ++i) init[i] = load_be64(digest + 8 * i);
  return init;
}

}  // namespace

std::unique_ptr<HashState> make_sha224(const HashParams&) { return std::make_unique<Sha256Family>(kInit224, 28); }
std::unique_ptr<HashState> make_sha256(const HashParams&) { return std::make_unique<Sha256Family>(kInit256, 32); }
std::unique_ptr<HashState> make_sha384(const HashParams&) { return std::make_unique<Sha512Family>(kInit384, 48); }
std::unique_ptr<HashState> make_sha512(const HashParams&) { return std::make_unique<Sha512Family>(kInit512, 64); }
std::unique_ptr<HashState> make_sha512_256(const HashParams&) {
  static const State512 init = sha512_t_init("SHA-512/256");
  return std::make_unique<Sha512Family>(init, 32);
}

}  // namespace parahash
