// CRC-32 (ISO-HDLC: zlib, gzip, PNG) and CRC-32C (Castagnoli: iSCSI, ext4, SCTP), the reflected
// forms: init and final xor 0xffffffff. Slicing-by-16 (sixteen 256-entry tables, one per byte of
// a 16-byte block; 16 KiB, measured faster under wasm than slicing-by-8) with the tables
// generated at compile time from the polynomial. The digest is the
// CRC as 4 big-endian bytes, so its hex matches the usual CRC tools and zlib.crc32().toString(16).
#include <array>

#include "kernels/kernel.hpp"
#include "support/bytes.hpp"

namespace parahash {
namespace {

using Tables = std::array<std::array<std::uint32_t, 256>, 16>;

constexpr Tables make_tables(std::uint32_t reflected_poly) {
  Tables t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int bit = 0; bit < 8; ++bit) c = (c & 1) ? (c >> 1) ^ reflected_poly : c >> 1;
    t[0][i] = c;
  }
  // t[k][i]: the CRC of byte i followed by k zero bytes.
  for (std::size_t k = 1; k < 16; ++k) {
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
    const Tables& t = t_;
    for (; len >= 16; p += 16, len -= 16) {
      const std::uint32_t w0 = load_le32(p) ^ crc, w1 = load_le32(p + 4), w2 = load_le32(p + 8),
                          w3 = load_le32(p + 12);
      // Byte j of the block (j = 0 first) is followed by 15 - j more bytes: table 15 - j.
      crc = t[15][w0 & 0xff] ^ t[14][(w0 >> 8) & 0xff] ^ t[13][(w0 >> 16) & 0xff] ^ t[12][w0 >> 24] ^
            t[11][w1 & 0xff] ^ t[10][(w1 >> 8) & 0xff] ^ t[9][(w1 >> 16) & 0xff] ^ t[8][w1 >> 24] ^
            t[7][w2 & 0xff] ^ t[6][(w2 >> 8) & 0xff] ^ t[5][(w2 >> 16) & 0xff] ^ t[4][w2 >> 24] ^
            t[3][w3 & 0xff] ^ t[2][(w3 >> 8) & 0xff] ^ t[1][(w3 >> 16) & 0xff] ^ t[0][w3 >> 24];
    }
    for (; len > 0; --len) crc = t[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
    crc_ = crc;
  }

  void finish(std::uint8_t* out, std::size_t) override { store_be32(out, crc_ ^ 0xffffffff); }

  std::unique_ptr<HashState> clone() const override { return std::make_unique<Crc32>(*this); }

  void reset() override { crc_ = 0xffffffff; }

 private:
  const Tables& t_;
  std::uint32_t crc_ = 0xffffffff;
};

}  // namespace

std::unique_ptr<HashState> make_crc32(const HashParams&) { return std::make_unique<Crc32>(kIsoHdlc); }
std::unique_ptr<HashState> make_crc32c(const HashParams&) { return std::make_unique<Crc32>(kCastagnoli); }

}  // namespace parahash
