// scrypt against every vector of RFC 7914 (section 8 Salsa20/8, 9 BlockMix, 10 ROMix, 12 scrypt;
// section 11 is in pbkdf2_test.cpp) and node:crypto, at several thread counts; SIMD against the
// portable ROMix; node's parameter checks, maxmem and the out-of-memory path.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "kdf/scrypt.hpp"
#include "kdf/scrypt_core.hpp"
#include "pool/thread_pool.hpp"
#include "support/status.hpp"
#include "test_support.hpp"

using namespace parahash;
using parahash::test::over;
using parahash::test::serial;
using parahash::test::to_hex;

namespace {

// Hex as the RFC prints it, spaces and all.
std::vector<std::uint8_t> from_hex(const char* text) {
  std::vector<std::uint8_t> out;
  int high = -1;
  for (const char* c = text; *c != '\0'; ++c) {
    const char* digits = "0123456789abcdef";
    const char* at = std::strchr(digits, *c);
    if (*c == ' ' || at == nullptr) continue;
    const int v = static_cast<int>(at - digits);
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(high * 16 + v));
      high = -1;
    }
  }
  return out;
}

// string_view: a literal argument then points at static storage, not at a dead temporary.
const std::uint8_t* bytes(std::string_view s) { return reinterpret_cast<const std::uint8_t*>(s.data()); }

ScryptParams params(std::string_view password, std::string_view salt, std::uint32_t n, std::uint32_t r,
                    std::uint32_t p, std::size_t key_length) {
  ScryptParams s;
  s.cost = n;
  s.block_size = r;
  s.parallelization = p;
  s.password = bytes(password);
  s.password_length = password.size();
  s.salt = bytes(salt);
  s.salt_length = salt.size();
  s.key_length = key_length;
  return s;
}

std::string derive_hex(const ScryptParams& p, const FanOut& fan_out, unsigned threads) {
  std::vector<std::uint8_t> out(p.key_length);
  scrypt(p, out.data(), fan_out, threads);
  return to_hex(out);
}

ErrorCode code_of(const ScryptParams& p) {
  try {
    check_scrypt_params(p);
  } catch (const Error& e) {
    return e.code();
  }
  return ErrorCode::ok;
}

// RFC 7914 section 9's input, which section 10 reuses: the first B of the first scrypt vector.
constexpr const char* kMixInput =
    "f7 ce 0b 65 3d 2d 72 a4 10 8c f5 ab e9 12 ff dd 77 76 16 db bb 27 a7 0e 82 04 f3 ae 2d 0f 6f ad"
    "89 f6 8f 48 11 d1 e8 7b cc 3b d7 40 0a 9f fd 29 09 4f 01 84 63 95 74 f3 9a e5 a1 31 52 17 bc d7"
    "89 49 91 44 72 13 bb 22 6c 25 b5 4d a8 63 70 fb cd 98 43 80 37 46 66 bb 8f fc b5 bf 40 c2 54 b0"
    "67 d2 7c 51 ce 4a d5 fe d8 29 c9 0b 50 5a 57 1b 7f 4d 1c ad 6a 52 3c da 77 0e 67 bc ea af 7e 89";

}  // namespace

TEST_CASE("Salsa20/8, BlockMix and ROMix match RFC 7914 sections 8, 9 and 10", "[scrypt]") {
  CAPTURE(scrypt_core::ro_mix_uses_simd());
  // Section 8.
  auto block = from_hex(
      "7e 87 9a 21 4f 3e c9 86 7c a9 40 e6 41 71 8f 26 ba ee 55 5b 8c 61 c1 b5 0d f8 46 11 6d cd 3b 1d"
      "ee 24 f3 19 df 9b 3d 85 14 12 1e 4b 5a c5 aa 32 76 02 1d 29 09 c7 48 29 ed eb c6 8d b8 b8 c2 5e");
  REQUIRE(block.size() == 64);
  scrypt_core::salsa20_8(block.data());
  const char* salsa_out =
      "a4 1f 85 9c 66 08 cc 99 3b 81 ca cb 02 0c ef 05 04 4b 21 81 a2 fd 33 7d fd 7b 1c 63 96 68 2f 29"
      "b4 39 31 68 e3 c9 e6 bc fe 6b c5 b7 a0 6d 96 ba e4 24 cc 10 2c 91 74 5c 24 ad 67 3d c7 61 8f 81";
  CHECK(block == from_hex(salsa_out));

  // Section 9, r = 1 (its first output block is section 8's output).
  const auto mix_in = from_hex(kMixInput);
  REQUIRE(mix_in.size() == 128);
  std::vector<std::uint8_t> mixed(128);
  scrypt_core::block_mix(mix_in.data(), mixed.data(), 1);
  CHECK(to_hex(mixed) ==
        to_hex(from_hex("a4 1f 85 9c 66 08 cc 99 3b 81 ca cb 02 0c ef 05 04 4b 21 81 a2 fd 33 7d fd 7b 1c 63 96 68 2f 29"
                        "b4 39 31 68 e3 c9 e6 bc fe 6b c5 b7 a0 6d 96 ba e4 24 cc 10 2c 91 74 5c 24 ad 67 3d c7 61 8f 81"
                        "20 ed c9 75 32 38 81 a8 05 40 f6 4c 16 2d cd 3c 21 07 7c fe 5f 8d 5f e2 b1 a4 16 8f 95 36 78 b7"
                        "7d 3b 3d 80 3b 60 e4 ab 92 09 96 e5 9b 4d 53 b6 5d 2a 22 58 77 d5 ed f5 84 2c b9 f1 4e ef e4 25")));

  // Section 10, r = 1, N = 16, with the default ROMix (SIMD under wasm) and the portable one.
  const char* romix_out =
      "79 cc c1 93 62 9d eb ca 04 7f 0b 70 60 4b f6 b6 2c e3 dd 4a 96 26 e3 55 fa fc 61 98 e6 ea 2b 46"
      "d5 84 13 67 3b 99 b0 29 d6 65 c3 57 60 1f b4 26 a0 b2 f4 bb a2 00 ee 9f 0a 43 d1 9b 57 1a 9c 71"
      "ef 11 42 e6 5d 5a 26 6f dd ca 83 2c e5 9f aa 7c ac 0b 9c f1 be 2b ff ca 30 0d 01 ee 38 76 19 c4"
      "ae 12 fd 44 38 f2 03 a0 e4 e1 c4 7e c3 14 86 1f 4e 90 87 cb 33 39 6a 68 73 e8 f9 d2 53 9a 4b 8e";
  std::vector<std::uint32_t> work(scrypt_core::work_words(1, 16));
  auto b = mix_in;
  scrypt_core::ro_mix(b.data(), 1, 16, work.data());
  CHECK(to_hex(b) == to_hex(from_hex(romix_out)));
  b = mix_in;
  scrypt_core::ro_mix_portable(b.data(), 1, 16, work.data());
  CHECK(to_hex(b) == to_hex(from_hex(romix_out)));
}

TEST_CASE("the default ROMix and the portable one agree on larger r and N", "[scrypt]") {
  // Natively both are the portable code; under em++ -msimd128 this checks the SIMD path.
  for (std::uint32_t r : {1u, 2u, 3u, 8u}) {
    for (std::uint32_t n : {2u, 4u, 1024u}) {
      CAPTURE(r, n);
      std::vector<std::uint8_t> b(128 * r);
      std::uint32_t x = 0x9e3779b9u * (r + 7 * n);
      for (auto& byte : b) byte = static_cast<std::uint8_t>((x = x * 1664525 + 1013904223) >> 24);
      auto portable = b;
      std::vector<std::uint32_t> work(scrypt_core::work_words(r, n));
      scrypt_core::ro_mix(b.data(), r, n, work.data());
      scrypt_core::ro_mix_portable(portable.data(), r, n, work.data());
      CHECK(to_hex(b) == to_hex(portable));
    }
  }
}

TEST_CASE("scrypt matches RFC 7914 section 12 and node:crypto at any thread count", "[scrypt]") {
  struct Vector {
    std::string password, salt;
    std::uint32_t n, r, p;
    std::size_t key_length;
    const char* expected;
  };
  const Vector vectors[] = {
      // RFC 7914 section 12 (the N = 1048576 one is the [.slow] test below).
      {"", "", 16, 1, 1, 64,
       "77 d6 57 62 38 65 7b 20 3b 19 ca 42 c1 8a 04 97 f1 6b 48 44 e3 07 4a e8 df df fa 3f ed e2 14 42"
       "fc d0 06 9d ed 09 48 f8 32 6a 75 3a 0f c8 1f 17 e8 d3 e0 fb 2e 0d 36 28 cf 35 e2 0c 38 d1 89 06"},
      {"password", "NaCl", 1024, 8, 16, 64,
       "fd ba be 1c 9d 34 72 00 78 56 e7 19 0d 01 e9 fe 7c 6a d7 cb c8 23 78 30 e7 73 76 63 4b 37 31 62"
       "2e af 30 d9 2e 22 a3 88 6f f1 09 27 9d 98 30 da c7 27 af b9 4a 83 ee 6d 83 60 cb df a2 cc 06 40"},
      {"pleaseletmein", "SodiumChloride", 16384, 8, 1, 64,
       "70 23 bd cb 3a fd 73 48 46 1c 06 cd 81 fd 38 eb fd a8 fb ba 90 4f 8e 3e a9 b5 43 f6 54 5d a1 f2"
       "d5 43 29 55 61 3f 0f cf 62 d4 97 05 24 2a 9a f9 e6 1e 85 dc 0d 65 1e 40 df cf 01 7b 45 57 58 87"},
      // No RFC vector has an odd r, p not a power of 2 or a long key. From node:crypto (v20.20,
      // OpenSSL 3), an independent implementation:
      // node -e "console.log(crypto.scryptSync('password', 'salt', 100, { N: 64, r: 3, p: 5 }).toString('hex'))"
      {"password", "salt", 64, 3, 5, 100,
       "36f29c27375bc6976b54c571489699c9347c1147de6303708f0d940932bc1ad011a3dc2aecf4edb705925a2dbd2b2d47"
       "cfaa1b64a2c9a89dab69e3c89a3d40225e2bbc3596a65eec55991b1173f4cc3ded5edb779b8b4e942344c854654e4e66"
       "094e5a76"},
      // node -e "console.log(crypto.scryptSync('', '', 1, { N: 2, r: 1, p: 1 }).toString('hex'))"
      {"", "", 2, 1, 1, 1, "fa"},
  };
  for (const auto& v : vectors) {
    CAPTURE(v.n, v.r, v.p, v.key_length);
    auto p = params(v.password, v.salt, v.n, v.r, v.p, v.key_length);
    p.maxmem = std::uint64_t{1} << 30;  // room for p ROMix calls at once
    const std::string expected = to_hex(from_hex(v.expected));
    CHECK(derive_hex(p, serial(), 1) == expected);
    for (unsigned threads : {1u, 2u, 4u}) {
      CAPTURE(threads);
      ThreadPool pool(threads);
      CHECK(derive_hex(p, over(pool), threads) == expected);
    }
  }
}

TEST_CASE("scrypt runs as many ROMix calls at once as maxmem has room for", "[scrypt]") {
  // N = 2^14, r = 8: one V (with X and T) is 128·8·(2^14 + 2) = 16,779,264 bytes.
  auto p = params("pw", "salt", 16384, 8, 4, 32);
  constexpr std::uint64_t kWork = 16779264, kB = 128 * 8 * 4;
  // Node's default maxmem (32 MiB) holds one V: the four calls run one after another.
  CHECK(scrypt_concurrency(p, 4) == 1);
  CHECK(scrypt_memory_bytes(p, 4) == kB + kWork);
  p.maxmem = kB + 3 * kWork;
  CHECK(scrypt_concurrency(p, 4) == 3);
  CHECK(scrypt_concurrency(p, 2) == 2);
  CHECK(scrypt_memory_bytes(p, 2) == kB + 2 * kWork);
  p.maxmem = kB + 3 * kWork - 1;
  CHECK(scrypt_concurrency(p, 4) == 2);
  p.maxmem = std::uint64_t{1} << 40;
  CHECK(scrypt_concurrency(p, 16) == 4);  // never more than p
  CHECK(scrypt_concurrency(p, 0) == 1);

  // Thread counts that do not divide p, and fewer lanes than threads: same key.
  auto small = params("password", "salt", 64, 3, 5, 100);
  small.maxmem = 128 * 3 * 5 + 2 * 128 * 3 * (64 + 2);  // two lanes
  CHECK(scrypt_concurrency(small, 4) == 2);
  const std::string expected = derive_hex(small, serial(), 1);
  ThreadPool pool(3);
  CHECK(derive_hex(small, over(pool), 3) == expected);
}

TEST_CASE("scrypt applies node's (OpenSSL's) parameter checks", "[scrypt]") {
  CHECK(code_of(ScryptParams{}) == ErrorCode::ok);  // node's defaults: N = 16384, r = 8, p = 1, 32 MiB
  const auto with = [](std::uint32_t n, std::uint32_t r, std::uint32_t p, std::uint64_t maxmem) {
    ScryptParams s;
    s.cost = n;
    s.block_size = r;
    s.parallelization = p;
    s.maxmem = maxmem;
    return code_of(s);
  };
  constexpr std::uint64_t kBig = (std::uint64_t{1} << 53) - 1;  // node's largest maxmem
  for (std::uint32_t n : {0u, 1u, 3u, 1000u, 0xffffffffu}) {
    CAPTURE(n);
    CHECK(with(n, 1, 1, kBig) == ErrorCode::invalid_arg);  // not a power of 2 above 1
  }
  CHECK(with(16, 0, 1, kBig) == ErrorCode::invalid_arg);
  CHECK(with(16, 1, 0, kBig) == ErrorCode::invalid_arg);
  // N < 2^(16·r): r = 1 allows up to 2^15.
  CHECK(with(1u << 15, 1, 1, kBig) == ErrorCode::ok);
  CHECK(with(1u << 16, 1, 1, kBig) == ErrorCode::invalid_arg);
  CHECK(with(1u << 31, 2, 1, kBig) == ErrorCode::ok);
  // 128·r·p must stay below 2^31 (node accepts p = 2^24 − 1 with r = 1, not 2^24).
  CHECK(with(4, 1, (1u << 24) - 1, kBig) == ErrorCode::ok);
  CHECK(with(4, 1, 1u << 24, kBig) == ErrorCode::invalid_arg);
  CHECK(with(4, 1u << 24, 1, kBig) == ErrorCode::invalid_arg);
  CHECK(with(4, 1u << 15, 1u << 15, kBig) == ErrorCode::invalid_arg);  // p·r ≥ 2^30
  // maxmem: 128·r·(N + 2) + 128·r·p bytes, to the byte (checked against node for these).
  CHECK(with(1024, 2, 1, 128 * 2 * (1024 + 2) + 128 * 2 * 1) == ErrorCode::ok);
  CHECK(with(1024, 2, 1, 128 * 2 * (1024 + 2) + 128 * 2 * 1 - 1) == ErrorCode::invalid_arg);
  CHECK(with(1024, 2, 3, 128 * 2 * (1024 + 2) + 128 * 2 * 3) == ErrorCode::ok);
  CHECK(with(1024, 2, 3, 128 * 2 * (1024 + 2) + 128 * 2 * 3 - 1) == ErrorCode::invalid_arg);

  auto p = params("pw", "salt", 16, 1, 1, 0x7fffffff);
  CHECK(code_of(p) == ErrorCode::ok);
  p.key_length = std::size_t{0x80000000};
  CHECK(code_of(p) == ErrorCode::invalid_arg);

  // keylen 0: checked, then nothing to derive (node returns an empty buffer).
  p = params("pw", "salt", 16, 1, 1, 0);
  CHECK(derive_hex(p, serial(), 1).empty());
  p.cost = 3;
  CHECK_THROWS_AS(derive_hex(p, serial(), 1), Error);
}

TEST_CASE("scrypt reports memory it cannot allocate as out_of_memory, before hashing", "[scrypt]") {
  // N = 2^31, r = 16: 4 TiB of V, within a maxmem of 2^53 − 1 (node's largest), so the
  // parameters pass and the allocation fails: more than any heap here can give (and more than
  // wasm32 can address).
  auto p = params("pw", "salt", 1u << 31, 16, 1, 32);
  p.maxmem = (std::uint64_t{1} << 53) - 1;
  CHECK(code_of(p) == ErrorCode::ok);
  bool ran = false;
  const FanOut watching = [&](std::size_t count, const std::function<void(std::size_t)>& body) {
    ran = true;
    serial()(count, body);
  };
  try {
    derive_hex(p, watching, 1);
    FAIL("allocated 4 TiB");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::out_of_memory);
  }
  CHECK_FALSE(ran);
}

TEST_CASE("scrypt N = 1048576 (RFC 7914 section 12; needs 1 GiB)", "[.slow]") {
  auto p = params("pleaseletmein", "SodiumChloride", 1048576, 8, 1, 64);
  p.maxmem = std::uint64_t{1} << 31;
  CHECK(derive_hex(p, serial(), 1) ==
        to_hex(from_hex("21 01 cb 9b 6a 51 1a ae ad db be 09 cf 70 f8 81 ec 56 8d 57 4a 2f fd 4d ab e5 ee 98 20 ad aa 47"
                        "8e 56 fd 8f 4b a5 d0 9f fa 1c 6d 92 7c 40 f4 c3 37 30 40 49 e8 a9 52 fb cb f4 5c 6f a7 7a 41 a4")));
}
