// hash_chunks (four chunks per v128 in the wasm build, one at a time natively) against chunks
// built from the compression function block by block, as the specification describes them.
#include <catch2/catch.hpp>

#include <cstring>
#include <vector>

#include "kernels/blake3_core.hpp"
#include "support/bytes.hpp"

namespace b3 = parahash::blake3;

namespace {

b3::Cv reference_chunk_cv(const b3::Cv& key, std::uint32_t flags, const std::uint8_t* chunk, std::uint64_t counter) {
  b3::Cv cv = key;
  for (std::size_t b = 0; b < 16; ++b) {
    std::uint32_t words[16];
    for (int i = 0; i < 16; ++i) words[i] = parahash::load_le32(chunk + 64 * b + 4 * i);
    std::uint32_t f = flags | (b == 0 ? b3::kChunkStart : 0) | (b == 15 ? b3::kChunkEnd : 0);
    auto out = b3::compress(cv, words, counter, 64, f);
    std::memcpy(cv.data(), out.data(), sizeof cv);
  }
  return cv;
}

}  // namespace

TEST_CASE("hash_chunks equals chunk-by-chunk compression for any count and counter", "[blake3]") {
  std::vector<std::uint8_t> data(9 * b3::kChunk);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 7 + (i >> 10));
  const b3::Cv keyed = {1, 2, 3, 4, 5, 6, 7, 0xffffffff};
  // Groups of four that cross 2^32 after each lane exercise every lane's high counter word.
  constexpr std::uint64_t k2to32 = std::uint64_t{1} << 32;
  for (std::uint64_t first : {std::uint64_t{0}, std::uint64_t{5}, k2to32 - 1, k2to32 - 2, k2to32 - 3,
                              k2to32 - 4, (std::uint64_t{1} << 40) + 1}) {
    for (std::size_t count = 1; count <= 9; ++count) {
      for (auto [key, flags] : {std::pair{b3::kIv, 0u}, std::pair{keyed, std::uint32_t{b3::kKeyedHash}}}) {
        std::vector<b3::Cv> got(count);
        b3::hash_chunks(key, flags, data.data(), count, first, got.data());
        for (std::size_t i = 0; i < count; ++i) {
          CAPTURE(first, count, i, flags);
          CHECK(got[i] == reference_chunk_cv(key, flags, data.data() + i * b3::kChunk, first + i));
        }
      }
    }
  }
}
