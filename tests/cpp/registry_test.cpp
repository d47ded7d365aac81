#include <catch2/catch.hpp>

#include <map>
#include <string_view>
#include <vector>

#include "kernels/registry.hpp"
#include "test_support.hpp"

using namespace parahash;

TEST_CASE("names resolve case-insensitively, canonical or alias", "[registry]") {
  for (const char* name : {"sha256", "SHA256", "SHA-256", "sha-256", "Sha2-256"}) {
    CAPTURE(name);
    const Kernel* k = find_kernel(name);
    REQUIRE(k != nullptr);
    CHECK(k->name == "sha256");
    CHECK(k->digest_size == 32);
    CHECK(k->block_size == 64);
  }
  CHECK(find_kernel("sha-2566") == nullptr);
  CHECK(find_kernel("") == nullptr);
  CHECK(find_kernel("sha") == nullptr);
  CHECK(kernel_index("nope") == -1);
}

// "abc" through each row's factory, at the row's default digest size. The figures come from
// node:crypto (OpenSSL) and, where it lacks the algorithm (CRC-32/32C, xxHash, BLAKE3), from
// hash-wasm; a factory wired to the wrong kernel fails. A row added later needs no line here:
// its vectors file is what tests/js/vectors.test.js requires of every row.
TEST_CASE("every registered kernel has a unique name and a factory that hashes 'abc' right", "[registry]") {
  const std::map<std::string_view, std::string_view> abc = {
      {"md5", "900150983cd24fb0d6963f7d28e17f72"},
      {"sha1", "a9993e364706816aba3e25717850c26c9cd0d89d"},
      {"sha224", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"},
      {"sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"sha384", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"},
      {"sha512", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
      {"sha512-256", "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23"},
      {"sha3-224", "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf"},
      {"sha3-256", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"},
      {"sha3-384", "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25"},
      {"sha3-512", "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0"},
      {"shake128", "5881092dd818bf5cf8a3ddb793fbcba7"},
      {"shake256", "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739"},
      {"crc32", "352441c2"},
      {"crc32c", "364b3fb7"},
      {"blake2b512", "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"},
      {"blake2s256", "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982"},
      {"xxh32", "32d153ff"},
      {"xxh64", "44bc2cf5ad770999"},
      {"xxh3", "78af5f94892f3950"},
      {"xxh128", "06b05ab6733a618578af5f94892f3950"},
      {"blake3", "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85"},
  };
  auto kernels = all_kernels();
  REQUIRE(kernels.size() >= abc.size());
  std::size_t checked = 0;
  const std::uint8_t input[] = {'a', 'b', 'c'};
  for (std::size_t i = 0; i < kernels.size(); ++i) {
    CAPTURE(kernels[i].name);
    CHECK(kernel_index(kernels[i].name) == static_cast<int>(i));
    auto state = kernels[i].create();
    REQUIRE(state != nullptr);
    state->update(input, sizeof input);
    std::vector<std::uint8_t> out(kernels[i].digest_size);
    state->finish(out.data(), out.size());
    if (auto expected = abc.find(kernels[i].name); expected != abc.end()) {
      CHECK(test::to_hex(out) == expected->second);
      ++checked;
    }
  }
  CHECK(checked == abc.size());  // every figure above met its row
}

TEST_CASE("an empty update through a null pointer is a no-op for every kernel", "[registry]") {
  // vector<uint8_t>{}.data() is null; memcpy(dst, nullptr, 0) is undefined behaviour (UBSan
  // and the fuzzers caught it), so every kernel must return before touching `data`.
  for (const Kernel& k : all_kernels()) {
    CAPTURE(k.name);
    auto a = k.create();
    auto b = k.create();
    a->update(nullptr, 0);
    a->update(reinterpret_cast<const std::uint8_t*>("abc"), 3);
    a->update(nullptr, 0);
    b->update(reinterpret_cast<const std::uint8_t*>("abc"), 3);
    std::vector<std::uint8_t> x(k.digest_size), y(k.digest_size);
    a->finish(x.data(), x.size());
    b->finish(y.data(), y.size());
    CHECK(x == y);
  }
}

TEST_CASE("clone() copies what a state absorbed, and the two go on independently", "[registry][clone]") {
  std::vector<std::uint8_t> data(5000);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 31 + 7);
  const auto digest = [](HashState& s, std::size_t n) {
    std::vector<std::uint8_t> out(n);
    s.finish(out.data(), n);
    return out;
  };
  for (const Kernel& k : all_kernels()) {
    for (std::size_t split : {std::size_t{0}, std::size_t{1}, k.block_size - 1, k.block_size, std::size_t{1025}, std::size_t{4999}}) {
      CAPTURE(k.name, split);
      auto whole = k.create();
      whole->update(data.data(), data.size());
      auto original = k.create();
      original->update(data.data(), split);
      auto copy = original->clone();
      copy->update(data.data() + split, data.size() - split);
      original->update(reinterpret_cast<const std::uint8_t*>("other"), 5);  // must not reach the copy
      CHECK(digest(*copy, k.digest_size) == digest(*whole, k.digest_size));
      auto expected_other = k.create();
      expected_other->update(data.data(), split);
      expected_other->update(reinterpret_cast<const std::uint8_t*>("other"), 5);
      CHECK(digest(*original, k.digest_size) == digest(*expected_other, k.digest_size));
    }
  }
}
