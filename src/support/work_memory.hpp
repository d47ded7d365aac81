// Memory for memory-hard work (Argon2's blocks, scrypt's V): large, held for the length of one
// call, and the reason a WebAssembly heap lost its capacity for good.
//
// Why not malloc? A WebAssembly heap only grows. After a 1,400 MiB Argon2 freed its blocks,
// small allocations made later (a job, a completion) were carved out of that freed range, and no
// 1,400 MiB run was left anywhere: the same call then failed five times out of five on an idle
// pool. Here large requests come from regions that small allocations never touch: a freed block
// goes back to its region, neighbouring free ranges merge, and the next large request reuses
// them. A region is handed back to malloc only when it is wholly free and a request fits nowhere
// (then malloc can merge neighbouring regions into one run).
//
// Requests under kDirectBelow bytes go straight to the system allocator: they cannot fragment
// a heap that matters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>

namespace parahash {

class WorkMemory {
 public:
  static constexpr std::size_t kAlignment = 64;
  static constexpr std::size_t kDirectBelow = std::size_t{1} << 20;

  struct Stats {
    std::size_t regions = 0;  // regions held
    std::size_t held = 0;     // bytes of those regions
    std::size_t in_use = 0;   // bytes handed out from them
  };

  // The process-wide instance (one per WebAssembly instance).
  static WorkMemory& shared() noexcept;

  // @return kAlignment-aligned memory of at least `bytes` bytes, or nullptr when there is none.
  void* allocate(std::size_t bytes) noexcept;

  // Takes back what allocate(bytes) returned; `bytes` must be the same value.
  void release(void* p, std::size_t bytes) noexcept;

  Stats stats() const noexcept;

  WorkMemory() = default;
  ~WorkMemory();
  WorkMemory(const WorkMemory&) = delete;
  WorkMemory& operator=(const WorkMemory&) = delete;

 private:
  // Fixed tables, so nothing here allocates but the regions themselves: allocate() and
  // release() run on workers, where a failing allocation must not throw.
  static constexpr std::size_t kMaxRegions = 64;
  static constexpr std::size_t kMaxExtents = 64;  // free ranges per region; live blocks < this

  struct Extent {
    std::size_t offset;
    std::size_t size;
  };
  struct Region {
    void* raw = nullptr;           // what malloc returned
    std::uint8_t* base = nullptr;  // raw, aligned up
    std::size_t size = 0;
    std::size_t live = 0;  // blocks handed out
    std::size_t free_count = 0;
    Extent free[kMaxExtents];  // by offset, never adjacent (merged)
  };

  void* take(Region& region, std::size_t at, std::size_t bytes) noexcept;
  void drop_free_regions() noexcept;

  mutable std::mutex mutex_;
  Region regions_[kMaxRegions];
};

// One allocation from WorkMemory::shared(), released when the buffer goes. Memory derived from
// secrets is wiped by its owner before that (the KDFs do it).
class WorkBuffer {
 public:
  WorkBuffer() noexcept = default;
  // @return an empty buffer (data() == nullptr) when the memory is not there.
  explicit WorkBuffer(std::size_t bytes) noexcept;
  ~WorkBuffer();
  WorkBuffer(WorkBuffer&& other) noexcept;
  WorkBuffer& operator=(WorkBuffer&& other) noexcept;
  WorkBuffer(const WorkBuffer&) = delete;
  WorkBuffer& operator=(const WorkBuffer&) = delete;

  void* data() const noexcept { return data_; }
  std::size_t size() const noexcept { return size_; }
  explicit operator bool() const noexcept { return data_ != nullptr; }

 private:
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace parahash
