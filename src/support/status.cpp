#include "support/status.hpp"

#include <algorithm>

namespace parahash {

Status::Status(ErrorCode c, std::string_view message) noexcept : code(c) {
  const std::size_t n = std::min(message.size(), kMessageBytes - 1);
  std::copy_n(message.data(), n, message_);
  message_[n] = '\0';
}

const char* error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::ok: return "OK";
    case ErrorCode::invalid_arg: return "ERR_PARAHASH_INVALID_ARG";
    case ErrorCode::unknown_algorithm: return "ERR_PARAHASH_UNKNOWN_ALGORITHM";
    case ErrorCode::input_too_large: return "ERR_PARAHASH_INPUT_TOO_LARGE";
    case ErrorCode::out_of_memory: return "ERR_PARAHASH_OUT_OF_MEMORY";
    case ErrorCode::queue_full: return "ERR_PARAHASH_QUEUE_FULL";
    case ErrorCode::aborted: return "ERR_PARAHASH_ABORTED";
    case ErrorCode::pool_closed: return "ERR_PARAHASH_POOL_CLOSED";
    case ErrorCode::internal: break;
  }
  return "ERR_PARAHASH_INTERNAL";
}

}  // namespace parahash
