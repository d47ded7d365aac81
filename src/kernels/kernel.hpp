// The one interface every hashing algorithm implements. Kernels know nothing of threads or of
// WebAssembly: they turn bytes into a digest, incrementally.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

namespace parahash {

// Runs body(0) … body(count - 1), possibly on several threads, and returns when all are done.
// The engine hands one to update_parallel, so a kernel can split work without knowing threads.
using FanOut = std::function<void(std::size_t count, const std::function<void(std::size_t)>& body)>;

// Running state of one digest computation.
class HashState {
 public:
  virtual ~HashState() = default;

  // Absorbs `len` more bytes.
  // @throws Error(input_too_large) when the total would exceed the algorithm's message limit.
  virtual void update(const std::uint8_t* data, std::size_t len) = 0;

  // Same result as update(); a kernel whose structure allows it (BLAKE3's chunk tree) may run
  // independent parts of the work through `fan_out`.
  virtual void update_parallel(const std::uint8_t* data, std::size_t len, const FanOut& fan_out) {
    (void)fan_out;
    update(data, len);
  }

  // Writes the digest. Call once, after the last update (or reset() first).
  // @pre min_output <= out_len <= max_output of the kernel.
  virtual void finish(std::uint8_t* out, std::size_t out_len) = 0;

  // Back to the freshly created state, so one object can hash many messages (hashMany) without
  // an allocation per message.
  virtual void reset() = 0;

  // An independent state that has absorbed exactly what this one has (createHash().copy()):
  // updating either never changes the other. Keys and keyed pads are copied too.
  virtual std::unique_ptr<HashState> clone() const = 0;

  // The pool worker this state must be fed on from now on, or -1 for any thread. Portable
  // kernels are plain memory and go anywhere; a state backed by the host's own hash object
  // (node:crypto's, src/engine/host_kernels.hpp) lives in one thread's JavaScript isolate from
  // its first update until finish(), and the engine pins its pieces (and clone()) to that thread.
  virtual int home_thread() const noexcept { return -1; }

  // Iterated HMAC, the loop of PBKDF2 (RFC 8018 section 5.2, the function F), for kernels that
  // can run it at its floor of two compression calls per round. `*this` has absorbed exactly the
  // block key ⊕ ipad and `outer` (a state of the same kernel) key ⊕ opad, as hmac_key_states()
  // leaves them. Repeats `rounds` times: u = HMAC(u), then sum ^= u, over digest_length bytes.
  // Neither state changes, so threads may share them (PBKDF2's output blocks run in parallel).
  // Why not clone() + update() + finish()? An allocation, two virtual calls and a buffered copy
  // per round cost as much as the compressions do.
  // @return false, having done nothing, when the kernel has no such path; callers then loop
  //         over an HMAC state (make_hmac), which costs four compressions a round.
  virtual bool iterate_hmac(const HashState& outer, std::uint8_t* u, std::uint8_t* sum, std::size_t digest_length,
                            std::uint64_t rounds) const {
    (void)outer, (void)u, (void)sum, (void)digest_length, (void)rounds;
    return false;
  }
};

// Per-call choices a kernel may accept. The engine validates them against the kernel's row
// before calling create(), so factories may rely on them being in range.
struct HashParams {
  std::size_t output_length = 0;      // bytes, within [min_output, max_output]
  const std::uint8_t* key = nullptr;  // keyed mode (BLAKE2, BLAKE3); valid during create() only
  std::size_t key_length = 0;         // <= max_key; 0 means unkeyed
  std::uint64_t seed = 0;             // xxHash; < 2^seed_bits
  const std::uint8_t* context = nullptr;  // BLAKE3 derive-key mode; valid during create() only
  std::size_t context_length = 0;
  bool has_context = false;
};


enum class KernelKind {
  hash,      // cryptographic, fixed length: HMAC allowed
  xof,       // cryptographic, extendable output (SHAKE): outputLength chooses the length
  checksum,  // not cryptographic (CRC, xxHash)
};

struct Kernel {
  std::string_view name;     // canonical, as node:crypto spells it
  std::string_view aliases;  // '|'-separated other spellings (WebCrypto's, …)
  std::size_t digest_size;   // default output bytes
  std::size_t block_size;    // bytes the compression function takes at once (HMAC's block)
  KernelKind kind;
  std::size_t min_output;    // outputLength range; min == max == digest_size when fixed
  std::size_t max_output;
  std::size_t min_key;       // a key, when given, has min_key..max_key bytes
  std::size_t max_key;       // 0: no key option
  unsigned seed_bits;        // 0: no seed option; else the seed is below 2^seed_bits
  bool takes_context;        // derive-key mode (BLAKE3's `context`)
  std::unique_ptr<HashState> (*factory)(const HashParams&);

  // @pre params validated against this row (Engine::create_state does it).
  std::unique_ptr<HashState> create(const HashParams& params) const { return factory(params); }

  // Default output length, no key, seed 0.
  std::unique_ptr<HashState> create() const {
    HashParams params;
    params.output_length = digest_size;
    return factory(params);
  }
};

}  // namespace parahash
