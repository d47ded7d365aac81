#include "engine/engine.hpp"

#include <algorithm>
#include <memory>
#include <vector>

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

void check_params(const Kernel& k, const HashParams& p) {
  auto bad = [&](const std::string& what) {
    throw Error(ErrorCode::invalid_arg, what + " for " + std::string(k.name));
  };
  if (p.output_length < k.min_output || p.output_length > k.max_output) bad("output length out of range");
  if (p.key_length > 0 && k.max_key == 0) bad("no key option");
  if (p.key_length > 0 && (p.key_length < k.min_key || p.key_length > k.max_key)) bad("wrong key length");
  if (p.has_context && !k.takes_context) bad("no context option");
  if (p.has_context && p.key_length > 0) bad("key and context are exclusive");
  if (k.seed_bits < 64 && (p.seed >> k.seed_bits) != 0) bad(k.seed_bits == 0 ? "no seed option" : "seed out of range");
}

}  // namespace

std::unique_ptr<HashState> Engine::create_state(int kernel, const HashParams& params) {
  const Kernel& k = kernel_at(kernel);
  check_params(k, params);
  return k.create(params);
}

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
        state->update_parallel(data, len, fan_out());
        if (out != nullptr) state->finish(out, out_len);
      },
      [this](JobId id, const Status& status) { sink_.complete({id, status}); });
}



FanOut Engine::fan_out() {
  return [this](std::size_t count, const std::function<void(std::size_t)>& body) {
    pool_.parallel_for(count, body);
  };
}

JobId Engine::submit_batch(int kernel, const HashParams& params, const std::uint8_t* data,
                           const std::uint32_t* offsets, std::size_t count, std::uint8_t* out) {
  const Kernel& k = kernel_at(kernel);
  check_params(k, params);
  const std::size_t digest = params.output_length;
  // The job outlives the caller's key buffer: keep a copy, and point the params at it.
  auto key = std::make_shared<std::vector<std::uint8_t>>(params.key, params.key + params.key_length);
  // A few pieces per thread, so a thread that started late or got slow messages doesn't leave
  // the others idle at the end; each piece reuses one state for all its messages.
  const std::size_t pieces = std::min<std::size_t>(count, 4 * std::size_t{pool_.size()});
  return pool_.submit(
      [=, this, &k] {
        HashParams piece_params = params;
        piece_params.key = key->data();
        pool_.parallel_for(pieces, [=, &k](std::size_t p) {
          auto state = k.create(piece_params);
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
