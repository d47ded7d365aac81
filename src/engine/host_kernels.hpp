// Kernels the host runs itself. WebAssembly cannot reach SHA-NI or AVX2, and in Node the
// OpenSSL it ships hashes SHA-256 6.8 times faster than the portable kernel on one core (SHA-1
// 2.6×, SHA-512 2.5×: issue 19's table). As BLAKE3's dispatch chooses a backend per CPU at
// start-up and keeps the portable code as the fallback, a host registers here the kernels it
// runs faster, chosen by measurement (js/engine/host-choice.js); every other kernel, every
// parameter the host lacks (a BLAKE2 key, a seed) and every host without such a backend (a
// browser) stays portable. The engine asks create() first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "kernels/kernel.hpp"
#include "support/job_control.hpp"

namespace parahash {

// Bytes outside the heap that a host can reach and WebAssembly cannot. In Node: a
// SharedArrayBuffer of the caller's, which node:crypto on a pool thread reads where it lies, so
// the JS main thread copies nothing (js/engine/shared-input.js registers each buffer with the
// threads under a number). Opaque to the engine: only the host reads it.
struct SharedSource {
  std::uint64_t channel = 0;  // whose registrations (one per pool)
  std::uint64_t buffer = 0;   // the buffer's number among them
  std::uint64_t offset = 0;   // where the bytes start in it
  std::uint64_t length = 0;
};

// How a shared-source job ended, reported in JobControl::progress when it hashed nothing (out
// untouched), so that the caller hashes the bytes another way.
enum class SharedOutcome : std::int32_t {
  hashed = 0,
  declined = 1,  // the host does not run this kernel with these parameters (now)
  missing = 2,   // this thread cannot reach the buffer (the caller posts it again)
};

class HostKernels {
 public:
  virtual ~HostKernels() = default;
  // @return a state for kernel number `index` (row `k`) with `params`, or nullptr when the host
  // does not run it that way. @pre params validated against k's row.
  virtual std::unique_ptr<HashState> create(int index, const Kernel& k, const HashParams& params) = 0;
  // @return an HMAC state keyed with key[0 .. key_len), or nullptr as create(). The key is
  // copied. @pre k.kind == KernelKind::hash.
  virtual std::unique_ptr<HashState> create_hmac(int index, const Kernel& k, const std::uint8_t* key,
                                                 std::size_t key_len) = 0;
  // PBKDF2-HMAC over kernel number `index`, written whole to out[0 .. out_len) in one call that
  // cannot be stopped (OpenSSL's): a host takes a derivation only where it measured itself
  // faster than the portable one and predicts the call short enough for the engine's abort
  // promise (200 ms); the rest run portably, stopping within a millisecond.
  // @return false: declined, out untouched. @pre the pbkdf2 row's checks passed.
  virtual bool pbkdf2(int /*index*/, const Kernel& /*k*/, const std::uint8_t* /*password*/,
                      std::size_t /*password_length*/, const std::uint8_t* /*salt*/, std::size_t /*salt_length*/,
                      std::uint32_t /*iterations*/, std::uint8_t* /*out*/, std::size_t /*out_len*/) {
    return false;
  }
  // A declined derivation ran portably: `work` HMAC iterations (blocks × iterations) in
  // `seconds`, so that the host's choice follows both figures.
  virtual void ran_portable_pbkdf2(int /*index*/, double /*work*/, double /*seconds*/) {}
  // The digest of `source` with kernel number `index` and `params`, written whole to
  // out[0 .. out_len), read a slice at a time with a safe point (stop) between slices.
  // @return hashed, or why not (out untouched). @throws Error(aborted) when stopped.
  // @pre params validated against k's row; out_len == params.output_length.
  virtual SharedOutcome hash_shared(int /*index*/, const Kernel& /*k*/, const HashParams& /*params*/,
                                    const SharedSource& /*source*/, std::uint8_t* /*out*/, std::size_t /*out_len*/,
                                    const StopToken& /*stop*/) {
    return SharedOutcome::declined;
  }
  // On a pool thread: takes the shared-source registrations and releases that reached it meanwhile,
  // so a thread that runs no such job keeps no buffer alive that its caller has let go.
  virtual void tend_shared(std::uint64_t /*channel*/) {}
};

// The registered host kernels, or nullptr (the default: every kernel is portable).
HostKernels* host_kernels() noexcept;
// Registers `host` (nullptr: none) for every engine of this process (one WebAssembly instance:
// each pool has its own). @pre no job is running.
void set_host_kernels(HostKernels* host) noexcept;

}  // namespace parahash
