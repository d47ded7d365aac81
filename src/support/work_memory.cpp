#include "support/work_memory.hpp"

#include <cstdlib>
#include <new>
#include <utility>

namespace parahash {
namespace {

constexpr std::size_t kRegionGranule = std::size_t{1} << 20;

// @return n rounded up to a multiple of `to` (a power of 2), or 0 when that overflows.
constexpr std::size_t round_up(std::size_t n, std::size_t to) noexcept {
  return n > SIZE_MAX - (to - 1) ? 0 : (n + to - 1) & ~(to - 1);
}

}  // namespace

WorkMemory& WorkMemory::shared() noexcept {
  static WorkMemory instance;
  return instance;
}

WorkMemory::~WorkMemory() {
  for (Region& r : regions_) std::free(r.raw);
}

void* WorkMemory::allocate(std::size_t bytes) noexcept {
  if (bytes < kDirectBelow) return ::operator new(bytes == 0 ? 1 : bytes, std::align_val_t{kAlignment}, std::nothrow);
  bytes = round_up(bytes, kAlignment);
  if (bytes == 0) return nullptr;
  std::lock_guard lock(mutex_);
  // Best fit over every free range, so a small request does not split the one range a large
  // request will need next.
  Region* best_region = nullptr;
  std::size_t best = 0;
  for (Region& r : regions_) {
    if (r.base == nullptr || r.live + 1 >= kMaxExtents) continue;
    for (std::size_t i = 0; i < r.free_count; ++i) {
      if (r.free[i].size >= bytes && (best_region == nullptr || r.free[i].size < best_region->free[best].size)) {
        best_region = &r;
        best = i;
      }
    }
  }
  if (best_region != nullptr) return take(*best_region, best, bytes);

  drop_free_regions();
  Region* slot = nullptr;
  for (Region& r : regions_) {
    if (r.base == nullptr) {
      slot = &r;
      break;
    }
  }
  const std::size_t size = round_up(bytes, kRegionGranule);
  if (slot == nullptr || size == 0 || size > SIZE_MAX - kAlignment) return nullptr;
  void* raw = std::malloc(size + kAlignment);
  if (raw == nullptr) return nullptr;
  const auto address = reinterpret_cast<std::uintptr_t>(raw);
  slot->raw = raw;
  slot->base = reinterpret_cast<std::uint8_t*>(round_up(address, kAlignment));
  slot->size = size;
  slot->live = 0;
  slot->free_count = 1;
  slot->free[0] = {0, size};
  return take(*slot, 0, bytes);
}

void* WorkMemory::take(Region& region, std::size_t at, std::size_t bytes) noexcept {
  Extent& e = region.free[at];
  void* p = region.base + e.offset;
  if (e.size == bytes) {
    for (std::size_t i = at + 1; i < region.free_count; ++i) region.free[i - 1] = region.free[i];
    --region.free_count;
  } else {
    e.offset += bytes;
    e.size -= bytes;
  }
  ++region.live;
  return p;
}

void WorkMemory::drop_free_regions() noexcept {
  for (Region& r : regions_) {
    if (r.base != nullptr && r.live == 0) {
      std::free(r.raw);
      r = Region{};
    }
  }
}

void WorkMemory::release(void* p, std::size_t bytes) noexcept {
  if (p == nullptr) return;
  if (bytes < kDirectBelow) return ::operator delete(p, std::align_val_t{kAlignment});
  bytes = round_up(bytes, kAlignment);
  std::lock_guard lock(mutex_);
  for (Region& r : regions_) {
    auto* at = static_cast<std::uint8_t*>(p);
    if (r.base == nullptr || at < r.base || at >= r.base + r.size) continue;
    const std::size_t offset = static_cast<std::size_t>(at - r.base);
    // The first free range after the block; merge with it and with the one before.
    std::size_t i = 0;
    while (i < r.free_count && r.free[i].offset < offset) ++i;
    const bool joins_before = i > 0 && r.free[i - 1].offset + r.free[i - 1].size == offset;
    const bool joins_after = i < r.free_count && offset + bytes == r.free[i].offset;
    if (joins_before && joins_after) {
      r.free[i - 1].size += bytes + r.free[i].size;
      for (std::size_t k = i + 1; k < r.free_count; ++k) r.free[k - 1] = r.free[k];
      --r.free_count;
    } else if (joins_before) {
      r.free[i - 1].size += bytes;
    } else if (joins_after) {
      r.free[i].offset = offset;
      r.free[i].size += bytes;
    } else {
      // live < kMaxExtents - 1 while this block was out, so there is room for one more range.
      for (std::size_t k = r.free_count; k > i; --k) r.free[k] = r.free[k - 1];
      r.free[i] = {offset, bytes};
      ++r.free_count;
    }
    --r.live;
    return;
  }
}

WorkMemory::Stats WorkMemory::stats() const noexcept {
  std::lock_guard lock(mutex_);
  Stats s;
  for (const Region& r : regions_) {
    if (r.base == nullptr) continue;
    ++s.regions;
    s.held += r.size;
    std::size_t free_bytes = 0;
    for (std::size_t i = 0; i < r.free_count; ++i) free_bytes += r.free[i].size;
    s.in_use += r.size - free_bytes;
  }
  return s;
}

WorkBuffer::WorkBuffer(std::size_t bytes) noexcept : data_(WorkMemory::shared().allocate(bytes)), size_(bytes) {
  if (data_ == nullptr) size_ = 0;
}

WorkBuffer::~WorkBuffer() { WorkMemory::shared().release(data_, size_); }

WorkBuffer::WorkBuffer(WorkBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

WorkBuffer& WorkBuffer::operator=(WorkBuffer&& other) noexcept {
  if (this != &other) {
    WorkMemory::shared().release(data_, size_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

}  // namespace parahash
