#include "completion_ring.hpp"

#include <emscripten/threading.h>

#include <algorithm>
#include <climits>

namespace parahash::wasm {

void CompletionRing::complete(Completion completion) {
  {
    std::lock_guard lock(mutex_);
    done_.push_back(std::move(completion));
  }
  notify();
}

void CompletionRing::notify() {
  // The list is published before seq moves, so a JS drain that read the new seq sees the entry.
  __atomic_fetch_add(&seq_, 1, __ATOMIC_SEQ_CST);
  emscripten_futex_wake(&seq_, INT_MAX);
}

std::vector<Completion> CompletionRing::drain(std::size_t max) {
  std::vector<Completion> taken;
  std::lock_guard lock(mutex_);
  const std::size_t n = std::min(max, done_.size());
  taken.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    taken.push_back(std::move(done_.front()));
    done_.pop_front();
  }
  return taken;
}

}  // namespace parahash::wasm
