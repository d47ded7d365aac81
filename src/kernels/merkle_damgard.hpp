// Buffering and padding shared by the Merkle–Damgård hashes (MD5, SHA-1, SHA-2): the message is
// cut into blocks, then ended with a 1 bit, zeros, and its bit length (MD5 little-endian, SHA
// big-endian). Each algorithm supplies only its compression function and its digest layout.
#pragma once

#include <algorithm>
#include <array>
#include <cstring>

#include "kernels/kernel.hpp"
#include "support/bytes.hpp"
#include "support/status.hpp"

namespace parahash {

// Block is the block size in bytes (a parameter, not Block, because Algo is still
// incomplete where the buffer member is declared). Algo provides: kLengthBytes (8 or 16);
// static constexpr bool kBigEndianLength; static constexpr std::uint64_t kMaxBytes;
// static constexpr const char* kName; void compress(const std::uint8_t* blocks, std::size_t n);
// void write_digest(std::uint8_t* out, std::size_t out_len) const; void restart() (chaining
// value back to its initial value).
template <class Algo, std::size_t Block>
class MerkleDamgard : public HashState {
 public:
  static constexpr std::size_t kBlockBytes = Block;

  void update(const std::uint8_t* data, std::size_t len) override {
    if (len > Algo::kMaxBytes - total_) {
      throw Error(ErrorCode::input_too_large, std::string(Algo::kName) + " message length limit exceeded");
    }
    total_ += len;
    if (buffered_ > 0) {
      std::size_t take = std::min(len, Block - buffered_);
      std::memcpy(buffer_.data() + buffered_, data, take);
      buffered_ += take;
      data += take;
      len -= take;
      if (buffered_ < Block) return;
      self().compress(buffer_.data(), 1);
      buffered_ = 0;
    }
    std::size_t whole = len / Block;
    if (whole > 0) self().compress(data, whole);
    std::memcpy(buffer_.data(), data + whole * Block, len - whole * Block);
    buffered_ = len - whole * Block;
  }

  void finish(std::uint8_t* out, std::size_t out_len) override {
    constexpr std::size_t kLenAt = Block - Algo::kLengthBytes;
    // Bit length modulo 2^64 (MD5 defines it so; the SHA limits keep it exact). For 128-bit
    // length fields the high half is zero: no JS input reaches 2^64 bits.
    const std::uint64_t bits = total_ * 8;
    buffer_[buffered_++] = 0x80;
    if (buffered_ > kLenAt) {
      std::memset(buffer_.data() + buffered_, 0, Block - buffered_);
      self().compress(buffer_.data(), 1);
      buffered_ = 0;
    }
    std::memset(buffer_.data() + buffered_, 0, Block - buffered_);
    if constexpr (Algo::kBigEndianLength) {
      store_be64(buffer_.data() + Block - 8, bits);
    } else {
      store_le64(buffer_.data() + kLenAt, bits);
    }
    self().compress(buffer_.data(), 1);
    self().write_digest(out, out_len);
    secure_zero(buffer_.data(), buffer_.size());
  }

  void reset() override {
    buffered_ = 0;
    total_ = 0;
    self().restart();
  }

 private:
  Algo& self() { return static_cast<Algo&>(*this); }

  std::array<std::uint8_t, Block> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace parahash
