// Helpers shared by the Catch2 suites: deterministic handshakes instead of sleeps.
#pragma once

#include <condition_variable>
#include <functional>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "kernels/kernel.hpp"
#include "pool/thread_pool.hpp"

namespace parahash::test {

// A one-shot gate: wait() blocks until open() has been called.
class Gate {
 public:
  void open() {
    { std::lock_guard lock(m_); open_ = true; }
    cv_.notify_all();
  }
  void wait() {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return open_; });
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  bool open_ = false;
};

// Counts down to zero; wait() returns once it gets there.
class Countdown {
 public:
  explicit Countdown(std::size_t n) : n_(n) {}
  void arrive() {
    std::lock_guard lock(m_);
    if (n_ > 0 && --n_ == 0) cv_.notify_all();
  }
  void wait() {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return n_ == 0; });
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::size_t n_;
};

inline std::string to_hex(const std::vector<std::uint8_t>& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

// FanOuts for the kernels and KDFs that split work: one that runs everything on the caller, in
// order, and one over a real pool (the engine's).
inline FanOut serial() {
  return [](std::size_t count, const std::function<void(std::size_t)>& body) {
    for (std::size_t i = 0; i < count; ++i) body(i);
  };
}

inline FanOut over(ThreadPool& pool) {
  return [&pool](std::size_t count, const std::function<void(std::size_t)>& body) { pool.parallel_for(count, body); };
}

}  // namespace parahash::test
