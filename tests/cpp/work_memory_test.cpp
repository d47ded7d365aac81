#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "support/work_memory.hpp"

using namespace parahash;

namespace {

constexpr std::size_t kMiB = std::size_t{1} << 20;

bool aligned(void* p) { return reinterpret_cast<std::uintptr_t>(p) % WorkMemory::kAlignment == 0; }

}  // namespace

TEST_CASE("work memory hands out aligned blocks and takes them back", "[work_memory]") {
  WorkMemory memory;
  void* small = memory.allocate(1000);  // below kDirectBelow: straight from the allocator
  void* big = memory.allocate(3 * kMiB + 5);
  REQUIRE(small != nullptr);
  REQUIRE(big != nullptr);
  CHECK(aligned(small));
  CHECK(aligned(big));
  std::memset(big, 0xab, 3 * kMiB + 5);
  CHECK(memory.stats().regions == 1);
  CHECK(memory.stats().in_use >= 3 * kMiB + 5);
  memory.release(big, 3 * kMiB + 5);
  memory.release(small, 1000);
  CHECK(memory.stats().in_use == 0);
  CHECK(memory.stats().regions == 1);  // kept for the next large request
}

TEST_CASE("a freed region is split and merged again for later requests", "[work_memory]") {
  WorkMemory memory;
  void* whole = memory.allocate(8 * kMiB);
  REQUIRE(whole != nullptr);
  memory.release(whole, 8 * kMiB);
  // Two halves come from the same region, side by side…
  void* a = memory.allocate(4 * kMiB);
  void* b = memory.allocate(4 * kMiB);
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  CHECK(memory.stats().regions == 1);
  CHECK(static_cast<std::uint8_t*>(b) == static_cast<std::uint8_t*>(a) + 4 * kMiB);
  // …and, released in either order, merge back into one range the whole size.
  memory.release(b, 4 * kMiB);
  memory.release(a, 4 * kMiB);
  CHECK(memory.allocate(8 * kMiB) == whole);
  memory.release(whole, 8 * kMiB);
  // Freed ranges on both sides of a live block merge with it when it goes.
  void* x = memory.allocate(2 * kMiB);
  void* y = memory.allocate(2 * kMiB);
  void* z = memory.allocate(2 * kMiB);
  memory.release(x, 2 * kMiB);
  memory.release(z, 2 * kMiB);
  memory.release(y, 2 * kMiB);
  CHECK(memory.allocate(8 * kMiB) == whole);
  memory.release(whole, 8 * kMiB);
  CHECK(memory.stats().in_use == 0);
}

TEST_CASE("a request larger than every free region replaces them", "[work_memory]") {
  WorkMemory memory;
  void* a = memory.allocate(2 * kMiB);
  memory.release(a, 2 * kMiB);
  void* b = memory.allocate(6 * kMiB);  // no free range fits: the free region goes back first
  REQUIRE(b != nullptr);
  CHECK(memory.stats().regions == 1);
  CHECK(memory.stats().held >= 6 * kMiB);
  memory.release(b, 6 * kMiB);
}

TEST_CASE("an impossible request is refused, not thrown", "[work_memory]") {
  WorkMemory memory;
  CHECK(memory.allocate(SIZE_MAX - 10) == nullptr);
  CHECK(memory.allocate(SIZE_MAX / 2) == nullptr);
  CHECK(memory.stats().regions == 0);
}

// The defect this exists for, in a 2 GiB WebAssembly heap: after a 1,400 MiB block is freed
// while small allocations come and go around it, malloc has no 1,400 MiB run left (nor two of
// 700), and never will; work memory keeps its region and reuses it.
TEST_CASE("work memory keeps its capacity in a heap that small allocations fragment", "[work_memory][wasm]") {
  if constexpr (sizeof(void*) != 4) {
    SUCCEED("only a 32-bit heap capped at 2 GiB shows the fragmentation");
    return;
  }
  WorkMemory& memory = WorkMemory::shared();
  std::vector<void*> small;
  void* big = memory.allocate(1400 * kMiB);
  REQUIRE(big != nullptr);
  for (int i = 0; i < 64; ++i) small.push_back(std::malloc(64 << 10));  // while the block is out
  memory.release(big, 1400 * kMiB);
  for (int i = 0; i < 64; ++i) small.push_back(std::malloc(64 << 10));  // after it was freed
  for (std::size_t i = 0; i < small.size(); i += 2) {
    std::free(small[i]);
    small[i] = nullptr;
  }
  void* a = memory.allocate(700 * kMiB);
  void* b = memory.allocate(700 * kMiB);
  CHECK(a != nullptr);
  CHECK(b != nullptr);
  memory.release(a, 700 * kMiB);
  memory.release(b, 700 * kMiB);
  void* again = memory.allocate(1400 * kMiB);
  CHECK(again != nullptr);
  memory.release(again, 1400 * kMiB);
  for (void* s : small) std::free(s);
}
