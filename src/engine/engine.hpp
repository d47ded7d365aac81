// Runs hashing jobs on the pool and reports each finished job to a CompletionSink.
// Knows kernels only through the registry, and the host (WebAssembly or a native test) only
// through the sink.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "kdf/argon2.hpp"
#include "kdf/pbkdf2.hpp"
#include "kdf/scrypt.hpp"
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
  // out != nullptr, state->finish(out, out_len). Jobs of one state run one at a time, in the
  // order submitted, so a caller may submit chunk k+1 while chunk k still hashes: the next
  // chunk is queued the moment the previous one ends, with no round trip through the caller.
  // @pre state, data and out stay valid and untouched by the caller until the completion for
  //      the returned id arrives.
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

  // Queues one Argon2 hash; its lanes fan out over the pool (parallel_for per slice). The
  // password, salt, secret and associated data are copied (and wiped when the job ends), so they
  // need not outlive this call. After each pass the job stores the passes done in control[0]
  // and wakes the sink; before the next pass it stops with `aborted` once control[1] != 0. Both
  // cells are read and written atomically, so the host may watch and set them from its thread.
  // @pre tag (params.tag_length bytes) and control (2 ints) stay valid until the completion.
  // @throws Error(invalid_arg) for parameters outside RFC 9106's ranges; Error(pool_closed).
  JobId submit_argon2(const Argon2Params& params, std::uint8_t* tag, std::int32_t* control);

  // Queues one PBKDF2 derivation (kdf/pbkdf2.hpp) with HMAC over kernel number `kernel`; its
  // output blocks fan out over the pool. The parameters are checked when the job runs: a bad
  // one completes with its error code (unknown_algorithm, invalid_arg).
  // @pre the password and salt buffers and out (params.key_length bytes) stay valid until the
  //      completion; params.digest is ignored (the kernel number chooses it).
  JobId submit_pbkdf2(int kernel, const Pbkdf2Params& params, std::uint8_t* out);

  // Queues one scrypt derivation (kdf/scrypt.hpp); its p mixes fan out over the pool, as many
  // at once as params.maxmem has room for. Checked when the job runs, as submit_pbkdf2.
  // @pre as submit_pbkdf2.
  JobId submit_scrypt(const ScryptParams& params, std::uint8_t* out);

  // Cancels a job that has not started (queued in the pool, or waiting behind an earlier job of
  // its state); its completion reports `aborted`. @return false if running, done or unknown.
  bool cancel(JobId id);
  std::size_t cancel_all();
  void shutdown() { pool_.shutdown(); }
  PoolStats stats() const { return pool_.stats(); }
  ThreadPool& pool() noexcept { return pool_; }

 private:
  struct Piece {
    JobId id;
    HashState* state;
    const std::uint8_t* data;
    std::size_t len;
    std::uint8_t* out;
    std::size_t out_len;
  };

  // Lets a kernel split one update over the pool's idle threads (BLAKE3).
  FanOut fan_out();

  // A job's completion callback: hands {id, status} to the sink.
  ThreadPool::Done report();

  // @pre streams_mutex_ held.
  void start_piece(const Piece& piece);
  void piece_done(HashState* state, JobId id, const Status& status);

  CompletionSink& sink_;
  // A state has an entry while one of its pieces is queued or running; the deque holds the
  // pieces submitted behind it. Lock order: streams_mutex_, then the pool's. Declared before
  // pool_ so they outlive its threads, which touch them until joined.
  std::mutex streams_mutex_;
  std::unordered_map<HashState*, std::deque<Piece>> streams_;
  ThreadPool pool_;
};

}  // namespace parahash
