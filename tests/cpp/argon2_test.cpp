// Argon2 against RFC 9106 section 5 (the three test vectors), at several thread counts, plus its
// parameter checks, its out-of-memory path and stopping between passes.
#include <catch2/catch.hpp>

#include <memory>
#include <vector>

#include "kdf/argon2.hpp"
#include "pool/thread_pool.hpp"
#include "support/status.hpp"
#include "test_support.hpp"

using namespace parahash;
using parahash::test::over;
using parahash::test::serial;
using parahash::test::to_hex;

namespace {

// RFC 9106 section 5: password 32 × 0x01, salt 16 × 0x02, secret 8 × 0x03, associated data
// 12 × 0x04; m = 32 KiB, t = 3, p = 4, T = 32.
struct RfcInputs {
  std::vector<std::uint8_t> password = std::vector<std::uint8_t>(32, 0x01);
  std::vector<std::uint8_t> salt = std::vector<std::uint8_t>(16, 0x02);
  std::vector<std::uint8_t> secret = std::vector<std::uint8_t>(8, 0x03);
  std::vector<std::uint8_t> ad = std::vector<std::uint8_t>(12, 0x04);

  Argon2Params params(Argon2Type type) const {
    Argon2Params p;
    p.type = type;
    p.memory_kib = 32;
    p.passes = 3;
    p.lanes = 4;
    p.tag_length = 32;
    p.password = password.data();
    p.password_length = password.size();
    p.salt = salt.data();
    p.salt_length = salt.size();
    p.secret = secret.data();
    p.secret_length = secret.size();
    p.associated_data = ad.data();
    p.associated_data_length = ad.size();
    return p;
  }
};

std::string tag_hex(const Argon2Params& p, const FanOut& fan_out) {
  std::vector<std::uint8_t> tag(p.tag_length);
  argon2_hash(p, tag.data(), fan_out);
  return to_hex(tag);
}

}  // namespace

TEST_CASE("Argon2d, Argon2i and Argon2id match RFC 9106's test vectors at any thread count", "[argon2]") {
  const RfcInputs in;
  const std::pair<Argon2Type, const char*> vectors[] = {
      {Argon2Type::d, "512b391b6f1162975371d30919734294f868e3be3984f3c1a13a4db9fabe4acb"},
      {Argon2Type::i, "c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8"},
      {Argon2Type::id, "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"},
  };
  for (auto [type, expected] : vectors) {
    CAPTURE(static_cast<int>(type));
    CHECK(tag_hex(in.params(type), serial()) == expected);
    for (unsigned threads : {1u, 2u, 4u}) {
      CAPTURE(threads);
      ThreadPool pool(threads);
      CHECK(tag_hex(in.params(type), over(pool)) == expected);
    }
  }
}

TEST_CASE("Argon2 tags longer than 64 bytes and odd memory sizes agree across thread counts", "[argon2]") {
  // No published vector covers these; the serial run is the reference for the threaded ones,
  // and H' beyond 64 bytes is exercised (tag lengths 65, 100, 1024).
  const RfcInputs in;
  ThreadPool pool(3);
  for (std::uint32_t tag_length : {4u, 65u, 100u, 1024u}) {
    for (std::uint32_t memory : {8u * 3, 100u, 257u}) {
      Argon2Params p = in.params(Argon2Type::id);
      p.lanes = 3;
      p.memory_kib = memory;
      p.passes = 2;
      p.tag_length = tag_length;
      CAPTURE(tag_length, memory);
      const std::string one = tag_hex(p, serial());
      CHECK(one.size() == 2 * tag_length);
      CHECK(tag_hex(p, over(pool)) == one);
    }
  }
}

TEST_CASE("Argon2 rejects parameters outside RFC 9106's ranges", "[argon2]") {
  const RfcInputs in;
  const auto rejects = [](Argon2Params p) {
    std::uint8_t tag[64];
    try {
      argon2_hash(p, tag, serial());
    } catch (const Error& e) {
      return e.code() == ErrorCode::invalid_arg;
    }
    return false;
  };
  Argon2Params p = in.params(Argon2Type::id);
  CHECK_FALSE(rejects(p));
  p.lanes = 0;
  CHECK(rejects(p));
  p = in.params(Argon2Type::id);
  p.memory_kib = 8 * 4 - 1;  // below 8 × lanes
  CHECK(rejects(p));
  p = in.params(Argon2Type::id);
  p.passes = 0;
  CHECK(rejects(p));
  p = in.params(Argon2Type::id);
  p.tag_length = 3;
  CHECK(rejects(p));
  p = in.params(Argon2Type::id);
  p.salt_length = 7;
  CHECK(rejects(p));
  p = in.params(Argon2Type::id);
  p.type = static_cast<Argon2Type>(3);
  CHECK(rejects(p));
}

TEST_CASE("Argon2 reports memory it cannot allocate as out_of_memory, before hashing", "[argon2]") {
  const RfcInputs in;
  Argon2Params p = in.params(Argon2Type::id);
  p.memory_kib = 0xffffffff;  // 4 TiB: more than any heap here can give
  std::uint8_t tag[32];
  bool progressed = false;
  try {
    argon2_hash(p, tag, serial(), [&](std::uint32_t) { progressed = true; });
    FAIL("allocated 4 TiB");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::out_of_memory);
  }
  CHECK_FALSE(progressed);
}

TEST_CASE("Argon2 reports each pass and stops when asked", "[argon2]") {
  const RfcInputs in;
  std::vector<std::uint32_t> seen;
  std::uint8_t tag[32];
  argon2_hash(in.params(Argon2Type::id), tag, serial(), [&](std::uint32_t done) { seen.push_back(done); });
  CHECK(seen == std::vector<std::uint32_t>{1, 2, 3});
  seen.clear();
  try {
    JobControl control;
    argon2_hash(in.params(Argon2Type::id), tag, serial(), [&](std::uint32_t done) {
      seen.push_back(done);
      if (done == 2) control.stop = 1;  // the host's stop request, as JS's Atomics.store makes it
    }, StopToken(&control));
    FAIL("did not stop");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::aborted);
  }
  CHECK(seen == std::vector<std::uint32_t>{1, 2});
}
