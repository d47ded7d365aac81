// PBKDF2 against RFC 6070 (HMAC-SHA1), RFC 7914 section 11 (HMAC-SHA256) and node:crypto for
// the other digests, at several thread counts; the two-compression fast path against the
// generic HMAC loop for every hash in the registry; node's parameter ranges.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "engine/host_kernels.hpp"
#include "kdf/pbkdf2.hpp"
#include "kernels/hmac.hpp"
#include "kernels/registry.hpp"
#include "pool/thread_pool.hpp"
#include "support/job_control.hpp"
#include "support/status.hpp"
#include "test_support.hpp"

using namespace parahash;
using parahash::test::over;
using parahash::test::serial;
using parahash::test::to_hex;

namespace {

// string_view: a literal argument then points at static storage, not at a dead temporary.
const std::uint8_t* bytes(std::string_view s) { return reinterpret_cast<const std::uint8_t*>(s.data()); }

Pbkdf2Params params(const char* digest, std::string_view password, std::string_view salt, std::uint32_t iterations,
                    std::size_t key_length) {
  Pbkdf2Params p;
  p.digest = &pbkdf2_digest(digest);
  p.password = bytes(password);
  p.password_length = password.size();
  p.salt = bytes(salt);
  p.salt_length = salt.size();
  p.iterations = iterations;
  p.key_length = key_length;
  return p;
}

std::string derive_hex(const Pbkdf2Params& p, const FanOut& fan_out = serial()) {
  std::vector<std::uint8_t> out(p.key_length);
  pbkdf2(p, out.data(), fan_out);
  return to_hex(out);
}

// RFC 8018 section 5.2 written out over a plain HMAC state, with no fast path: the reference
// for the differential test below.
std::string reference_hex(const Kernel& kernel, const std::string& password, const std::string& salt,
                          std::uint32_t iterations, std::size_t key_length) {
  const std::size_t h = kernel.digest_size;
  std::vector<std::uint8_t> out;
  for (std::uint32_t block = 1; out.size() < key_length; ++block) {
    auto mac = make_hmac(kernel, bytes(password), password.size());
    const std::uint8_t counter[4] = {static_cast<std::uint8_t>(block >> 24), static_cast<std::uint8_t>(block >> 16),
                                     static_cast<std::uint8_t>(block >> 8), static_cast<std::uint8_t>(block)};
    mac->update(bytes(salt), salt.size());
    mac->update(counter, 4);
    std::vector<std::uint8_t> u(h), t(h);
    mac->finish(u.data(), h);
    t = u;
    for (std::uint32_t i = 1; i < iterations; ++i) {
      mac = make_hmac(kernel, bytes(password), password.size());
      mac->update(u.data(), h);
      mac->finish(u.data(), h);
      for (std::size_t k = 0; k < h; ++k) t[k] ^= u[k];
    }
    out.insert(out.end(), t.begin(), t.begin() + static_cast<std::ptrdiff_t>(std::min(h, key_length - out.size())));
  }
  return to_hex(out);
}

struct Vector {
  const char* digest;
  std::string password, salt;
  std::uint32_t iterations;
  std::size_t key_length;
  const char* expected;
};

// Each vector serially and on pools of 1, 2 and 4 threads.
template <std::size_t N>
void check_vectors(const Vector (&vectors)[N]) {
  for (const auto& v : vectors) {
    CAPTURE(v.digest, v.iterations, v.key_length);
    const auto p = params(v.digest, v.password, v.salt, v.iterations, v.key_length);
    CHECK(derive_hex(p) == v.expected);
    for (unsigned threads : {1u, 2u, 4u}) {
      CAPTURE(threads);
      ThreadPool pool(threads);
      CHECK(derive_hex(p, over(pool)) == v.expected);
    }
  }
}

}  // namespace

TEST_CASE("PBKDF2-HMAC-SHA1 matches RFC 6070, PBKDF2-HMAC-SHA256 RFC 7914 section 11", "[pbkdf2]") {
  const Vector vectors[] = {
      // RFC 6070 section 2 (the 16,777,216-iteration case is the [.slow] test below).
      {"sha1", "password", "salt", 1, 20, "0c60c80f961f0e71f3a9b524af6012062fe037a6"},
      {"sha1", "password", "salt", 2, 20, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"},
      {"sha1", "password", "salt", 4096, 20, "4b007901b765489abead49d926f721d065a429c1"},
      {"sha1", "passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 25,
       "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038"},
      {"sha1", std::string("pass\0word", 9), std::string("sa\0lt", 5), 4096, 16, "56fa6aa75548099dcc37d7f03425e0c3"},
      // RFC 7914 section 11.
      {"sha256", "passwd", "salt", 1, 64,
       "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
       "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"},
      {"sha256", "Password", "NaCl", 80000, 64,
       "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
       "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"},
  };
  check_vectors(vectors);
}

TEST_CASE("PBKDF2 with SHA-384, SHA-512 and the other digests matches node:crypto, at any thread count", "[pbkdf2]") {
  // No RFC covers these. Expected values from node:crypto (v20.20, OpenSSL 3), an independent
  // implementation: node -e "console.log(crypto.pbkdf2Sync(P, S, c, dkLen, digest).toString('hex'))".
  // Key lengths above the digest size give several output blocks (fanned out) and a partial last
  // one; the 200-byte password is longer than SHA-512's block, so HMAC hashes it first.
  const Vector vectors[] = {
      {"sha384", "password", "salt", 1000, 48,
       "3bd37e2236941d4a77b1b5b714c6f913fabb6b0841a6d7d8656b99d611e900fe06edb93b5b809efaa9678b635ce513e0"},
      {"sha512", "password", "salt", 1000, 64,
       "afe6c5530785b6cc6b1c6453384731bd5ee432ee549fd42fb6695779ad8a1c5b"
       "f59de69c48f774efc4007d5298f9033c0241d5ab69305e7b64eceeb8d834cfec"},
      {"sha384", "password", "salt", 1000, 150,
       "3bd37e2236941d4a77b1b5b714c6f913fabb6b0841a6d7d8656b99d611e900fe06edb93b5b809efaa9678b635ce513e0"
       "f7d9ebb0aea1e07f0ab90d1b9cbd94643bef7c43c89577664fe1df1a16a82e7337d78ae44841c7512aa03341babe1086"
       "554e2a49a4c615543b3f15faf04ddc43824e746f0a67c24d0b82356310ab8c20a76ee0236cb0238a75423d5e17ce113d"
       "f69c730f1dc6"},
      {"sha512", "password", "salt", 1000, 150,
       "afe6c5530785b6cc6b1c6453384731bd5ee432ee549fd42fb6695779ad8a1c5bf59de69c48f774efc4007d5298f9033c"
       "0241d5ab69305e7b64eceeb8d834cfec6afdec3c1c23982a121f2d4be008889378a49a0dfb104f0d2856e38f44271cda"
       "f6de434196647bc5673cd6c148611ced6e9003b65879feccc89226ecc5e22090795445cc7314fcf414878a42ffd39cd3"
       "b90dcd41e065"},
      {"sha512", std::string(200, 'x'), "NaCl", 3, 100,
       "4f9c576ef3d595bb7d1babf913fc7ef1d216bbbbbcbe83390562bfb48948096db088e621626b9c64ce5170b3635f3e30"
       "e6a1851c808326f0120852097a8908d0675dffba08e5d1322aac665a68ac8d5aaf414222048e941e0459f0681116cdba"
       "dfb7b271"},
      {"sha1", "", "", 2, 20, "620c000a06fed9c10bca11516b3ac0228d671700"},
      {"sha1", "password", "salt", 1000, 200,
       "6e88be8bad7eae9d9e10aa061224034fed48d03fcbad968b56006784539d5214ce970d912ec2049b04231d47c2eb8850"
       "6945b26b2325e6adfeeba08895ff9587a30b79968d7c300921db460902c9e1838b09462351a549a1f1d84e47a4e521b8"
       "39224cf347c3a09ea223e344955cd659813e6a80ef11fda1ca2b5749311501bac5d99474b3725ff440dc71deac3ff80a"
       "20748911a1d55a5de4283a7820da3a21015fd5721b3adada046620c9e88b45b96a95dc319ab0304245779cc7fd69794d"
       "c8312ad9073682a7"},
      {"md5", "password", "salt", 100, 70,
       "280bb9170d873234e922ea067e94e9b12451854849957543f56d9be119a00669a6b01fbf95e207db86100f7744792417"
       "d37dae37ef07be78c13b79988edca2bc0dca4fbc6272"},
      {"sha224", "password", "salt", 100, 70,
       "94caada0587cd9bec0aa1d6eb1a4da672122d1152458e36e38647fb64e51cfaffe1a74af200c1f202750d51ff63e6f9f"
       "9e52d07b59f1dd07bf29d6156ace14d4d94d65fdd8d2"},
      {"sha512-256", "password", "salt", 100, 70,
       "f94252b31eddbdfa213498897558956c8a6abfc52bcfa810fa33fd84561daeb4e6055f52346ef2439786e2459aa43c25"
       "3b4f6e378f59dada680e58d69521e4d368455b5761a9"},
      // No two-compression path for these (not Merkle–Damgård): the generic HMAC loop.
      {"sha3-256", "password", "salt", 100, 70,
       "3662b9455cde6979b1d5d866df806e1fe15954073e07c7c2acf2c80205074e46d2226ae0253297f80a7dc846471882a3"
       "d88e0d7349805f3e866b35fd8e4109570baab455f56f"},
      {"sha3-512", "password", "salt", 100, 70,
       "2d05fe8b703b8cea448d1560821d640bda9d4a950f233f2ed51b50b9a7b38592eb6cf85b7a0bfeca8fd0069b4af1b9cb"
       "9744a05eeef049ccbeef6b18d3fb4c0d4d2faed9d7a5"},
      {"blake2b512", "password", "salt", 100, 70,
       "0e7603a81b6f68f623fd803ae4428d9bf23c62208b704beeefdbfa2b2efc7d06e8596733e224d884945b848acfc0d8c6"
       "b30b0756a2ae702b0c6782e7249f6d492fa283cc0de9"},
      {"blake2s256", "password", "salt", 100, 70,
       "d5bf05f8bcc13c7ccb32d8e442142cb84928f6ab6dac038ebb5a8c7ada3fe5d3693555f1761951d4e4da7257e54eeade"
       "7578d2914e883876bcd26f27922209adb4bfc1d964a4"},
  };
  check_vectors(vectors);
}

TEST_CASE("every HMAC-capable kernel's PBKDF2 agrees with RFC 8018 written out over make_hmac", "[pbkdf2]") {
  // Walks the registry, so a new hash (or a new fast path) is checked with no new test code.
  // Key lengths 1, one digest and a partial extra block; passwords below and above the block size.
  for (const auto& kernel : all_kernels()) {
    if (kernel.kind != KernelKind::hash) continue;
    CAPTURE(kernel.name);
    for (const std::string password : {std::string("pw"), std::string(kernel.block_size + 1, 'k')}) {
      for (std::size_t key_length : {std::size_t{1}, kernel.digest_size, kernel.digest_size + 7}) {
        CAPTURE(password.size(), key_length);
        const std::string salt = "salt";
        const auto p = params(std::string(kernel.name).c_str(), password, salt, 5, key_length);
        CHECK(derive_hex(p) == reference_hex(kernel, password, salt, 5, key_length));
      }
    }
  }
}

TEST_CASE("Merkle-Damgard kernels iterate HMAC at two compressions a round; others decline", "[pbkdf2]") {
  for (const auto& kernel : all_kernels()) {
    if (kernel.kind != KernelKind::hash) continue;
    CAPTURE(kernel.name);
    const auto keyed = hmac_key_states(kernel, bytes("key"), 3);
    std::vector<std::uint8_t> u(kernel.digest_size, 0x5a), sum(kernel.digest_size, 0);
    const bool fast = keyed.inner->iterate_hmac(*keyed.outer, u.data(), sum.data(), u.size(), 1);
    const std::string name(kernel.name);
    const bool merkle_damgard = name == "md5" || (name.rfind("sha", 0) == 0 && name.rfind("sha3-", 0) != 0);
    CHECK(fast == merkle_damgard);
    if (fast) {
      // One round: u = HMAC(key, 0x5a…) and sum = u.
      auto mac = make_hmac(kernel, bytes("key"), 3);
      std::vector<std::uint8_t> expected(kernel.digest_size, 0x5a);
      mac->update(expected.data(), expected.size());
      mac->finish(expected.data(), expected.size());
      CHECK(u == expected);
      CHECK(sum == expected);
    }
  }
}

TEST_CASE("PBKDF2 takes node's ranges and rejects the rest with a stable code", "[pbkdf2]") {
  const auto code_of = [](const Pbkdf2Params& p) {
    std::vector<std::uint8_t> out(p.key_length);
    try {
      pbkdf2(p, out.data(), serial());
    } catch (const Error& e) {
      return e.code();
    }
    return ErrorCode::ok;
  };
  auto p = params("sha256", "password", "salt", 1, 32);
  CHECK(code_of(p) == ErrorCode::ok);
  p.key_length = 0;  // node returns an empty buffer
  CHECK(code_of(p) == ErrorCode::ok);
  p = params("sha256", "password", "salt", 0, 32);
  CHECK(code_of(p) == ErrorCode::invalid_arg);
  p.iterations = 0x80000000;
  CHECK(code_of(p) == ErrorCode::invalid_arg);
  p = params("sha256", "password", "salt", 1, 32);
  p.key_length = std::size_t{0x80000000};  // checked before the 2 GiB output would be written
  try {
    check_pbkdf2_params(p);
    FAIL("keylen 2^31 accepted");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_arg);
  }
  p = params("sha256", "password", "salt", 1, 32);
  p.digest = nullptr;
  CHECK(code_of(p) == ErrorCode::invalid_arg);
  p.digest = find_kernel("crc32");
  CHECK(code_of(p) == ErrorCode::invalid_arg);
  p.digest = find_kernel("shake256");
  CHECK(code_of(p) == ErrorCode::invalid_arg);

  const auto lookup_code = [](const char* name) {
    try {
      pbkdf2_digest(name);
    } catch (const Error& e) {
      return e.code();
    }
    return ErrorCode::ok;
  };
  CHECK(lookup_code("SHA-256") == ErrorCode::ok);
  CHECK(&pbkdf2_digest("SHA-256") == find_kernel("sha256"));
  CHECK(lookup_code("nope") == ErrorCode::unknown_algorithm);
  CHECK(lookup_code("xxh64") == ErrorCode::invalid_arg);
  CHECK(lookup_code("blake3") == ErrorCode::invalid_arg);
}

TEST_CASE("PBKDF2-HMAC-SHA1 with 16,777,216 iterations (RFC 6070)", "[.slow]") {
  const auto p = params("sha1", "password", "salt", 16777216, 20);
  CHECK(derive_hex(p) == "eefe3d61cd4da4e4e9945b3d6ba2158c2634e984");
}

namespace {

// A host that takes a derivation when told to (writing its own mark, so the test sees whose
// bytes came out), may ask for a stop meanwhile, as an abort during a call that cannot stop
// would, and records what the portable runs report.
class MarkingHost final : public HostKernels {
 public:
  bool take = false;
  JobControl* stop_during = nullptr;
  int asked = 0;
  double portable_work = 0;
  std::unique_ptr<HashState> create(int, const Kernel&, const HashParams&) override { return nullptr; }
  std::unique_ptr<HashState> create_hmac(int, const Kernel&, const std::uint8_t*, std::size_t) override { return nullptr; }
  bool pbkdf2(int index, const Kernel& k, const std::uint8_t*, std::size_t, const std::uint8_t*, std::size_t,
              std::uint32_t, std::uint8_t* out, std::size_t out_len) override {
    ++asked;
    CHECK(index == kernel_index(k.name));
    if (!take) return false;
    std::fill_n(out, out_len, std::uint8_t{0xab});
    if (stop_during != nullptr) stop_during->stop = 1;
    return true;
  }
  void ran_portable_pbkdf2(int, double work, double seconds) override {
    portable_work += work;
    CHECK(seconds >= 0);
  }
};

struct Registered {
  explicit Registered(HostKernels& host) { set_host_kernels(&host); }
  ~Registered() { set_host_kernels(nullptr); }
};

}  // namespace

TEST_CASE("a host may take a whole PBKDF2; declined, the portable one runs and reports its work", "[pbkdf2][host]") {
  const Pbkdf2Params p = params("sha256", "password", "salt", 4096, 70);  // 3 blocks
  const std::string portable = derive_hex(p);  // no host registered yet
  MarkingHost host;
  Registered registered(host);
  SECTION("declined") {
    CHECK(derive_hex(p) == portable);
    CHECK(host.asked == 1);
    CHECK(host.portable_work == 3.0 * 4096);
  }
  SECTION("taken") {
    host.take = true;
    std::vector<std::uint8_t> out(p.key_length);
    pbkdf2(p, out.data(), serial());
    CHECK(std::all_of(out.begin(), out.end(), [](std::uint8_t b) { return b == 0xab; }));
    CHECK(host.portable_work == 0);
  }
  SECTION("a stop asked during the host's call, which cannot stop, is honoured when it returns") {
    host.take = true;
    JobControl control{};
    host.stop_during = &control;
    std::vector<std::uint8_t> out(p.key_length);
    CHECK_THROWS_WITH(pbkdf2(p, out.data(), serial(), StopToken(&control)), Catch::Contains("stopped"));
  }
  SECTION("a stop asked before is honoured before the host is asked") {
    host.take = true;
    JobControl control{};
    control.stop = 1;
    std::vector<std::uint8_t> out(p.key_length);
    CHECK_THROWS_WITH(pbkdf2(p, out.data(), serial(), StopToken(&control)), Catch::Contains("stopped"));
    CHECK(host.asked == 0);
  }
}
