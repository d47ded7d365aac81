// kdfs.def as the one description of each KDF's parameters: Kdf::check walks every row and
// refuses each number, the output length and each input length one step outside its range,
// with the message JS gives for the same value (js/args/checks.js), and then the relations no
// range can state. The typed entry points (argon2_hash, scrypt, pbkdf2) check through the same
// rows.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "kdf/argon2.hpp"
#include "kdf/kdf.hpp"
#include "kdf/scrypt.hpp"
#include "kernels/registry.hpp"
#include "support/status.hpp"

using namespace parahash;

namespace {

// A cheap request each row accepts, relations included. A row added to kdfs.def needs one here.
KdfRequest accepted(std::string_view kdf, const std::vector<std::uint8_t>& bytes) {
  KdfRequest r;
  r.output_length = 16;
  r.inputs[0] = {bytes.data(), 8};
  r.inputs[1] = {bytes.data(), 8};
  if (kdf == "pbkdf2") {
    r.numbers[0] = static_cast<std::uint64_t>(kernel_index("sha256"));
    r.numbers[1] = 1;
  } else if (kdf == "scrypt") {
    r.numbers[0] = 16;
    r.numbers[1] = 1;
    r.numbers[2] = 1;
    r.numbers[3] = std::uint64_t{1} << 20;
  } else if (kdf.rfind("argon2", 0) == 0) {
    r.numbers[0] = 64;
    r.numbers[1] = 1;
    r.numbers[2] = 1;
  } else if (kdf == "bcrypt") {
    r.numbers[0] = 4;
    r.inputs[1] = {bytes.data(), 16};
  } else {
    FAIL("tests/cpp/kdf_table_test.cpp has no accepted request for " << kdf);
  }
  return r;
}

// How Kdf::check ends: "" when it accepts, else the code's name and the message.
std::string outcome(const Kdf& kdf, const KdfRequest& r) {
  try {
    kdf.check(r);
  } catch (const Error& e) {
    return std::string(error_code_name(e.code())) + ": " + e.what();
  }
  return "";
}

std::string what(std::string_view label) {
  return "The \"" + std::string(label) + (label.rfind("options.", 0) == 0 ? "\" property" : "\" argument");
}

}  // namespace

TEST_CASE("every KDF row refuses each number, length and input one step outside its range", "[kdf]") {
  const std::vector<std::uint8_t> bytes(64, 0x5a);
  REQUIRE(all_kdfs().size() == 6);
  for (const Kdf& kdf : all_kdfs()) {
    CAPTURE(kdf.name);
    CHECK(kdf_index(kdf.name) >= 0);
    CHECK(&kdf_named(kdf.name) == &kdf);
    const KdfRequest good = accepted(kdf.name, bytes);
    REQUIRE(outcome(kdf, good).empty());
    for (std::size_t i = 0; i < KdfRequest::kNumbers; ++i) {
      const KdfNumber& n = kdf.numbers[i];
      if (n.name.empty()) continue;
      CAPTURE(n.name);
      CHECK(n.min <= n.max);
      const std::string rule = what(n.label) + " must be from " + std::to_string(n.min) + " to " + std::to_string(n.max);
      if (n.min > 0) {
        KdfRequest r = good;
        r.numbers[i] = n.min - 1;
        CHECK(outcome(kdf, r) == "ERR_PARAHASH_INVALID_ARG: " + rule + "; received " + std::to_string(n.min - 1));
      }
      KdfRequest r = good;
      r.numbers[i] = n.max + 1;
      CHECK(outcome(kdf, r) == "ERR_PARAHASH_INVALID_ARG: " + rule + "; received " + std::to_string(n.max + 1));
    }
    {
      const KdfLength& l = kdf.output;
      CAPTURE(l.label);
      const std::string rule = what(l.label) + " must be from " + std::to_string(l.min) + " to " + std::to_string(l.max);
      KdfRequest r = good;
      if (l.min > 0) {
        r.output_length = l.min - 1;
        CHECK(outcome(kdf, r) == "ERR_PARAHASH_INVALID_ARG: " + rule + "; received " + std::to_string(l.min - 1));
      }
      if (l.max < std::numeric_limits<std::size_t>::max()) {  // 2^32 − 1 is wasm32's whole size_t
        r.output_length = static_cast<std::size_t>(l.max + 1);
        CHECK(outcome(kdf, r) == "ERR_PARAHASH_INVALID_ARG: " + rule + "; received " + std::to_string(l.max + 1));
      }
    }
    for (std::size_t i = 0; i < KdfRequest::kInputs; ++i) {
      const KdfLength& l = kdf.inputs[i];
      if (l.label.empty()) continue;
      CAPTURE(l.label);
      KdfRequest r = good;
      if (l.min > 0) {
        r.inputs[i].length = l.min - 1;
        CHECK(outcome(kdf, r) == "ERR_PARAHASH_INVALID_ARG: " + what(l.label) + " must be from " + std::to_string(l.min) +
                                     " to " + std::to_string(l.max) + " bytes long; received " + std::to_string(l.min - 1) + " bytes");
      }
      if (l.max < std::numeric_limits<std::size_t>::max()) {  // 2^32 − 1 is wasm32's whole size_t
        r = good;
        r.inputs[i].length = static_cast<std::size_t>(l.max + 1);
        CHECK(outcome(kdf, r) == "ERR_PARAHASH_INPUT_TOO_LARGE: " + what(l.label) + " is " + std::to_string(l.max + 1) +
                                     " bytes long; this call takes at most " + std::to_string(l.max));
      }
    }
  }
}

TEST_CASE("the relations no range states are each KDF's, named as JS names the parameters", "[kdf]") {
  const std::vector<std::uint8_t> bytes(64, 0x5a);
  for (const char* type : {"argon2d", "argon2i", "argon2id"}) {
    CAPTURE(type);
    const Kdf& kdf = kdf_named(type);
    KdfRequest r = accepted(type, bytes);
    r.numbers[0] = 31;  // memoryCost under 8 × parallelism
    r.numbers[2] = 4;
    CHECK(outcome(kdf, r) == "ERR_PARAHASH_INVALID_ARG: The \"options.memoryCost\" property must be at least 8 × options.parallelism (32); received 31");
    r.numbers[0] = 32;
    CHECK(outcome(kdf, r).empty());
  }

  const Kdf& scrypt = kdf_named("scrypt");
  const auto with = [&](std::uint64_t n, std::uint64_t r, std::uint64_t p, std::uint64_t maxmem) {
    KdfRequest q = accepted("scrypt", bytes);
    q.numbers[0] = n;
    q.numbers[1] = r;
    q.numbers[2] = p;
    q.numbers[3] = maxmem;
    return outcome(scrypt, q);
  };
  constexpr std::uint64_t kBig = (std::uint64_t{1} << 53) - 1;
  CHECK(with(1000, 1, 1, kBig) == "ERR_PARAHASH_INVALID_ARG: The \"options.N\" property must be a power of 2; received 1000");
  CHECK(with(1u << 16, 1, 1, kBig) == "ERR_PARAHASH_INVALID_ARG: The \"options.N\" property must be below 2^16 (2^(16·r)); received 65536");
  CHECK(with(4, 1u << 15, 1u << 15, kBig) == "ERR_PARAHASH_INVALID_ARG: The \"options.p\" property must be at most 32767 (r·p < 2^30); received 32768");
  CHECK(with(4, 1, 1u << 24, kBig) == "ERR_PARAHASH_INVALID_ARG: The \"options.p\" property must be at most 16777215 (128·r·p < 2^31); received 16777216");
  // OpenSSL's memory: 128·r·(N + 2) + 128·r·p bytes, to the byte.
  const std::uint64_t needed = 128 * 2 * (1024 + 2) + 128 * 2 * 3;
  CHECK(with(1024, 2, 3, needed).empty());
  CHECK(with(1024, 2, 3, needed - 1) == "ERR_PARAHASH_INVALID_ARG: The \"options.maxmem\" property must be at least " +
                                            std::to_string(needed) + " (128·r·(N+p+2)); received " + std::to_string(needed - 1));

  const Kdf& pbkdf2 = kdf_named("pbkdf2");
  KdfRequest r = accepted("pbkdf2", bytes);
  r.numbers[0] = static_cast<std::uint64_t>(kernel_index("shake128"));
  CHECK(outcome(pbkdf2, r) == "ERR_PARAHASH_INVALID_ARG: The \"digest\" argument must be a fixed-length cryptographic hash (HMAC's); received shake128");
  r.numbers[0] = all_kernels().size();  // within the row's range, but no kernel
  CHECK(outcome(pbkdf2, r).rfind("ERR_PARAHASH_UNKNOWN_ALGORITHM: ", 0) == 0);
}

TEST_CASE("the typed entry points check through the same rows", "[kdf]") {
  const std::vector<std::uint8_t> bytes(64, 0x5a);
  Argon2Params a;
  a.memory_kib = 64;
  a.passes = 1;
  a.lanes = 1;
  a.tag_length = 16;
  a.password = bytes.data();
  a.password_length = 8;
  a.salt = bytes.data();
  a.salt_length = 7;
  try {
    check_argon2_params(a);
    FAIL("a 7-byte salt was accepted");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "The \"salt\" argument must be from 8 to 4294967295 bytes long; received 7 bytes");
  }
  ScryptParams s;
  s.cost = 1;
  try {
    check_scrypt_params(s);
    FAIL("N = 1 was accepted");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "The \"options.N\" property must be from 2 to 4294967295; received 1");
  }
}
