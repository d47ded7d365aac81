#include "engine/engine.hpp"

#include "kernels/registry.hpp"

namespace parahash {

Engine::Engine(unsigned threads, CompletionSink& sink)
    : sink_(sink), pool_(threads, [this] { sink_.notify(); }) {}

std::unique_ptr<HashState> Engine::create_state(int kernel) {
  auto kernels = all_kernels();
  if (kernel < 0 || static_cast<std::size_t>(kernel) >= kernels.size()) {
    throw Error(ErrorCode::unknown_algorithm, "no kernel with index " + std::to_string(kernel));
  }
  return kernels[static_cast<std::size_t>(kernel)].create();
}

JobId Engine::submit_hash(HashState* state, const std::uint8_t* data, std::size_t len,
                          std::uint8_t* out, std::size_t out_len) {
  return pool_.submit(
      [=] {
        state->update(data, len);
        if (out != nullptr) state->finish(out, out_len);
      },
      [this](JobId id, const Status& status) { sink_.complete({id, status}); });
}

}  // namespace parahash
