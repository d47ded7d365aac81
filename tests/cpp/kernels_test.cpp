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

// "abc": FIPS 180-4 examples (SHA-1, SHA-2), RFC 1321 A.5 (MD5), FIPS 202 examples (SHA-3),
// RFC 7693 appendices A and B (BLAKE2).
TEST_CASE("kernels match their published 'abc' digests", "[kernels]") {
  const std::pair<const char*, const char*> known[] = {
      {"md5", "900150983cd24fb0d6963f7d28e17f72"},
      {"sha1", "a9993e364706816aba3e25717850c26c9cd0d89d"},
      {"sha224", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"},
      {"sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"sha384", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"},
      {"sha512", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
      {"sha512-256", "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23"},
      {"sha3-256", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"},
      // RFC 7693 appendix A and B.
      {"blake2b512", "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"},
      {"blake2s256", "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982"},
  };
  for (auto [name, digest] : known) {
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
