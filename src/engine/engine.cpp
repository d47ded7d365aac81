#include "engine/engine.hpp"

#include <algorithm>

#include "kernels/hmac.hpp"
#include "kernels/registry.hpp"

namespace parahash {

Engine::Engine(unsigned threads, CompletionSink& sink)
    : sink_(sink), pool_(threads, [this] { sink_.notify(); }) {}

namespace {

const Kernel& kernel_at(int index) {
  auto kernels = all_kernels();
  if (index < 0 || static_cast<std::size_t>(index) >= kernels.size()) {
    throw Error(ErrorCode::unknown_algorithm, "no kernel with index " + std::to_string(index));
  }
  return kernels[static_cast<std::size_t>(index)];
}

}  // namespace

std::unique_ptr<HashState> Engine::create_state(int kernel) { return kernel_at(kernel).create(); }

std::unique_ptr<HashState> Engine::create_hmac_state(int kernel, const std::uint8_t* key,
                                                     std::size_t key_len) {
  const Kernel& k = kernel_at(kernel);
  if (k.kind != KernelKind::hash) {
    throw Error(ErrorCode::invalid_arg, std::string(k.name) + " has no HMAC (it needs a fixed-length cryptographic hash)");
  }
  return make_hmac(k, key, key_len);
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



JobId Engine::submit_batch(int kernel, const std::uint8_t* data, const std::uint32_t* offsets,
                           std::size_t count, std::uint8_t* out, std::size_t out_len) {
  const Kernel& k = kernel_at(kernel);
  if (out_len < k.min_output || out_len > k.max_output) {
    throw Error(ErrorCode::invalid_arg, "output length out of range for " + std::string(k.name));
  }
  const std::size_t digest = out_len;
  // A few pieces per thread, so a thread that started late or got slow messages doesn't leave
  // the others idle at the end; each piece reuses one state for all its messages.
  const std::size_t pieces = std::min<std::size_t>(count, 4 * std::size_t{pool_.size()});
  return pool_.submit(
      [=, this, &k] {
        pool_.parallel_for(pieces, [=](std::size_t p) {
          auto state = k.create();
          for (std::size_t i = count * p / pieces, end = count * (p + 1) / pieces; i < end; ++i) {
            state->update(data + offsets[i], offsets[i + 1] - offsets[i]);
            state->finish(out + i * digest, digest);
            state->reset();
          }
        });
      },
      [this](JobId id, const Status& status) { sink_.complete({id, status}); });
}

}  // namespace parahash
