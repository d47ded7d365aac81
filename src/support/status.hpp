// Errors as values: every failure that crosses a thread boundary travels as a Status, never as
// an exception, so one job's failure can't unwind another job's stack.
//
// A Status never allocates: its message is a fixed, truncated buffer. It is built on the
// completion path of a worker, which must not fail, not even when the heap is exhausted (a
// std::string message once threw bad_alloc there and took a worker down).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace parahash {

// Stable codes; the JS layer maps each one to its `ERR_PARAHASH_*` string (error_code_name).
// The numbers cross the WebAssembly boundary (negated, as submit_* failures), so they never
// change; new codes go at the end.
enum class ErrorCode : int {
  ok = 0,
  invalid_arg,
  unknown_algorithm,
  input_too_large,
  out_of_memory,
  queue_full,
  aborted,
  pool_closed,
  internal,
};

// @return "ERR_PARAHASH_<CODE>", or "ERR_PARAHASH_INTERNAL" for an unknown value.
const char* error_code_name(ErrorCode code) noexcept;

class Status {
 public:
  static constexpr std::size_t kMessageBytes = 120;

  Status() noexcept = default;
  // `message` is cut to kMessageBytes - 1 bytes.
  Status(ErrorCode code, std::string_view message) noexcept;

  static Status success() noexcept { return {}; }
  bool ok() const noexcept { return code == ErrorCode::ok; }
  std::string_view message() const noexcept { return message_; }

  ErrorCode code = ErrorCode::ok;

 private:
  char message_[kMessageBytes] = {};
};

// Thrown by kernels and the engine for bad input; the pool turns it back into a Status.
class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

// Runs `fn` and reports how it ended: Error keeps its code, bad_alloc becomes out_of_memory,
// anything else is internal. Used by every place that runs caller code on a worker.
template <class Fn>
Status capture_status(Fn&& fn) noexcept;

}  // namespace parahash

#include "support/status_impl.hpp"
