#include "kernels/hmac.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "support/bytes.hpp"

namespace parahash {
namespace {

constexpr std::uint8_t kInnerPad = 0x36, kOuterPad = 0x5c;

// The key as HMAC uses it: one block, zero-padded; a key longer than a block is replaced by its
// digest first (RFC 2104 section 2). XORed with `pad_byte`.
using CreateState = std::function<std::unique_ptr<HashState>()>;

std::vector<std::uint8_t> padded_key(const Kernel& kernel, const CreateState& create, const std::uint8_t* key,
                                     std::size_t key_len, std::uint8_t pad_byte) {
  std::vector<std::uint8_t> block(kernel.block_size, 0);
  if (key_len > kernel.block_size) {
    auto shortened = create();
    shortened->update(key, key_len);
    shortened->finish(block.data(), kernel.digest_size);
  } else if (key_len > 0) {
    std::copy(key, key + key_len, block.begin());
  }
  for (auto& b : block) b ^= pad_byte;
  return block;
}

class Hmac final : public HashState {
 public:
  // The padded blocks are kept, not the key, so reset() and finish() allocate nothing.
  Hmac(const Kernel& kernel, const CreateState& create, const std::uint8_t* key, std::size_t key_len)
      : kernel_(kernel),
        inner_(create()),
        outer_(create()),
        inner_pad_(padded_key(kernel, create, key, key_len, kInnerPad)),
        outer_pad_(padded_key(kernel, create, key, key_len, kOuterPad)) {
    reset();
  }

  ~Hmac() override {
    secure_zero(inner_pad_.data(), inner_pad_.size());
    secure_zero(outer_pad_.data(), outer_pad_.size());
  }

  void update(const std::uint8_t* data, std::size_t len) override { inner_->update(data, len); }

  void finish(std::uint8_t* out, std::size_t out_len) override {
    std::array<std::uint8_t, 64> inner_digest;  // kind == hash: at most 64 bytes (kernels.def)
    inner_->finish(inner_digest.data(), kernel_.digest_size);
    outer_->reset();
    outer_->update(outer_pad_.data(), outer_pad_.size());
    outer_->update(inner_digest.data(), kernel_.digest_size);
    outer_->finish(out, out_len);
    secure_zero(inner_digest.data(), inner_digest.size());
  }

  void reset() override {
    inner_->reset();
    inner_->update(inner_pad_.data(), inner_pad_.size());
  }

  // A deep copy: both inner states and the pads, so the copy and this one never share a state.
  std::unique_ptr<HashState> clone() const override { return std::unique_ptr<HashState>(new Hmac(*this)); }

  // The outer state holds nothing between calls (finish() fills it from the pad), so the inner
  // one says where this state lives.
  int home_thread() const noexcept override { return inner_->home_thread(); }

 private:
  Hmac(const Hmac& other)
      : kernel_(other.kernel_),
        inner_(other.inner_->clone()),
        outer_(other.outer_->clone()),
        inner_pad_(other.inner_pad_),
        outer_pad_(other.outer_pad_) {}

  const Kernel& kernel_;
  std::unique_ptr<HashState> inner_;
  std::unique_ptr<HashState> outer_;
  std::vector<std::uint8_t> inner_pad_;  // key ⊕ ipad, one block
  std::vector<std::uint8_t> outer_pad_;  // key ⊕ opad
};

}  // namespace

std::unique_ptr<HashState> make_hmac(const Kernel& kernel, const std::uint8_t* key, std::size_t key_len) {
  return std::make_unique<Hmac>(kernel, [&kernel] { return kernel.create(); }, key, key_len);
}

std::unique_ptr<HashState> make_hmac(const Kernel& kernel, const CreateState& create, const std::uint8_t* key,
                                     std::size_t key_len) {
  return std::make_unique<Hmac>(kernel, create, key, key_len);
}

HmacKeyStates hmac_key_states(const Kernel& kernel, const std::uint8_t* key, std::size_t key_len) {
  HmacKeyStates states{kernel.create(), kernel.create()};
  for (auto [state, pad_byte] : {std::pair{states.inner.get(), kInnerPad}, std::pair{states.outer.get(), kOuterPad}}) {
    auto block = padded_key(kernel, [&kernel] { return kernel.create(); }, key, key_len, pad_byte);
    state->update(block.data(), block.size());
    secure_zero(block.data(), block.size());
  }
  return states;
}

}  // namespace parahash
