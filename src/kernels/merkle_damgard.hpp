// Buffering and padding shared by the Merkle–Damgård hashes (MD5, SHA-1, SHA-2): the message is
// cut into blocks, then ended with a 1 bit, zeros, and its bit length (MD5 little-endian, SHA
// big-endian). Each algorithm supplies only its compression function and its digest layout.
#pragma once

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <new>

#include "kernels/kernel.hpp"
#include "support/bytes.hpp"
#include "support/status.hpp"

namespace parahash {

// Block is the block size in bytes (a parameter, not Block, because Algo is still
// incomplete where the buffer member is declared). Algo provides: kLengthBytes (8 or 16);
// static constexpr bool kBigEndianLength; static constexpr std::uint64_t kMaxBytes;
// static constexpr const char* kName; void compress(const std::uint8_t* blocks, std::size_t n);
// void write_digest(std::uint8_t* out, std::size_t out_len) const; void restart() (chaining
// value back to its initial value); void copy_chain(const Algo& from) (the chaining value only).
template <class Algo, std::size_t Block>
class MerkleDamgard : public HashState {
 public:
  static constexpr std::size_t kBlockBytes = Block;

  void update(const std::uint8_t* data, std::size_t len) override {
    if (len == 0) return;  // data may then be null, which memcpy must not see
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

  std::unique_ptr<HashState> clone() const override { return std::make_unique<Algo>(static_cast<const Algo&>(*this)); }

  void reset() override {
    buffered_ = 0;
    total_ = 0;
    self().restart();
  }

  // Each HMAC message here is one digest, so its padded form is one block whose only changing
  // bytes are the digest's: pad it once, then a round is, twice, a chaining-value copy and one
  // compression. The digest length is made a constant (one instantiation per length in
  // kernels.def) so that copying and XORing it compiles to a few loads and stores: as calls to
  // memcpy, like whole-state copies, they cost wasm 30-50 % on top of the compressions.
  bool iterate_hmac(const HashState& outer_state, std::uint8_t* u, std::uint8_t* sum, std::size_t digest_length,
                    std::uint64_t rounds) const override {
    const auto* outer = dynamic_cast<const Algo*>(&outer_state);
    if (outer == nullptr) return false;
    const MerkleDamgard& outer_md = *outer;
    // Each state must have absorbed exactly one block (the padding below assumes it).
    if (total_ != Block || outer_md.total_ != Block) return false;
    switch (digest_length) {
      case 16: return iterate_hmac_for<16>(*outer, u, sum, rounds);
      case 20: return iterate_hmac_for<20>(*outer, u, sum, rounds);
      case 28: return iterate_hmac_for<28>(*outer, u, sum, rounds);
      case 32: return iterate_hmac_for<32>(*outer, u, sum, rounds);
      case 48: return iterate_hmac_for<48>(*outer, u, sum, rounds);
      case 64: return iterate_hmac_for<64>(*outer, u, sum, rounds);
      default: return false;
    }
  }

 private:
  Algo& self() { return static_cast<Algo&>(*this); }

  template <std::size_t Digest>
  bool iterate_hmac_for(const Algo& outer, std::uint8_t* u, std::uint8_t* sum, std::uint64_t rounds) const {
    // digest + 0x80 + length must fit one block: at most 64 + 1 + 16 of 128 bytes here.
    if constexpr (Digest + 1 + Algo::kLengthBytes > Block) {
      return false;
    } else {
      // HMAC's inner message (the last U) and outer message (the inner digest), padded as
      // finish() would pad them after the one block each state has absorbed.
      std::array<std::uint8_t, Block> inner_block{}, outer_block{};
      pad_one_digest<Digest>(inner_block);
      pad_one_digest<Digest>(outer_block);
      std::memcpy(inner_block.data(), u, Digest);
      const Algo& inner = static_cast<const Algo&>(*this);
      // In raw storage so that it can be wiped after its destructor has run.
      alignas(Algo) unsigned char storage[sizeof(Algo)];
      Algo& work = *new (storage) Algo(inner);
      for (std::uint64_t round = 0; round < rounds; ++round) {
        work.copy_chain(inner);
        work.compress(inner_block.data(), 1);
        work.write_digest(outer_block.data(), Digest);
        work.copy_chain(outer);
        work.compress(outer_block.data(), 1);
        work.write_digest(inner_block.data(), Digest);  // U_j, the next round's message
        for (std::size_t i = 0; i < Digest; ++i) sum[i] ^= inner_block[i];
      }
      std::memcpy(u, inner_block.data(), Digest);
      std::destroy_at(&work);
      secure_zero(storage, sizeof storage);
      secure_zero(inner_block.data(), Block);
      secure_zero(outer_block.data(), Block);
      return true;
    }
  }

  // 0x80 and the bit length of Block + Digest bytes: how finish() pads Digest more bytes.
  template <std::size_t Digest>
  static void pad_one_digest(std::array<std::uint8_t, Block>& block) {
    constexpr std::uint64_t kBits = (Block + Digest) * 8;
    block[Digest] = 0x80;
    if constexpr (Algo::kBigEndianLength) {
      store_be64(block.data() + Block - 8, kBits);
    } else {
      store_le64(block.data() + Block - Algo::kLengthBytes, kBits);
    }
  }

  std::array<std::uint8_t, Block> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace parahash
