#include "completion_ring.hpp"

#ifdef __EMSCRIPTEN_PTHREADS__
#include <emscripten/threading.h>
#endif

#include <algorithm>
#include <climits>

namespace parahash::wasm {

CompletionRing::CompletionRing() : slots_(4096), messages_(kMessages) {
  free_messages_.reserve(kMessages);
  for (std::size_t i = kMessages; i-- > 0;) free_messages_.push_back(static_cast<std::uint16_t>(i));
}

void CompletionRing::expect() {
  std::lock_guard lock(mutex_);
  if (expected_ + 1 > slots_.size()) {
    // Grow on this (the main) thread, never on a worker: copy the waiting entries in order.
    std::vector<Slot> grown(slots_.size() * 2);
    for (std::size_t i = 0; i < count_; ++i) grown[i] = slots_[(head_ + i) % slots_.size()];
    slots_.swap(grown);
    head_ = 0;
  }
  ++expected_;
}

void CompletionRing::unexpect() noexcept {
  std::lock_guard lock(mutex_);
  --expected_;
}

void CompletionRing::complete(const Completion& c) noexcept {
  {
    std::lock_guard lock(mutex_);
    std::uint16_t message = kNoMessage;
    if (!c.status.ok() && !free_messages_.empty()) {
      message = free_messages_.back();
      free_messages_.pop_back();  // never allocates
      messages_[message] = c.status;
    }
    // expect() made room: count_ < expected_ <= slots_.size().
    slots_[(head_ + count_) % slots_.size()] = {c.id, c.status.code, message};
    ++count_;
  }
  notify();
}

void CompletionRing::notify() noexcept {
  // The entry is published before seq moves, so a JS drain that read the new seq sees it.
  __atomic_fetch_add(&seq_, 1, __ATOMIC_SEQ_CST);
#ifdef __EMSCRIPTEN_PTHREADS__
  emscripten_futex_wake(&seq_, INT_MAX);
#endif
  // Without threads, nothing waits: the JS layer drains after running the queue itself.
}

std::vector<CompletionRing::Entry> CompletionRing::drain(std::size_t max) {
  std::vector<Entry> taken;
  std::lock_guard lock(mutex_);
  const std::size_t n = std::min(max, count_);
  taken.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Slot& slot = slots_[head_];
    // Built before the slot is consumed: if the message cannot be copied, the entry stays for
    // the next drain instead of being lost.
    try {
      Entry entry{slot.id, slot.code, {}};
      if (slot.message != kNoMessage) entry.message = std::string(messages_[slot.message].message());
      taken.push_back(std::move(entry));  // within the reserved capacity
    } catch (...) {
      break;
    }
    if (slot.message != kNoMessage) free_messages_.push_back(slot.message);  // capacity kMessages
    head_ = (head_ + 1) % slots_.size();
    --count_;
    --expected_;
  }
  return taken;
}

}  // namespace parahash::wasm
