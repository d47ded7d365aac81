// Job done on a worker → JS main thread, without blocking either side (TOOLCHAIN.md §3, (b)).
//
// Workers append to a mutex-guarded ring, bump `seq` and futex-wake it. JS keeps one
// `Atomics.waitAsync` pending on `seq`; when it resolves, JS drains the ring through Embind.
// Nothing goes through emscripten's 128-entry main-thread call queue, so a busy main thread
// never stalls a worker.
//
// complete() never allocates: every submit first calls expect(), on the main thread, which
// makes room for that job's entry (and fails the submit if the heap has none). A worker that
// finishes a job with the heap exhausted still reports it. Entries are small (id and code);
// failure messages go to a fixed table and are dropped, never waited for, when it is full.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "engine/engine.hpp"

namespace parahash::wasm {

class CompletionRing final : public CompletionSink {
 public:
  // One drained completion, as the main thread reads it.
  struct Entry {
    JobId id;
    ErrorCode code;
    std::string message;  // empty when ok, or when the message table was full
  };

  CompletionRing();

  void expect() override;
  void unexpect() noexcept override;
  void complete(const Completion& completion) noexcept override;
  void notify() noexcept override;

  // Up to `max` of the completions not yet drained, oldest first: a bounded amount of work for
  // the JS main thread per call. Main thread only.
  std::vector<Entry> drain(std::size_t max);

  // Address of the 32-bit counter JS waits on.
  std::uintptr_t seq_address() const noexcept { return reinterpret_cast<std::uintptr_t>(&seq_); }

 private:
  static constexpr std::size_t kMessages = 256;
  static constexpr std::uint16_t kNoMessage = 0xffff;

  struct Slot {
    JobId id;
    ErrorCode code;
    std::uint16_t message;  // index into messages_, or kNoMessage
  };

  std::mutex mutex_;
  std::vector<Slot> slots_;  // a circular buffer; capacity >= expected_ at all times
  std::size_t head_ = 0;      // oldest entry
  std::size_t count_ = 0;     // entries waiting to be drained
  std::size_t expected_ = 0;  // completions announced and not yet drained (count_ included)
  std::vector<Status> messages_;  // kMessages, allocated once
  std::vector<std::uint16_t> free_messages_;
  alignas(4) std::int32_t seq_ = 0;
};

}  // namespace parahash::wasm
