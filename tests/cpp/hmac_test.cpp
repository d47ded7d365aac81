#include <catch2/catch.hpp>

#include <string>

#include "engine/engine.hpp"
#include "kernels/hmac.hpp"
#include "kernels/registry.hpp"
#include "test_support.hpp"

using namespace parahash;
using parahash::test::to_hex;

namespace {

std::string hmac_hex(const char* algorithm, const std::string& key, const std::string& data) {
  auto state = Engine::create_hmac_state(kernel_index(algorithm), reinterpret_cast<const std::uint8_t*>(key.data()),
                                         key.size());
  state->update(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
  std::vector<std::uint8_t> out(find_kernel(algorithm)->digest_size);
  state->finish(out.data(), out.size());
  return to_hex(out);
}

}  // namespace

// RFC 4231 test cases 1, 2 and 6 (a key longer than the block is hashed first).
TEST_CASE("HMAC-SHA-256 matches RFC 4231", "[hmac]") {
  CHECK(hmac_hex("sha256", std::string(20, '\x0b'), "Hi There") ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  CHECK(hmac_hex("sha256", "Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(hmac_hex("sha256", std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First") ==
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST_CASE("an HMAC state can be reset and reused, and the empty key works", "[hmac]") {
  std::string key = "k", data = "message";
  auto state = Engine::create_hmac_state(kernel_index("sha512"), reinterpret_cast<const std::uint8_t*>(key.data()), 1);
  std::vector<std::uint8_t> first(64), second(64);
  state->update(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
  state->finish(first.data(), 64);
  state->reset();
  state->update(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
  state->finish(second.data(), 64);
  CHECK(first == second);
  CHECK(to_hex(first) == hmac_hex("sha512", "k", "message"));
  CHECK(hmac_hex("sha256", "", "") == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST_CASE("HMAC needs a valid kernel index", "[hmac]") {
  REQUIRE_THROWS_AS(Engine::create_hmac_state(-1, nullptr, 0), Error);
}

TEST_CASE("an HMAC state's clone is deep: inner and outer states are its own", "[hmac][clone]") {
  const Kernel& sha256 = *find_kernel("sha256");
  const std::string key = "key", head = "The quick brown fox ", tail = "jumps over the lazy dog";
  auto mac = make_hmac(sha256, reinterpret_cast<const std::uint8_t*>(key.data()), key.size());
  mac->update(reinterpret_cast<const std::uint8_t*>(head.data()), head.size());
  auto copy = mac->clone();
  mac->update(reinterpret_cast<const std::uint8_t*>("x"), 1);
  copy->update(reinterpret_cast<const std::uint8_t*>(tail.data()), tail.size());
  std::vector<std::uint8_t> out(32);
  copy->finish(out.data(), out.size());
  mac.reset();  // the original gone, the copy's digest stands
  // RFC 4231-style known value: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
  CHECK(parahash::test::to_hex(out) == "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
}
