#include "kernels/hmac.hpp"

#include <vector>

#include "support/bytes.hpp"

namespace parahash {
namespace {

class Hmac final : public HashState {
 public:
  Hmac(const Kernel& kernel, const std::uint8_t* key, std::size_t key_len)
      : kernel_(kernel), inner_(kernel.create()), outer_(kernel.create()), pad_(kernel.block_size, 0) {
    // A key longer than one block is replaced by its digest (RFC 2104 section 2).
    if (key_len > kernel.block_size) {
      auto shortened = kernel.create();
      shortened->update(key, key_len);
      shortened->finish(pad_.data(), kernel.digest_size);
    } else if (key_len > 0) {
      std::copy(key, key + key_len, pad_.begin());
    }
    reset();
  }

  ~Hmac() override { secure_zero(pad_.data(), pad_.size()); }

  void update(const std::uint8_t* data, std::size_t len) override { inner_->update(data, len); }

  void finish(std::uint8_t* out, std::size_t out_len) override {
    std::vector<std::uint8_t> inner_digest(kernel_.digest_size);
    inner_->finish(inner_digest.data(), inner_digest.size());
    outer_->reset();
    absorb_key_xor(*outer_, 0x5c);
    outer_->update(inner_digest.data(), inner_digest.size());
    outer_->finish(out, out_len);
    secure_zero(inner_digest.data(), inner_digest.size());
  }

  void reset() override {
    inner_->reset();
    absorb_key_xor(*inner_, 0x36);
  }

 private:
  void absorb_key_xor(HashState& state, std::uint8_t pad_byte) {
    std::vector<std::uint8_t> block(pad_);
    for (auto& b : block) b ^= pad_byte;
    state.update(block.data(), block.size());
    secure_zero(block.data(), block.size());
  }

  const Kernel& kernel_;
  std::unique_ptr<HashState> inner_;
  std::unique_ptr<HashState> outer_;
  std::vector<std::uint8_t> pad_;  // the key, zero-padded to one block
};

}  // namespace

std::unique_ptr<HashState> make_hmac(const Kernel& kernel, const std::uint8_t* key, std::size_t key_len) {
  return std::make_unique<Hmac>(kernel, key, key_len);
}

}  // namespace parahash
