// The cells one job shares with whoever submitted it: the host asks the job to stop, the job
// says how far it got. Both sides may be on different threads (in WebAssembly, the JS main
// thread reads and writes the same cells with Atomics), so every access is atomic.
//
// A job polls `stop` at its safe points: between the chunks of a stream, every few hundred
// Argon2 blocks, every ~1,000 ROMix steps, every ~2,000 PBKDF2 iterations, so a stop lands
// within about a millisecond of work, and work pinned to the thread waits about as long.
#pragma once

#include <cstdint>

#include "support/status.hpp"

namespace parahash {

// What a thread runs at a long job's safe points besides looking at `stop`: a pool worker's
// hook runs the jobs pinned to it meanwhile (ThreadPool::yield_to_pinned), so a host-bound
// stream's next piece need not wait for a whole Argon2 or PBKDF2 to end. nullptr elsewhere.
using YieldHook = void (*)();
inline thread_local YieldHook yield_hook = nullptr;

struct JobControl {
  std::int32_t stop = 0;      // host → job: nonzero asks the job to stop at its next safe point
  std::int32_t progress = 0;  // job → host: units done (Argon2: passes)
};

// A job's view of its control cells; default-constructed, it never stops and reports nowhere.
class StopToken {
 public:
  StopToken() noexcept = default;
  explicit StopToken(JobControl* control) noexcept : control_(control) {}

  bool stop_requested() const noexcept {
    return control_ != nullptr && __atomic_load_n(&control_->stop, __ATOMIC_RELAXED) != 0;
  }

  // A safe point: runs this thread's yield_hook, then
  // @throws Error(aborted) naming `where` once a stop was requested.
  void throw_if_stopped(const char* where) const {
    if (yield_hook != nullptr) yield_hook();
    if (stop_requested()) throw Error(ErrorCode::aborted, std::string(where) + ": stopped on request");
  }

  void report(std::int32_t progress) const noexcept {
    if (control_ != nullptr) __atomic_store_n(&control_->progress, progress, __ATOMIC_RELEASE);
  }

 private:
  JobControl* control_ = nullptr;
};

}  // namespace parahash
