// Helpers shared by the Catch2 suites: deterministic handshakes instead of sleeps.
#pragma once

#include <condition_variable>
#include <functional>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "kernels/kernel.hpp"
#include "pool/thread_pool.hpp"

namespace parahash::test {

// "abc" at each kernel's default digest size. Published: FIPS 180-4 examples (SHA-1, SHA-2),
// RFC 1321 A.5 (MD5), FIPS 202 examples (SHA-3), RFC 7693 appendices A and B (BLAKE2). The
// rest from node:crypto (OpenSSL: SHA-3-224/384/512, SHAKE) and, where it lacks the algorithm,
// hash-wasm (CRC-32/32C, xxHash, BLAKE3).
inline const std::map<std::string_view, std::string_view>& abc_digests() {
  static const std::map<std::string_view, std::string_view> digests = {
    {"md5", "900150983cd24fb0d6963f7d28e17f72"},
    {"sha1", "a9993e364706816aba3e25717850c26c9cd0d89d"},
    {"sha224", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"},
    {"sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {"sha384", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"},
    {"sha512", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
    {"sha512-256", "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23"},
    {"sha3-224", "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf"},
    {"sha3-256", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"},
    {"sha3-384", "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25"},
    {"sha3-512", "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0"},
    {"shake128", "5881092dd818bf5cf8a3ddb793fbcba7"},
    {"shake256", "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739"},
    {"crc32", "352441c2"},
    {"crc32c", "364b3fb7"},
    {"blake2b512", "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"},
    {"blake2s256", "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982"},
    {"xxh32", "32d153ff"},
    {"xxh64", "44bc2cf5ad770999"},
    {"xxh3", "78af5f94892f3950"},
    {"xxh128", "06b05ab6733a618578af5f94892f3950"},
    {"blake3", "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85"},
  };
  return digests;
}

// A one-shot gate: wait() blocks until open() has been called.
class Gate {
 public:
  void open() {
    { std::lock_guard lock(m_); open_ = true; }
    cv_.notify_all();
  }
  void wait() {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return open_; });
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  bool open_ = false;
};

// Counts down to zero; wait() returns once it gets there.
class Countdown {
 public:
  explicit Countdown(std::size_t n) : n_(n) {}
  void arrive() {
    std::lock_guard lock(m_);
    if (n_ > 0 && --n_ == 0) cv_.notify_all();
  }
  void wait() {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return n_ == 0; });
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::size_t n_;
};

inline std::string to_hex(const std::vector<std::uint8_t>& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

// FanOuts for the kernels and KDFs that split work: one that runs everything on the caller, in
// order, and one over a real pool (the engine's).
inline FanOut serial() {
  return [](std::size_t count, const std::function<void(std::size_t)>& body) {
    for (std::size_t i = 0; i < count; ++i) body(i);
  };
}

inline FanOut over(ThreadPool& pool) {
  return [&pool](std::size_t count, const std::function<void(std::size_t)>& body) { pool.parallel_for(count, body); };
}

}  // namespace parahash::test
