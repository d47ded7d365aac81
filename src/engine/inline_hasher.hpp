// Hashing on the caller's own thread, for messages so short that a crossing to a pool thread
// costs more than the hash (a 64-byte SHA-256 is ~0.5 µs; a round trip to a worker, tens).
// Keeps one state per kernel for the default parameters, so the common call allocates nothing.
// Not thread-safe: one per calling thread (the WebAssembly layer has one, for the JS main thread).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "kernels/kernel.hpp"

namespace parahash {

class InlineHasher {
 public:
  // Writes the digest of data[0 .. len) under kernel number `kernel` with `params` to `out`
  // (params.output_length bytes).
  // @throws as Engine::create_state for a bad kernel or params.
  void hash(int kernel, const HashParams& params, const std::uint8_t* data, std::size_t len, std::uint8_t* out);

  // The same as HMAC keyed with key[0 .. key_len) (kind hash only).
  // @throws as Engine::create_hmac_state.
  void hmac(int kernel, const std::uint8_t* key, std::size_t key_len, const std::uint8_t* data, std::size_t len,
            std::uint8_t* out);

 private:
  std::vector<std::unique_ptr<HashState>> defaults_;  // by kernel number, made on first use
};

}  // namespace parahash
