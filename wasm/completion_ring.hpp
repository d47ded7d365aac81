// Job done on a worker → JS main thread, without blocking either side (TOOLCHAIN.md §3, (b)).
//
// Workers append to a mutex-guarded list, bump `seq` and futex-wake it. JS keeps one
// `Atomics.waitAsync` pending on `seq`; when it resolves, JS drains the list through Embind.
// Nothing goes through emscripten's 128-entry main-thread call queue, so a busy main thread
// never stalls a worker.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

#include "engine/engine.hpp"

namespace parahash::wasm {

class CompletionRing final : public CompletionSink {
 public:
  void complete(Completion completion) override;
  void notify() override;

  // Up to `max` of the completions not yet drained, oldest first: a bounded amount of work for
  // the JS main thread per call.
  std::vector<Completion> drain(std::size_t max);

  // Address of the 32-bit counter JS waits on.
  std::uintptr_t seq_address() const noexcept { return reinterpret_cast<std::uintptr_t>(&seq_); }

 private:
  std::mutex mutex_;
  std::deque<Completion> done_;
  alignas(4) std::int32_t seq_ = 0;
};

}  // namespace parahash::wasm
