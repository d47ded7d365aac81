// SHA-3 and SHAKE, FIPS 202: the Keccak-f[1600] permutation in a sponge. Round constants and
// rotation offsets are computed from the standard's own definitions (algorithms 2, 5 and 6)
// instead of being typed in as tables.
#include <array>
#include <cstring>

#include "kernels/kernel.hpp"
#include "support/bytes.hpp"
#include "support/status.hpp"
#include "support/unroll.hpp"

namespace parahash {
namespace {

constexpr std::size_t kRounds = 24;

// Algorithms 5 and 6: RC[i] has bit 2^j - 1 set to rc(j + 7i), rc being the output of an 8-bit
// LFSR with feedback polynomial x^8 + x^6 + x^5 + x^4 + 1 (0x71 once the top bit shifts out).
constexpr std::array<std::uint64_t, kRounds> make_round_constants() {
  std::array<std::uint64_t, kRounds> rc{};
  unsigned lfsr = 1;
  for (std::size_t i = 0; i < kRounds; ++i) {
    for (unsigned j = 0; j < 7; ++j) {
      if (lfsr & 1) rc[i] |= std::uint64_t{1} << ((1u << j) - 1);
      lfsr = (lfsr & 0x80) ? ((lfsr << 1) ^ 0x71) & 0xff : lfsr << 1;
    }
  }
  return rc;
}

// Algorithm 2 (rho): walking (x, y) from (1, 0) by (y, 2x + 3y), lane t is rotated by
// (t + 1)(t + 2) / 2 mod 64. Lane (x, y) is index x + 5y.
constexpr std::array<unsigned, 25> make_rho_offsets() {
  std::array<unsigned, 25> r{};
  unsigned x = 1, y = 0;
  for (unsigned t = 0; t < 24; ++t) {
    r[x + 5 * y] = ((t + 1) * (t + 2) / 2) % 64;
    unsigned next_y = (2 * x + 3 * y) % 5;
    x = y;
    y = next_y;
  }
  return r;
}

constexpr auto kRoundConstants = make_round_constants();
constexpr auto kRho = make_rho_offsets();
static_assert(kRoundConstants[0] == 0x1 && kRoundConstants[1] == 0x8082 &&
              kRoundConstants[23] == 0x8000000080008008ULL);


// The state is copied into a local array whose every index is a constant (steps unrolled), so
// clang keeps all 25 lanes in wasm locals across the 24 rounds instead of in linear memory.
void keccak_f1600(std::array<std::uint64_t, 25>& state) noexcept {
  std::uint64_t a[25];
  unrolled<0, 25>([&](auto i) PARAHASH_ALWAYS_INLINE { a[i] = state[i]; });
  for (std::size_t round = 0; round < kRounds; ++round) {
    std::uint64_t c[5], b[25];
    unrolled<0, 5>([&](auto x) PARAHASH_ALWAYS_INLINE {  // theta
      c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    });
    unrolled<0, 5>([&](auto x) PARAHASH_ALWAYS_INLINE {
      const std::uint64_t d = c[(x + 4) % 5] ^ rotl64(c[(x + 1) % 5], 1);
      a[x] ^= d; a[x + 5] ^= d; a[x + 10] ^= d; a[x + 15] ^= d; a[x + 20] ^= d;
    });
    unrolled<0, 25>([&](auto i) PARAHASH_ALWAYS_INLINE {  // rho and pi: lane (x, y) moves to (y, 2x + 3y)
      constexpr unsigned x = i % 5, y = i / 5;
      b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl64(a[i], kRho[i]);
    });
    unrolled<0, 25>([&](auto i) PARAHASH_ALWAYS_INLINE {  // chi
      constexpr unsigned x = i % 5, row = i - x;
      a[i] = b[i] ^ (~b[(x + 1) % 5 + row] & b[(x + 2) % 5 + row]);
    });
    a[0] ^= kRoundConstants[round];  // iota
  }
  unrolled<0, 25>([&](auto i) PARAHASH_ALWAYS_INLINE { state[i] = a[i]; });
}


// The sponge of section 4 with the padding of section 5.1 folded into the domain byte: SHA-3
// appends bits 01 (0x06 with pad10*1's first bit), SHAKE appends 1111 (0x1f).
class Keccak final : public HashState {
 public:
  Keccak(std::size_t rate, std::uint8_t domain) : rate_(rate), domain_(domain) {}

  void update(const std::uint8_t* data, std::size_t len) override {
    if (len == 0) return;  // data may then be null, which memcpy must not see
    // Finish a partial block byte by byte first: every chunk after the first starts mid-block
    // (2 MiB is no multiple of the rate), and must still reach the whole-block loop.
    for (; len > 0 && pos_ != 0; --len) absorb_byte(*data++);
    for (; len >= rate_; data += rate_, len -= rate_) {  // whole blocks straight from the input
      for (std::size_t i = 0; i < rate_ / 8; ++i) lanes_[i] ^= load_le64(data + 8 * i);
      keccak_f1600(lanes_);
    }
    for (; len > 0; --len) absorb_byte(*data++);
  }

  void finish(std::uint8_t* out, std::size_t out_len) override {
    lanes_[pos_ / 8] ^= std::uint64_t{domain_} << (8 * (pos_ % 8));
    lanes_[(rate_ - 1) / 8] ^= std::uint64_t{0x80} << (8 * ((rate_ - 1) % 8));
    keccak_f1600(lanes_);
    for (std::size_t done = 0;;) {  // squeeze, rate bytes at a time
      std::size_t take = std::min(rate_, out_len - done);
      for (std::size_t i = 0; i < take; ++i) out[done + i] = static_cast<std::uint8_t>(lanes_[i / 8] >> (8 * (i % 8)));
      done += take;
      if (done == out_len) break;
      keccak_f1600(lanes_);
    }
    secure_zero(lanes_.data(), sizeof lanes_);
  }

  std::unique_ptr<HashState> clone() const override { return std::make_unique<Keccak>(*this); }

  void reset() override {
    lanes_.fill(0);
    pos_ = 0;
  }

 private:
  void absorb_byte(std::uint8_t byte) noexcept {
    lanes_[pos_ / 8] ^= std::uint64_t{byte} << (8 * (pos_ % 8));
    if (++pos_ == rate_) {
      keccak_f1600(lanes_);
      pos_ = 0;
    }
  }

  std::array<std::uint64_t, 25> lanes_{};
  std::size_t rate_;  // bytes: 200 - 2 * security / 8
  std::size_t pos_ = 0;
  std::uint8_t domain_;
};

constexpr std::uint8_t kSha3Domain = 0x06;
constexpr std::uint8_t kShakeDomain = 0x1f;

}  // namespace

std::unique_ptr<HashState> make_sha3_224(const HashParams&) { return std::make_unique<Keccak>(144, kSha3Domain); }
std::unique_ptr<HashState> make_sha3_256(const HashParams&) { return std::make_unique<Keccak>(136, kSha3Domain); }
std::unique_ptr<HashState> make_sha3_384(const HashParams&) { return std::make_unique<Keccak>(104, kSha3Domain); }
std::unique_ptr<HashState> make_sha3_512(const HashParams&) { return std::make_unique<Keccak>(72, kSha3Domain); }
std::unique_ptr<HashState> make_shake128(const HashParams&) { return std::make_unique<Keccak>(168, kShakeDomain); }
std::unique_ptr<HashState> make_shake256(const HashParams&) { return std::make_unique<Keccak>(136, kShakeDomain); }

}  // namespace parahash
