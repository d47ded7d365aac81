// Runs hashing jobs on the pool and reports each finished job to a CompletionSink.
// Knows kernels only through the registry, and the host (WebAssembly or a native test) only
// through the sink.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "kernels/kernel.hpp"
#include "pool/thread_pool.hpp"

namespace parahash {

struct Completion {
  JobId id;
  Status status;
};

// Receives completions on whichever worker produced them; must be thread-safe.
class CompletionSink {
 public:
  virtual ~CompletionSink() = default;
  virtual void complete(Completion completion) = 0;
  // Something other than a completion changed (a thread started); wake whoever waits.
  virtual void notify() = 0;
};

class Engine {
 public:
  // @pre threads >= 1; `sink` outlives the engine.
  Engine(unsigned threads, CompletionSink& sink);

  // @return a fresh state for kernel number `kernel` (index into all_kernels()) with `params`.
  // @throws Error(unknown_algorithm) for an index out of range; Error(invalid_arg) for params
  //         outside the kernel's row (output length, key length, seed range).
  static std::unique_ptr<HashState> create_state(int kernel, const HashParams& params);

  // @return an HMAC state keyed with key[0..key_len) over kernel number `kernel`.
  // @throws Error(unknown_algorithm) for a bad index; Error(invalid_arg) unless the kernel's
  //         kind is hash.
  static std::unique_ptr<HashState> create_hmac_state(int kernel, const std::uint8_t* key,
                                                      std::size_t key_len);

  // Queues: state->update_parallel(data, len, <the pool's parallel_for>), then, when
  // out != nullptr, state->finish(out, out_len).
  // @pre state, data and out stay valid and untouched by the caller until the completion for
  //      the returned id arrives; at most one job per state is in flight.
  // @throws Error(pool_closed) once shutdown() has begun.
  JobId submit_hash(HashState* state, const std::uint8_t* data, std::size_t len, std::uint8_t* out,
                    std::size_t out_len);

  // Queues one job that hashes `count` messages with kernel number `kernel`: message i is
  // data[offsets[i] .. offsets[i+1]) and its digest (params.output_length bytes) goes to
  // out + i * params.output_length; the key is copied, so it need not outlive this call. The job fans
  // out over the idle threads (parallel_for), so one crossing keeps every thread busy.
  // @pre offsets has count + 1 ascending entries; data, offsets and out stay valid and untouched
  //      until the completion for the returned id arrives.
  // @throws as create_state; Error(pool_closed) after shutdown().
  JobId submit_batch(int kernel, const HashParams& params, const std::uint8_t* data,
                     const std::uint32_t* offsets, std::size_t count, std::uint8_t* out);

  bool cancel(JobId id) { return pool_.cancel(id); }
  std::size_t cancel_all() { return pool_.cancel_all(); }
  void shutdown() { pool_.shutdown(); }
  PoolStats stats() const { return pool_.stats(); }
  ThreadPool& pool() noexcept { return pool_; }

 private:
  // Lets a kernel split one update over the pool's idle threads (BLAKE3).
  FanOut fan_out();

  CompletionSink& sink_;
  ThreadPool pool_;
};

}  // namespace parahash
