// bcrypt through the generic KDF interface only (kdfs.def's row, src/kdf/bcrypt.cpp's traits):
// the published vectors of tests/vectors/bcrypt.json (typed in here, as the Catch2 suites type
// their RFC vectors), the 72-byte rule and its NUL, $2a$'s length wrap-around as the bcrypt
// package computes it, the row's ranges, and a stop that ends the key schedule.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "kdf/kdf.hpp"
#include "support/job_control.hpp"
#include "support/status.hpp"

using namespace parahash;

namespace {

// bcrypt's own base64 alphabet (not RFC 4648's); 22 characters carry the 16-byte salt and 31
// the 23 bytes of hash kept, most significant bits first.
std::vector<std::uint8_t> decode64(std::string_view text, std::size_t bytes) {
  static constexpr std::string_view kAlphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::vector<std::uint8_t> out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    const auto at = kAlphabet.find(c);
    REQUIRE(at != std::string_view::npos);
    acc = (acc << 6) | static_cast<std::uint32_t>(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (out.size() < bytes) out.push_back(static_cast<std::uint8_t>(acc >> bits));
    }
  }
  REQUIRE(out.size() == bytes);
  return out;
}

// The 23 hash bytes bcrypt derives for `password` under the setting of `crypt` ($2x$NN$salt…).
std::vector<std::uint8_t> derive(std::string_view password, std::string_view crypt, const StopToken& stop = {}) {
  REQUIRE(crypt.size() == 60);
  const std::vector<std::uint8_t> salt = decode64(crypt.substr(7, 22), 16);
  KdfRequest r;
  r.numbers[0] = std::stoul(std::string(crypt.substr(4, 2)));
  r.numbers[1] = crypt[2] == 'a' ? 1 : 0;
  r.inputs[0] = {reinterpret_cast<const std::uint8_t*>(password.data()), password.size()};
  r.inputs[1] = {salt.data(), salt.size()};
  r.output_length = 23;
  const Kdf& kdf = kdf_named("bcrypt");
  kdf.check(r);
  std::vector<std::uint8_t> out(23);
  KdfRun run;
  run.stop = stop;
  kdf.derive(r, out.data(), run);
  return out;
}

bool matches(std::string_view password, std::string_view crypt) {
  return derive(password, crypt) == decode64(crypt.substr(29), 23);
}

std::string repeat(std::string_view text, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

}  // namespace

TEST_CASE("bcrypt matches the published vectors", "[kdf][bcrypt]") {
  using namespace std::string_view_literals;
  struct Vector {
    std::string password;
    std::string_view crypt;
  };
  const std::vector<Vector> vectors = {
    {"U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"},
    {"U*U*", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK"},
    {"U*U*U", "$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a"},
    {"", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy"},
    {"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
     "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui"},
    {repeat("0", 72), "$2a$05$CCCCCCCCCCCCCCCCCCCCC.6.O1dLNbjod2uo0DVcW.jHucKbPDdHS"},
    {repeat("0", 72), "$2b$05$CCCCCCCCCCCCCCCCCCCCC.6.O1dLNbjod2uo0DVcW.jHucKbPDdHS"},
    // $2a$: 255 bytes and the NUL wrap to 0 in 8 bits, so byte 0 repeats: the 72 zeros above.
    {repeat("0123456789", 25) + "01234", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.6.O1dLNbjod2uo0DVcW.jHucKbPDdHS"},
    {"01" + repeat("X", 253), "$2a$05$CCCCCCCCCCCCCCCCCCCCC.6.O1dLNbjod2uo0DVcW.jHucKbPDdHS"},
    {repeat("0123456789", 25) + "01234", "$2b$05$CCCCCCCCCCCCCCCCCCCCC.XxrQqgBi/5Sxuq9soXzDtjIZ7w5pMfK"},
    {repeat("0123456789", 25) + "012345", "$2b$05$CCCCCCCCCCCCCCCCCCCCC.XxrQqgBi/5Sxuq9soXzDtjIZ7w5pMfK"},
    {std::string("Passw\0rd123"sv), "$2b$05$CCCCCCCCCCCCCCCCCCCCC.VHy/kzL4sCcX3Ib3wN5rNGiRt.TpfxS"},
    {std::string("Passw\0 you can literally write anything after the NUL character"sv),
     "$2b$05$CCCCCCCCCCCCCCCCCCCCC.4vJLJQ6nZ/70INTjjSZWQ0iyUek92tu"},
    {"\xcf\x80\xcf\x80\xcf\x80\xcf\x80\xcf\x80\xcf\x80\xcf\x80\xcf\x80", "$2a$10$.TtQJ4Jr6isd4Hp.mVfZeuh6Gws4rOQ/vdBczhDx.19NFK0Y84Dle"},
    {"rasmuslerdorf", "$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a"},
  };
  for (const Vector& v : vectors) {
    CAPTURE(v.password.size(), v.crypt);
    CHECK(matches(v.password, v.crypt));
  }
}

TEST_CASE("bcrypt keeps the first 72 bytes and counts the NUL after a shorter password", "[kdf][bcrypt]") {
  const std::string salt = "$2b$04$CCCCCCCCCCCCCCCCCCCCC.";
  const std::string setting = salt + std::string(31, '.');
  const std::string p72 = repeat("a", 71) + "b";
  CHECK(derive(p72, setting) == derive(p72 + "c", setting));
  CHECK(derive(p72, setting) == derive(p72 + repeat("x", 200), setting));
  CHECK(derive(p72.substr(0, 71), setting) != derive(p72, setting));
  // A 71-byte password is keyed with its NUL as the 72nd byte.
  CHECK(derive(p72.substr(0, 71), setting) == derive(p72.substr(0, 71) + std::string(1, '\0'), setting));
  // $2a$ agrees with $2b$ below 255 bytes.
  const std::string setting2a = "$2a$04$CCCCCCCCCCCCCCCCCCCCC." + std::string(31, '.');
  for (std::size_t length : {0, 1, 71, 72, 73, 254}) {
    CAPTURE(length);
    CHECK(derive(repeat("q", length) + "!", setting) == derive(repeat("q", length) + "!", setting2a));
  }
}

TEST_CASE("bcrypt's row refuses costs, salts and lengths outside it", "[kdf][bcrypt]") {
  const Kdf& kdf = kdf_named("bcrypt");
  const std::vector<std::uint8_t> bytes(16, 7);
  KdfRequest r;
  r.numbers[0] = 4;
  r.inputs[0] = {bytes.data(), 3};
  r.inputs[1] = {bytes.data(), 16};
  r.output_length = 23;
  CHECK_NOTHROW(kdf.check(r));
  const auto refused = [&](KdfRequest q) {
    try {
      kdf.check(q);
    } catch (const Error& e) {
      return e.code() == ErrorCode::invalid_arg;
    }
    return false;
  };
  KdfRequest q = r;
  q.numbers[0] = 3;
  CHECK(refused(q));
  q.numbers[0] = 32;
  CHECK(refused(q));
  q = r;
  q.numbers[1] = 2;
  CHECK(refused(q));
  q = r;
  q.inputs[1].length = 15;
  CHECK(refused(q));
  q = r;
  q.output_length = 25;
  CHECK(refused(q));
  CHECK(kdf.memory_bytes(r, 4) == 0);
}

TEST_CASE("a stopped bcrypt ends with aborted", "[kdf][bcrypt]") {
  JobControl control{};
  control.stop = 1;
  try {
    derive("pw", "$2b$31$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy", StopToken(&control));
    FAIL("a stopped cost-31 bcrypt returned");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::aborted);
  }
}
