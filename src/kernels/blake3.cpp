// BLAKE3 (the BLAKE3 paper and specification, version 20211102): 1 KiB chunks hashed
// independently, their chaining values (CVs) merged pairwise up a binary tree, the root
// squeezed for any output length. Modes: hash, keyed_hash (a 32-byte key), derive_key (a
// context string). update_parallel hashes whole chunks through the engine's fan-out, then
// merges their CVs in order, so the result is identical to update()'s.
#include <array>
#include <cstring>
#include <vector>

#include "kernels/blake3_core.hpp"
#include "kernels/kernel.hpp"
#include "support/bytes.hpp"
#include "support/status.hpp"

namespace parahash {
namespace {

using namespace blake3;

void load_block(const std::uint8_t* bytes, std::uint32_t words[16]) noexcept {
  for (int i = 0; i < 16; ++i) words[i] = load_le32(bytes + 4 * i);
}

Cv first_eight(const std::array<std::uint32_t, 16>& words) noexcept {
  Cv cv;
  std::copy(words.begin(), words.begin() + 8, cv.begin());
  return cv;
}

// A node not yet compressed: becomes a CV, or, at the root, any number of output bytes.
struct Node {
  Cv input_cv;
  std::uint32_t block[16];
  std::uint64_t counter;
  std::uint32_t block_len;
  std::uint32_t flags;

  Cv chaining_value() const noexcept { return first_eight(compress(input_cv, block, counter, block_len, flags)); }

  void root_bytes(std::uint8_t* out, std::size_t len) const noexcept {
    for (std::uint64_t t = 0; len > 0; ++t) {
      auto words = compress(input_cv, block, t, block_len, flags | kRoot);
      std::uint8_t bytes[64];
      for (int i = 0; i < 16; ++i) store_le32(bytes + 4 * i, words[i]);
      std::size_t take = std::min<std::size_t>(len, 64);
      std::memcpy(out, bytes, take);
      out += take;
      len -= take;
    }
  }
};

Node parent_node(const Cv& left, const Cv& right, const Cv& key, std::uint32_t flags) noexcept {
  Node n{key, {}, 0, kBlock, flags | kParent};
  std::copy(left.begin(), left.end(), n.block);
  std::copy(right.begin(), right.end(), n.block + 8);
  return n;
}

class ChunkState {
 public:
  ChunkState(const Cv& key, std::uint64_t counter, std::uint32_t flags) : cv_(key), counter_(counter), flags_(flags) {}

  std::size_t length() const noexcept { return kBlock * blocks_done_ + buffered_; }
  std::uint64_t counter() const noexcept { return counter_; }

  void update(const std::uint8_t* data, std::size_t len) noexcept {
    if (len == 0) return;  // data may then be null, which memcpy must not see
    while (len > 0) {
      if (buffered_ == kBlock) {  // compress a full block only once more input follows it
        compress_block(block_);
        buffered_ = 0;
      }
      // Whole blocks with more input after them go straight from the input, not via block_
      // (what makes small messages, e.g. hashMany's, cheaper).
      for (; buffered_ == 0 && len > kBlock; data += kBlock, len -= kBlock) compress_block(data);
      std::size_t take = std::min(kBlock - buffered_, len);
      std::memcpy(block_ + buffered_, data, take);
      buffered_ += take;
      data += take;
      len -= take;
    }
  }

  Node node() const noexcept {
    Node n{cv_, {}, counter_, static_cast<std::uint32_t>(buffered_), flags_ | start_flag() | kChunkEnd};
    std::uint8_t padded[kBlock] = {};
    std::memcpy(padded, block_, buffered_);
    load_block(padded, n.block);
    return n;
  }

 private:
  std::uint32_t start_flag() const noexcept { return blocks_done_ == 0 ? kChunkStart : 0; }

  void compress_block(const std::uint8_t* bytes) noexcept {
    std::uint32_t words[16];
    load_block(bytes, words);
    cv_ = first_eight(compress(cv_, words, counter_, kBlock, flags_ | start_flag()));
    ++blocks_done_;
  }

  Cv cv_;
  std::uint64_t counter_;
  std::uint32_t flags_;
  std::uint8_t block_[kBlock] = {};
  std::size_t buffered_ = 0;
  std::size_t blocks_done_ = 0;
};

class Blake3 final : public HashState {
 public:
  Blake3(const Cv& key, std::uint32_t flags) : key_(key), flags_(flags), chunk_(key, 0, flags) {}

  void update(const std::uint8_t* data, std::size_t len) override { absorb(data, len, nullptr); }

  void update_parallel(const std::uint8_t* data, std::size_t len, const FanOut& fan_out) override {
    absorb(data, len, &fan_out);
  }

  void finish(std::uint8_t* out, std::size_t out_len) override {
    Node node = chunk_.node();
    for (std::size_t i = stack_.size(); i-- > 0;) node = parent_node(stack_[i], node.chaining_value(), key_, flags_);
    node.root_bytes(out, out_len);
  }

  std::unique_ptr<HashState> clone() const override { return std::make_unique<Blake3>(*this); }

  void reset() override {
    chunk_ = ChunkState(key_, 0, flags_);
    stack_.clear();
  }

 private:
  static constexpr std::size_t kMinParallelChunks = 64;  // below 64 KiB, threads cost more than they save
  static constexpr std::size_t kChunksPerPiece = 32;
  static constexpr std::size_t kChunksPerBatch = 16;  // single-thread path: CVs kept on the stack

  // Whole chunks that more input follows cannot be the root, so they take the fast path
  // (hash_chunks: four at a time with SIMD, and across threads when fan_out is given); the last
  // chunk of the input always stays in chunk_. The CVs are pushed in order, so the tree, and the
  // digest, are the same whichever path ran.
  void absorb(const std::uint8_t* data, std::size_t len, const FanOut* fan_out) {
    std::size_t head = std::min(len, (kChunk - chunk_.length()) % kChunk);
    feed_chunk(data, head);
    data += head;
    len -= head;
    const std::size_t whole = len == 0 ? 0 : (len - 1) / kChunk;
    if (whole > 0) {
      if (chunk_.length() == kChunk) close_chunk();
      const std::uint64_t base = chunk_.counter();
      if (fan_out != nullptr && whole >= kMinParallelChunks) {
        std::vector<Cv> cvs(whole);
        const std::size_t pieces = (whole + kChunksPerPiece - 1) / kChunksPerPiece;
        (*fan_out)(pieces, [&](std::size_t piece) {
          const std::size_t first = piece * kChunksPerPiece;
          const std::size_t count = std::min(whole - first, kChunksPerPiece);
          hash_chunks(key_, flags_, data + first * kChunk, count, base + first, cvs.data() + first);
        });
        for (std::size_t i = 0; i < whole; ++i) push_cv(cvs[i], base + i + 1);
      } else {
        Cv cvs[kChunksPerBatch];
        for (std::size_t first = 0; first < whole; first += kChunksPerBatch) {
          const std::size_t count = std::min(whole - first, kChunksPerBatch);
          hash_chunks(key_, flags_, data + first * kChunk, count, base + first, cvs);
          for (std::size_t i = 0; i < count; ++i) push_cv(cvs[i], base + first + i + 1);
        }
      }
      chunk_ = ChunkState(key_, base + whole, flags_);
      data += whole * kChunk;
      len -= whole * kChunk;
    }
    feed_chunk(data, len);
  }

  // Byte-wise path through chunk_, closing a full chunk only once more input arrives.
  void feed_chunk(const std::uint8_t* data, std::size_t len) {
    while (len > 0) {
      if (chunk_.length() == kChunk) close_chunk();
      std::size_t take = std::min(kChunk - chunk_.length(), len);
      chunk_.update(data, take);
      data += take;
      len -= take;
    }
  }

  void close_chunk() {
    std::uint64_t total = chunk_.counter() + 1;
    push_cv(chunk_.node().chaining_value(), total);
    chunk_ = ChunkState(key_, total, flags_);
  }

  // Adds the CV of chunk number total_chunks - 1, merging every completed subtree: as many
  // merges as total_chunks has trailing zero bits (the paper's lazy merging, section 5.1.2).
  void push_cv(Cv cv, std::uint64_t total_chunks) {
    for (; (total_chunks & 1) == 0; total_chunks >>= 1) {
      cv = parent_node(stack_.back(), cv, key_, flags_).chaining_value();
      stack_.pop_back();
    }
    stack_.push_back(cv);
  }

  Cv key_;
  std::uint32_t flags_;
  ChunkState chunk_;
  std::vector<Cv> stack_;  // at most 54 entries: one per level of a 2^64-chunk tree
};

Cv words_of(const std::uint8_t* key32) noexcept {
  Cv cv;
  for (int i = 0; i < 8; ++i) cv[i] = load_le32(key32 + 4 * i);
  return cv;
}

}  // namespace

std::unique_ptr<HashState> make_blake3(const HashParams& p) {
  if (p.has_context) {
    // derive_key: hash the context string into a context key, then the material under it.
    Blake3 context_hasher(kIv, kDeriveKeyContext);
    context_hasher.update(p.context, p.context_length);
    std::uint8_t context_key[32];
    context_hasher.finish(context_key, sizeof context_key);
    auto state = std::make_unique<Blake3>(words_of(context_key), kDeriveKeyMaterial);
    secure_zero(context_key, sizeof context_key);
    return state;
  }
  if (p.key_length == 32) return std::make_unique<Blake3>(words_of(p.key), kKeyedHash);
  return std::make_unique<Blake3>(kIv, 0);
}

}  // namespace parahash
