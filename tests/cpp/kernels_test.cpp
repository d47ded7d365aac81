#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "kernels/registry.hpp"
#include "support/status.hpp"
#include "test_support.hpp"

using namespace parahash;
using parahash::test::to_hex;

namespace {

std::string digest_hex(const Kernel& kernel, const std::string& message) {
  auto state = kernel.create();
  state->update(reinterpret_cast<const std::uint8_t*>(message.data()), message.size());
  std::vector<std::uint8_t> out(kernel.digest_size);
  state->finish(out.data(), out.size());
  return to_hex(out);
}

std::string sha256_hex(const std::string& message) { return digest_hex(*find_kernel("sha256"), message); }

}  // namespace

// FIPS 180-4 examples (NIST "Cryptographic Standards and Guidelines: Examples with
// Intermediate Values", SHA-256) and the one-million-'a' vector of FIPS 180-2 appendix B.3.
TEST_CASE("sha256 matches the NIST examples", "[sha256]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqr"
                   "lmnopqrsmnopqrstnopqrstu") ==
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// "abc" for every kernel in the shared table (test_support.hpp names each figure's source).
TEST_CASE("kernels match their published 'abc' digests", "[kernels]") {
  for (auto [name, digest] : test::abc_digests()) {
    CAPTURE(name);
    const Kernel* kernel = find_kernel(name);
    REQUIRE(kernel != nullptr);
    CHECK(digest_hex(*kernel, "abc") == digest);
  }
}

TEST_CASE("every kernel's incremental updates agree with one-shot at every split", "[kernels]") {
  std::mt19937 rng(20261124);
  for (const Kernel& kernel : all_kernels()) for (std::size_t len : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 111u, 112u, 119u, 120u, 127u, 128u, 129u, 255u, 256u, 1000u}) {
    CAPTURE(kernel.name, len);
    std::string message(len, '\0');
    for (char& c : message) c = static_cast<char>(rng());
    std::string expected = digest_hex(kernel, message);

    // byte by byte
    auto state = kernel.create();
    for (char c : message) state->update(reinterpret_cast<const std::uint8_t*>(&c), 1);
    std::vector<std::uint8_t> out(kernel.digest_size);
    state->finish(out.data(), out.size());
    CHECK(to_hex(out) == expected);

    // random splits, including empty updates
    state = kernel.create();
    for (std::size_t at = 0; at < len;) {
      std::size_t take = std::min<std::size_t>(len - at, rng() % 150);
      state->update(reinterpret_cast<const std::uint8_t*>(message.data()) + at, take);
      at += take;
    }
    state->finish(out.data(), out.size());
    CHECK(to_hex(out) == expected);
  }
}

TEST_CASE("sha256 refuses a message longer than 2^61 - 1 bytes", "[sha256]") {
  if constexpr (sizeof(std::size_t) >= 8) {
    auto state = find_kernel("sha256")->create();
    std::uint8_t byte = 0;
    state->update(&byte, 1);
    // The length check happens before any byte is read, so a huge length is safe to pass here.
    std::size_t too_long = std::size_t{1} << 61;
    try {
      state->update(&byte, too_long - 1);
      FAIL("expected input_too_large");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::input_too_large);
    }
  } else {
    SUCCEED("size_t cannot express 2^61 bytes on this target");
  }
}

// FIPS 202 example: SHAKE128 of the empty message, squeezed across the 168-byte rate boundary.
TEST_CASE("SHAKE squeezes any length, each a prefix of the longer ones", "[kernels][xof]") {
  const Kernel* shake = find_kernel("shake128");
  REQUIRE(shake != nullptr);
  std::vector<std::uint8_t> longest(400);
  auto state = shake->create();
  state->finish(longest.data(), longest.size());
  CHECK(to_hex({longest.begin(), longest.begin() + 32}) ==
        "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26");
  for (std::size_t n : {0u, 1u, 167u, 168u, 169u, 336u, 337u}) {
    CAPTURE(n);
    std::vector<std::uint8_t> out(n);
    state = shake->create();
    state->finish(out.data(), n);
    CHECK(std::equal(out.begin(), out.end(), longest.begin()));
  }
}

// The CRC catalogue's check values: the CRC of the ASCII string "123456789".
TEST_CASE("CRC-32 and CRC-32C match their check values", "[kernels][crc]") {
  CHECK(digest_hex(*find_kernel("crc32"), "123456789") == "cbf43926");
  CHECK(digest_hex(*find_kernel("crc32c"), "123456789") == "e3069283");
  CHECK(digest_hex(*find_kernel("crc32"), "") == "00000000");
}

// xxHash's sanity values (xxhsum of "" and "abc", seed 0).
TEST_CASE("XXH32 and XXH64 match xxhsum", "[kernels][xxhash]") {
  CHECK(digest_hex(*find_kernel("xxh32"), "") == "02cc5d05");
  CHECK(digest_hex(*find_kernel("xxh32"), "abc") == "32d153ff");
  CHECK(digest_hex(*find_kernel("xxh64"), "") == "ef46db3751d8e999");
  CHECK(digest_hex(*find_kernel("xxh64"), "abc") == "44bc2cf5ad770999");
}

namespace {

// xxhsum's sanity buffer (xxHash v0.8.0 xxhsum.c, BMK_fillTestBuffer): byte i is the top byte of
// 2654435761 * 11400714785074694797^i mod 2^64.
std::string xxhsum_sanity_buffer(std::size_t n) {
  std::string out(n, '\0');
  std::uint64_t gen = 2654435761U;
  for (char& c : out) {
    c = static_cast<char>(gen >> 56);
    gen *= 11400714785074694797ULL;
  }
  return out;
}

std::string seeded_hex(const Kernel& kernel, const std::string& message, std::uint64_t seed,
                       std::size_t max_update = 0) {
  HashParams params;
  params.output_length = kernel.digest_size;
  params.seed = seed;
  auto state = kernel.create(params);
  const auto* p = reinterpret_cast<const std::uint8_t*>(message.data());
  if (max_update == 0) {
    state->update(p, message.size());
  } else {
    for (std::size_t at = 0; at < message.size(); at += max_update) {
      state->update(p + at, std::min(max_update, message.size() - at));
    }
  }
  std::vector<std::uint8_t> out(kernel.digest_size);
  state->finish(out.data(), out.size());
  return to_hex(out);
}

}  // namespace

// xxHash v0.8.0 xxhsum.c BMK_sanityCheck(): XXH3_64bits_withSeed and XXH128 of prefixes of the
// sanity buffer, one per length class (0, 1-3, 4-8, 9-16, 17-128, 129-240, one block with an
// overlapping or aligned last stripe, block boundaries). XXH128's {low64, high64} are printed
// high first here, as xxhsum does.
TEST_CASE("XXH3 and XXH128 match xxhsum's sanity values, whole and streamed", "[kernels][xxhash]") {
  constexpr std::uint64_t kPrime32 = 2654435761U, kPrime64 = 11400714785074694797ULL;
  const std::string buffer = xxhsum_sanity_buffer(2367);
  struct Case {
    const char* algorithm;
    std::size_t length;
    std::uint64_t seed;
    const char* digest;
  };
  const Case cases[] = {
      {"xxh3", 0, 0, "2d06800538d394c2"},       {"xxh3", 0, kPrime64, "a8a6b918b2f0364a"},
      {"xxh3", 1, 0, "c44bdff4074eecdb"},       {"xxh3", 1, kPrime64, "032be332dd766ef8"},
      {"xxh3", 6, 0, "27b56a84cd2d7325"},       {"xxh3", 6, kPrime64, "84589c116ab59ab9"},
      {"xxh3", 12, 0, "a713daf0dfbb77e7"},      {"xxh3", 12, kPrime64, "e7303e1b2336de0e"},
      {"xxh3", 24, 0, "a3fe70bf9d3510eb"},      {"xxh3", 24, kPrime64, "850e80fc35bdd690"},
      {"xxh3", 48, 0, "397da259ecba1f11"},      {"xxh3", 48, kPrime64, "adc2cbaa44acc616"},
      {"xxh3", 80, 0, "bcdefbbb2c47c90a"},      {"xxh3", 80, kPrime64, "c6dd0cb699532e73"},
      {"xxh3", 195, 0, "cd94217ee362ec3a"},     {"xxh3", 195, kPrime64, "ba68003d370cb3d9"},
      {"xxh3", 403, 0, "cdeb804d65c6dea4"},     {"xxh3", 403, kPrime64, "6259f6ecfd6443fd"},
      {"xxh3", 512, 0, "617e49599013cb6b"},     {"xxh3", 512, kPrime64, "3ce457de14c27708"},
      {"xxh3", 2048, 0, "dd59e2c3a5f038e0"},    {"xxh3", 2048, kPrime64, "66f81670669ababc"},
      {"xxh3", 2240, 0, "6e73a90539cf2948"},    {"xxh3", 2240, kPrime64, "757ba8487d1b5247"},
      {"xxh3", 2367, 0, "cb37aeb9e5d361ed"},    {"xxh3", 2367, kPrime64, "d2db3415b942b42a"},
      {"xxh128", 0, 0, "99aa06d3014798d86001c324468d497f"},
      {"xxh128", 0, kPrime32, "92220ae55e14ab505444f7869c671ab0"},
      {"xxh128", 1, 0, "a6cd5e9392000f6ac44bdff4074eecdb"},
      {"xxh128", 1, kPrime32, "89b99554ba22467cb53d5557e7f76f8d"},
      {"xxh128", 6, 0, "082afe0b8162d12a3e7039bdda43cfc6"},
      {"xxh128", 6, kPrime32, "5a865b5389abd2b1269d8f70be98856e"},
      {"xxh128", 12, 0, "6e3efd8fc7802b18061a192713f69ad9"},
      {"xxh128", 12, kPrime32, "d7e09d518a3405d39be9f9a67f3c7dfb"},
      {"xxh128", 24, 0, "0ce966e4678d37611e7044d28b1b901d"},
      {"xxh128", 24, kPrime32, "3162026714a6a243d7304c54ebad40a9"},
      {"xxh128", 48, 0, "a002ac4e5478227ef942219aed80f67b"},
      {"xxh128", 48, kPrime32, "163adde36c0722957ba3c3e453a1934e"},
      {"xxh128", 81, 0, "4952f58181ab00425e8bafb9f95fb803"},
      {"xxh128", 81, kPrime32, "2724ec7adc750fb6703fbb3d7a5f755c"},
      {"xxh128", 222, 0, "337e09641b948717f1aebd597cec6b3a"},
      {"xxh128", 222, kPrime32, "91820016621e97f1ae995bb8af917a8d"},
      {"xxh128", 403, 0, "1b6de21e332dd73dcdeb804d65c6dea4"},
      {"xxh128", 403, kPrime64, "bed311971e0be8f26259f6ecfd6443fd"},
      {"xxh128", 512, 0, "18d2d110dcc9bca1617e49599013cb6b"},
      {"xxh128", 512, kPrime64, "925d06b8ec5b80403ce457de14c27708"},
      {"xxh128", 2048, 0, "f736557fd47073a5dd59e2c3a5f038e0"},
      {"xxh128", 2048, kPrime32, "7fb03f7e7186c3ea230d43f30206260b"},
      {"xxh128", 2240, 0, "ccb134fbfa7ce49d6e73a90539cf2948"},
      {"xxh128", 2240, kPrime32, "50a1fe17b338995fed385111126fba6f"},
      {"xxh128", 2367, 0, "e89c0f6ff369b427cb37aeb9e5d361ed"},
      {"xxh128", 2367, kPrime32, "d23aae4b76c31ecb6f5360ae69c2f406"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.algorithm, c.length, c.seed);
    const Kernel* kernel = find_kernel(c.algorithm);
    REQUIRE(kernel != nullptr);
    const std::string message = buffer.substr(0, c.length);
    CHECK(seeded_hex(*kernel, message, c.seed) == c.digest);
    // Update sizes that put the buffer's edges and the last stripe in every position.
    for (std::size_t step : {1u, 7u, 63u, 64u, 65u, 255u, 256u, 257u, 1000u}) {
      CAPTURE(step);
      CHECK(seeded_hex(*kernel, message, c.seed, step) == c.digest);
    }
  }
}

// The long path keeps a 256-byte buffer and the 64 bytes before it for the last stripe; these
// lengths end on and around every boundary that matters (16, 128, 240, 256, stripes, 1024-byte
// blocks, several blocks), each hashed whole and at random split points.
TEST_CASE("XXH3 and XXH128 stream at any split, seeded, across blocks", "[kernels][xxhash]") {
  std::mt19937 rng(20261125);
  std::string message(3 * 4096 + 200, '\0');
  for (char& c : message) c = static_cast<char>(rng());
  for (const char* name : {"xxh3", "xxh128"}) {
    const Kernel& kernel = *find_kernel(name);
    for (std::uint64_t seed : {std::uint64_t{0}, std::uint64_t{0x9E3779B97F4A7C15ULL}}) {
      for (std::size_t len : {15u, 16u, 17u, 127u, 128u, 129u, 239u, 240u, 241u, 255u, 256u, 257u, 319u, 320u, 321u,
                              1023u, 1024u, 1025u, 1087u, 1088u, 1089u, 2047u, 2048u, 2049u, 4096u, 4097u, 3u * 4096 + 200}) {
        CAPTURE(name, seed, len);
        const std::string m = message.substr(0, len);
        const std::string expected = seeded_hex(kernel, m, seed);
        HashParams params;
        params.output_length = kernel.digest_size;
        params.seed = seed;
        auto state = kernel.create(params);
        for (int round = 0; round < 2; ++round) {  // the second round checks reset()
          state->reset();
          for (std::size_t at = 0; at < len;) {
            std::size_t take = std::min<std::size_t>(len - at, rng() % (rng() % 2 ? 80 : 1500));
            state->update(reinterpret_cast<const std::uint8_t*>(m.data()) + at, take);
            at += take;
          }
          std::vector<std::uint8_t> out(kernel.digest_size);
          state->finish(out.data(), out.size());
          CHECK(to_hex(out) == expected);
        }
      }
    }
  }
}
