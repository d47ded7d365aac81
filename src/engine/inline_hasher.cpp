#include "engine/inline_hasher.hpp"

#include "engine/engine.hpp"
#include "kernels/registry.hpp"

namespace parahash {

void InlineHasher::hash(int kernel, const HashParams& params, const std::uint8_t* data, std::size_t len,
                        std::uint8_t* out) {
  const bool plain = params.key_length == 0 && !params.has_context && params.seed == 0 &&
                     kernel >= 0 && static_cast<std::size_t>(kernel) < all_kernels().size() &&
                     params.output_length == all_kernels()[static_cast<std::size_t>(kernel)].digest_size;
  if (!plain) {
    auto state = Engine::create_portable_state(kernel, params);
    state->update(data, len);
    state->finish(out, params.output_length);
    return;
  }
  if (defaults_.empty()) defaults_.resize(all_kernels().size());
  auto& state = defaults_[static_cast<std::size_t>(kernel)];
  if (!state) state = Engine::create_portable_state(kernel, params);
  state->update(data, len);
  state->finish(out, params.output_length);
  state->reset();
}

void InlineHasher::hmac(int kernel, const std::uint8_t* key, std::size_t key_len, const std::uint8_t* data,
                        std::size_t len, std::uint8_t* out) {
  auto state = Engine::create_portable_hmac_state(kernel, key, key_len);
  state->update(data, len);
  state->finish(out, all_kernels()[static_cast<std::size_t>(kernel)].digest_size);
}

}  // namespace parahash
