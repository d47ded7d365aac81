// CRC-32 (ISO-HDLC: zlib, gzip, PNG) and CRC-32C (Castagnoli: iSCSI, ext4, SCTP), the reflected
// forms: init and final xor 0xffffffff. Slicing-by-8 (eight 256-entry tables, one per byte of a
// 64-bit word) with the tables generated at compile time from the polynomial. The digest is the
// CRC as 4 big-endian bytes, so its hex matches the usual CRC tools and zlib.crc32().toString(16).
#include <array>

#include "kernels/kernel.hpp"
#include "support/bytes.hpp"

namespace parahash {
namespace {

using Tables = std::array<std::array<std::uint32_t, 256>, 8>;

constexpr Tables make_tables(std::uint32_t reflected_poly) {
  Tables t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int bit = 0; bit < 8; ++bit) c = (c & 1) ? (c >> 1) ^ reflected_poly : c >> 1;
    t[0][i] = c;
  }
  // t[k][i]: the CRC of byte i followed by k zero bytes.
  for (std::size_t k = 1; k < 8; ++k) {
    for (std::size_t i = 0; i < 256; ++i) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xff];
  }
  return t;
}

constexpr Tables kIsoHdlc = make_tables(0xedb88320);
constexpr Tables kCastagnoli = make_tables(0x82f63b78);

class Crc32 final : public HashState {
 public:
  explicit Crc32(const Tables& t) : t_(t) {}

  void update(const std::uint8_t* p, std::size_t len) override {
    std::uint32_t crc = crc_;
    for (; len >= 8; p += 8, len -= 8) {
      std::uint32_t lo = load_le32(p) ^ crc, hi = load_le32(p + 4);
      crc = t_[7][lo & 0xff] ^ t_[6][(lo >> 8) & 0xff] ^ t_[5][(lo >> 16) & 0xff] ^ t_[4][lo >> 24] ^
            t_[3][hi & 0xff] ^ t_[2][(hi >> 8) & 0xff] ^ t_[1][(hi >> 16) & 0xff] ^ t_[0][hi >> 24];
    }
    for (; len > 0; --len) crc = t_[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
    crc_ = crc;
  }

  void finish(std::uint8_t* out, std::size_t) override { store_be32(out, crc_ ^ 0xffffffff); }

  void reset() override { crc_ = 0xffffffff; }

 private:
  const Tables& t_;
  std::uint32_t crc_ = 0xffffffff;
};

}  // namespace

std::unique_ptr<HashState> make_crc32(const HashParams&) { return std::make_unique<Crc32>(kIsoHdlc); }
std::unique_ptr<HashState> make_crc32c(const HashParams&) { return std::make_unique<Crc32>(kCastagnoli); }

}  // namespace parahash
