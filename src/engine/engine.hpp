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

#include "engine/host_kernels.hpp"
#include "kdf/kdf.hpp"
#include "kernels/kernel.hpp"
#include "pool/thread_pool.hpp"
#include "support/job_control.hpp"

namespace parahash {

struct Completion {
  JobId id = 0;
  Status status;
};

// Receives completions on whichever worker produced them; must be thread-safe.
//
// complete() runs on a worker's completion path, which must not fail: the engine calls
// expect() on the submitting thread before it queues a job, and a sink makes room there for
// that job's completion (and may throw std::bad_alloc, which fails the submit instead).
class CompletionSink {
 public:
  virtual ~CompletionSink() = default;
  // One more job will complete. @throws std::bad_alloc when there is no room for it.
  virtual void expect() {}
  // A job announced by expect() was not queued after all.
  virtual void unexpect() noexcept {}
  virtual void complete(const Completion& completion) noexcept = 0;
  // Something other than a completion changed (a thread started, a job made progress); wake
  // whoever waits.
  virtual void notify() noexcept = 0;
};

class Engine {
 public:
  // @pre threads >= 1; `sink` outlives the engine.
  Engine(unsigned threads, CompletionSink& sink);

  // @return a fresh state for kernel number `kernel` (index into all_kernels()) with `params`:
  // the host's (host_kernels.hpp) when it runs that kernel so, else the portable one.
  // @throws Error(unknown_algorithm) for an index out of range; Error(invalid_arg) for params
  //         outside the kernel's row (output length, key length, seed range).
  static std::unique_ptr<HashState> create_state(int kernel, const HashParams& params);

  // The same, always the portable kernel (the JS main thread's inline hashing: its host path is
  // node:crypto's one-shot hash, called from JS; a host state there would only add crossings).
  static std::unique_ptr<HashState> create_portable_state(int kernel, const HashParams& params);
  static std::unique_ptr<HashState> create_portable_hmac_state(int kernel, const std::uint8_t* key, std::size_t key_len);

  // @return an HMAC state keyed with key[0..key_len) over kernel number `kernel`.
  // @throws Error(unknown_algorithm) for a bad index; Error(invalid_arg) unless the kernel's
  //         kind is hash.
  static std::unique_ptr<HashState> create_hmac_state(int kernel, const std::uint8_t* key,
                                                      std::size_t key_len);

  // Queues: state->update_parallel(data, len, <the pool's parallel_for>), then, when
  // out != nullptr, state->finish(out, out_len). Jobs of one state run one at a time, in the
  // order submitted, so a caller may submit chunk k+1 while chunk k still hashes: the next
  // chunk is queued the moment the previous one ends, with no round trip through the caller.
  // A chunk that finds control->stop set when its turn comes ends `aborted` without hashing.
  // @pre state, data, out and control (may be null) stay valid and untouched by the caller
  //      until the completion for the returned id arrives.
  // @throws Error(pool_closed) once shutdown() has begun; std::bad_alloc.
  JobId submit_hash(HashState* state, const std::uint8_t* data, std::size_t len, std::uint8_t* out,
                    std::size_t out_len, JobControl* control = nullptr);

  // Queues a copy of `state` (HashState::clone()) behind its pieces, on its home thread if it has
  // one, and writes the copy's address to *copy: createHash().copy() of a state that lives in
  // one thread's isolate can only be made there. @pre as submit_hash, for state and copy.
  JobId submit_clone(HashState* state, std::uintptr_t* copy);

  // Queues one job that hashes `count` messages with kernel number `kernel`: message i is
  // data[offsets[i] .. offsets[i+1]) and its digest (params.output_length bytes) goes to
  // out + i * params.output_length; the key is copied, so it need not outlive this call. The job fans
  // out over the idle threads (parallel_for), so one crossing keeps every thread busy, and polls
  // control->stop between messages.
  // @pre offsets has count + 1 ascending entries; data, offsets, out and control stay valid and
  //      untouched until the completion for the returned id arrives.
  // @throws as create_state; Error(out_of_memory) when count × output_length overflows;
  //         Error(pool_closed) after shutdown().
  JobId submit_batch(int kernel, const HashParams& params, const std::uint8_t* data,
                     const std::uint32_t* offsets, std::size_t count, std::uint8_t* out,
                     JobControl* control = nullptr);

  // Queues one job that hashes bytes outside the heap (SharedSource: a caller's
  // SharedArrayBuffer, in Node) whole with the registered host kernels, on any thread. When the
  // host does not hash it, the job ends ok with control->progress set to the SharedOutcome and out
  // untouched. It polls control->stop between the host's slices (1 MiB in Node).
  // @pre out (params.output_length bytes) and control stay valid until the completion.
  // @throws as create_state; Error(invalid_arg) without host kernels or with a key, seed or
  //         context (no host runs those); Error(pool_closed).
  JobId submit_shared_hash(int kernel, const HashParams& params, const SharedSource& source, std::uint8_t* out,
                           JobControl* control);

  // Queues, on pool thread `worker` only, the host's upkeep of shared-source channel `channel`
  // (HostKernels::tend_shared): opening it there before any buffer is registered, and later
  // letting go of buffers the caller released. @throws Error(invalid_arg) without host kernels
  // or for a worker out of range; Error(pool_closed).
  JobId submit_shared_upkeep(unsigned worker, std::uint64_t channel);

  // Checks a derivation's parameters for KDF number `kdf` (kdf.hpp) without running it.
  // @throws Error(invalid_arg) naming the first one out of range (or unknown_algorithm).
  static void check_derive(int kdf, const KdfRequest& request);

  // Work memory the derivation would allocate on this pool. @pre check_derive passed.
  std::uint64_t derive_memory_bytes(int kdf, const KdfRequest& request) const;

  // Queues one derivation with KDF number `kdf`; its parts fan out over the pool. It polls
  // control->stop about once per millisecond of work and writes its progress (Argon2: passes
  // done) to control->progress, waking the sink each time.
  // @pre the request's inputs, out (request.output_length bytes) and control stay valid until
  //      the completion.
  // @throws as check_derive, before anything is queued; Error(pool_closed).
  JobId submit_derive(int kdf, const KdfRequest& request, std::uint8_t* out, JobControl* control = nullptr);

  // Cancels a job that has not started (queued in the pool, or waiting behind an earlier job of
  // its state); its completion reports `aborted`. @return false if running, done or unknown.
  bool cancel(JobId id);
  void shutdown() { pool_.shutdown(); }
  // Engine(0) has an inline pool: its jobs run here, on the caller (ThreadPool::run_queued).
  std::size_t run_queued(std::chrono::microseconds budget) { return pool_.run_queued(budget); }
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
    JobControl* control;
    std::uintptr_t* clone_to;  // non-null: a clone piece (submit_clone); data/out unused
  };

  // Runs submit() with room made in the sink for one completion; undoes that if it throws.
  template <class Submit>
  JobId expecting(Submit&& submit);

  // Lets a kernel split one update over the pool's idle threads (BLAKE3).
  FanOut fan_out();

  // A job's completion callback: hands {id, status} to the sink.
  ThreadPool::Done report();

  // Runs make_piece() (a Piece, with its id from the pool) under streams_mutex_ and starts or
  // queues it, with room made in the sink (submit_hash, submit_clone).
  template <class MakePiece>
  JobId queue_piece(MakePiece&& make_piece);

  // @pre streams_mutex_ held.
  void start_piece(const Piece& piece);
  void piece_done(HashState* state, JobId id, const Status& status) noexcept;

  CompletionSink& sink_;
  // A state has an entry while one of its pieces is queued or running; the deque holds the
  // pieces submitted behind it. Lock order: streams_mutex_, then the pool's. Declared before
  // pool_ so they outlive its threads, which touch them until joined.
  std::mutex streams_mutex_;
  std::unordered_map<HashState*, std::deque<Piece>> streams_;
  ThreadPool pool_;
};

}  // namespace parahash
