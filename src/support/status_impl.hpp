#pragma once

#include <new>

namespace parahash {

template <class Fn>
Status capture_status(Fn&& fn) noexcept {
  try {
    fn();
    return Status::success();
  } catch (const Error& e) {
    return {e.code(), e.what()};
  } catch (const std::bad_alloc&) {
    return {ErrorCode::out_of_memory, "out of memory"};
  } catch (const std::exception& e) {
    return {ErrorCode::internal, e.what()};
  } catch (...) {
    return {ErrorCode::internal, "unknown exception"};
  }
}

}  // namespace parahash
