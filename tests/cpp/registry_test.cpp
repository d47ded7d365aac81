#include <catch2/catch.hpp>

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

// "abc" through each row's factory, at the row's default digest size (test_support.hpp says
// where each figure comes from); a factory wired to the wrong kernel fails. A row added later
// needs no line there: its vectors file is what tests/js/vectors.test.js requires of every row.
TEST_CASE("every registered kernel has a unique name and a factory that hashes 'abc' right", "[registry]") {
  const auto& abc = test::abc_digests();
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
  CHECK(checked == abc.size());  // every figure in the table met its row
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
