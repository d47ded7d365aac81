#include "engine/engine.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <vector>

#include "engine/host_kernels.hpp"
#include "kernels/hmac.hpp"
#include "kernels/registry.hpp"
#include "support/bytes.hpp"
#include "support/checked.hpp"

namespace parahash {

namespace {
std::atomic<HostKernels*> registered_host{nullptr};
// A batch's messages from this size on go to the host kernel (when the host runs the kernel):
// node:crypto's SHA-256 of 16 KiB takes 11 µs against the portable kernel's 40, and its fixed
// cost per message (three calls into JavaScript, about 3–5 µs) is then paid back.
constexpr std::size_t kHostBatchBytes = 16 * 1024;
}  // namespace

HostKernels* host_kernels() noexcept { return registered_host.load(std::memory_order_acquire); }
void set_host_kernels(HostKernels* host) noexcept { registered_host.store(host, std::memory_order_release); }

Engine::Engine(unsigned threads, CompletionSink& sink)
    : sink_(sink), pool_(threads, [this] { sink_.notify(); }) {
  // Room for many streams at once from the start: a table that grows later is heap the soak
  // would see grow after warm-up.
  streams_.reserve(1024);
}

namespace {

const Kernel& kernel_at(int index) {
  auto kernels = all_kernels();
  if (index < 0 || static_cast<std::size_t>(index) >= kernels.size()) {
    throw Error(ErrorCode::unknown_algorithm, "no kernel with index " + std::to_string(index));
  }
  return kernels[static_cast<std::size_t>(index)];
}

void check_params(const Kernel& k, const HashParams& p) {
  auto bad = [&](const std::string& what) {
    throw Error(ErrorCode::invalid_arg, what + " for " + std::string(k.name));
  };
  if (p.output_length < k.min_output || p.output_length > k.max_output) bad("output length out of range");
  if (p.key_length > 0 && k.max_key == 0) bad("no key option");
  if (p.key_length > 0 && (p.key_length < k.min_key || p.key_length > k.max_key)) bad("wrong key length");
  if (p.has_context && !k.takes_context) bad("no context option");
  if (p.has_context && p.key_length > 0) bad("key and context are exclusive");
  if (k.seed_bits < 64 && (p.seed >> k.seed_bits) != 0) bad(k.seed_bits == 0 ? "no seed option" : "seed out of range");
}

// A copy of a key or context that a queued job keeps; wiped when the last job lets go of it.
std::shared_ptr<std::vector<std::uint8_t>> secret_copy(const std::uint8_t* bytes, std::size_t len) {
  return {new std::vector<std::uint8_t>(bytes, bytes + len), [](std::vector<std::uint8_t>* v) {
            secure_zero(v->data(), v->size());
            delete v;
          }};
}

}  // namespace

std::unique_ptr<HashState> Engine::create_state(int kernel, const HashParams& params) {
  const Kernel& k = kernel_at(kernel);
  check_params(k, params);
  if (HostKernels* host = host_kernels()) {
    if (auto state = host->create(kernel, k, params)) return state;
  }
  return k.create(params);
}

std::unique_ptr<HashState> Engine::create_portable_state(int kernel, const HashParams& params) {
  const Kernel& k = kernel_at(kernel);
  check_params(k, params);
  return k.create(params);
}

std::unique_ptr<HashState> Engine::create_portable_hmac_state(int kernel, const std::uint8_t* key, std::size_t key_len) {
  const Kernel& k = kernel_at(kernel);
  if (k.kind != KernelKind::hash) {
    throw Error(ErrorCode::invalid_arg, std::string(k.name) + " has no HMAC (it needs a fixed-length cryptographic hash)");
  }
  return make_hmac(k, key, key_len);
}

std::unique_ptr<HashState> Engine::create_hmac_state(int kernel, const std::uint8_t* key,
                                                     std::size_t key_len) {
  const Kernel& k = kernel_at(kernel);
  if (k.kind != KernelKind::hash) {
    throw Error(ErrorCode::invalid_arg, std::string(k.name) + " has no HMAC (it needs a fixed-length cryptographic hash)");
  }
  if (HostKernels* host = host_kernels()) {
    if (auto state = host->create_hmac(kernel, k, key, key_len)) return state;
  }
  return make_hmac(k, key, key_len);
}

template <class Submit>
JobId Engine::expecting(Submit&& submit) {
  sink_.expect();
  try {
    return submit();
  } catch (...) {
    sink_.unexpect();
    throw;
  }
}

JobId Engine::submit_hash(HashState* state, const std::uint8_t* data, std::size_t len,
                          std::uint8_t* out, std::size_t out_len, JobControl* control) {
  return queue_piece([&] { return Piece{pool_.reserve_id(), state, data, len, out, out_len, control, nullptr}; });
}

JobId Engine::submit_clone(HashState* state, std::uintptr_t* copy) {
  return queue_piece([&] { return Piece{pool_.reserve_id(), state, nullptr, 0, nullptr, 0, nullptr, copy}; });
}

// Starts the piece now when its state is idle, else queues it behind the state's running one.
template <class MakePiece>
JobId Engine::queue_piece(MakePiece&& make_piece) {
  return expecting([&] {
    std::lock_guard lock(streams_mutex_);
    const Piece piece = make_piece();
    auto [entry, idle] = streams_.try_emplace(piece.state);
    if (!idle) {
      entry->second.push_back(piece);
      return piece.id;
    }
    try {
      start_piece(piece);
    } catch (...) {
      streams_.erase(entry);
      throw;
    }
    return piece.id;
  });
}

void Engine::start_piece(const Piece& piece) {
  auto work = [this, piece] {
    if (piece.clone_to != nullptr) {
      *piece.clone_to = reinterpret_cast<std::uintptr_t>(piece.state->clone().release());
      return;
    }
    StopToken(piece.control).throw_if_stopped("hash");
    piece.state->update_parallel(piece.data, piece.len, fan_out());
    if (piece.out != nullptr) piece.state->finish(piece.out, piece.out_len);
  };
  auto done = [this, state = piece.state](JobId id, const Status& status) { piece_done(state, id, status); };
  // Read here, where no piece of this state runs (they run one at a time): a state bound to a
  // thread stays bound until a piece of its own finishes it.
  const int home = piece.state->home_thread();
  if (home >= 0) {
    pool_.submit_to(static_cast<unsigned>(home), piece.id, std::move(work), std::move(done));
  } else {
    pool_.submit(piece.id, std::move(work), std::move(done));
  }
}

// On a worker's completion path: nothing here may throw. Starting the next piece may fail
// (the pool is shutting down, or the heap is exhausted); then that piece and every one still
// waiting behind it complete with the reason, each its own completion as the sink expects.
void Engine::piece_done(HashState* state, JobId id, const Status& status) noexcept {
  // A node handle, not a deque: default-constructing or moving a std::deque allocates.
  decltype(streams_)::node_type refused;
  Status why;
  {
    std::lock_guard lock(streams_mutex_);
    auto entry = streams_.find(state);
    if (entry != streams_.end() && entry->second.empty()) {
      streams_.erase(entry);
    } else if (entry != streams_.end()) {
      // The next piece goes to the back of the pool's queue, so concurrent streams take turns.
      why = capture_status([&] { start_piece(entry->second.front()); });
      if (why.ok()) {
        entry->second.pop_front();
      } else {
        refused = streams_.extract(entry);  // the map's node changes hands; nothing is allocated
      }
    }
  }
  // Reported last: once the caller sees this completion it may free the state, or the engine.
  sink_.complete({id, status});
  if (refused) {
    for (const Piece& p : refused.mapped()) sink_.complete({p.id, why});
  }
}

bool Engine::cancel(JobId id) {
  // Waiting pieces first, so cancelling a stream's pieces newest-first never lets a later one
  // start in between.
  bool found = false;
  {
    std::lock_guard lock(streams_mutex_);
    for (auto& [state, waiting] : streams_) {
      auto it = std::find_if(waiting.begin(), waiting.end(), [id](const Piece& p) { return p.id == id; });
      if (it != waiting.end()) {
        waiting.erase(it);
        found = true;
        break;
      }
    }
  }
  if (found) {
    sink_.complete({id, {ErrorCode::aborted, "cancelled before it started"}});
    return true;
  }
  return pool_.cancel(id);
}

JobId Engine::submit_shared_hash(int kernel, const HashParams& params, const SharedSource& source,
                                 std::uint8_t* out, JobControl* control) {
  const Kernel& k = kernel_at(kernel);
  check_params(k, params);
  HostKernels* host = host_kernels();
  if (host == nullptr) throw Error(ErrorCode::invalid_arg, "no host kernels reach bytes outside the heap here");
  if (params.key_length > 0 || params.seed != 0 || params.has_context) {
    throw Error(ErrorCode::invalid_arg, "a shared source is hashed without key, seed or context");
  }
  HashParams plain;
  plain.output_length = params.output_length;
  return expecting([&] {
    return pool_.submit(
        [host, kernel, &k, plain, source, out, control] {
          const StopToken stop(control);
          stop.throw_if_stopped("hash");
          const SharedOutcome outcome = host->hash_shared(kernel, k, plain, source, out, plain.output_length, stop);
          if (outcome != SharedOutcome::hashed) stop.report(static_cast<std::int32_t>(outcome));
        },
        report());
  });
}

JobId Engine::submit_shared_upkeep(unsigned worker, std::uint64_t channel) {
  HostKernels* host = host_kernels();
  if (host == nullptr) throw Error(ErrorCode::invalid_arg, "no host kernels here");
  if (pool_.is_inline() || worker >= pool_.size()) throw Error(ErrorCode::invalid_arg, "no such pool thread");
  return expecting([&] {
    return pool_.submit_to(worker, pool_.reserve_id(), [host, channel] { host->tend_shared(channel); }, report(),
                           /*counted=*/false);
  });
}

ThreadPool::Done Engine::report() {
  return [this](JobId id, const Status& status) { sink_.complete({id, status}); };
}

FanOut Engine::fan_out() {
  return [this](std::size_t count, const std::function<void(std::size_t)>& body) {
    pool_.parallel_for(count, body);
  };
}

JobId Engine::submit_batch(int kernel, const HashParams& params, const std::uint8_t* data,
                           const std::uint32_t* offsets, std::size_t count, std::uint8_t* out,
                           JobControl* control) {
  const Kernel& k = kernel_at(kernel);
  check_params(k, params);
  const std::size_t digest = params.output_length;
  checked_mul(count, digest, "batch digests");
  // The job outlives the caller's key and context buffers (JS wipes and frees them once this
  // returns): keep copies, and point the params at them.
  auto key = secret_copy(params.key, params.key_length);
  auto context = secret_copy(params.context, params.context_length);
  // A few pieces per thread, so a thread that started late or got slow messages doesn't leave
  // the others idle at the end; each piece reuses one state for all its messages.
  const std::size_t pieces = std::min<std::size_t>(count, 4 * std::size_t{pool_.size()});
  return expecting([&] {
    return pool_.submit(
        [=, this, &k] {
          HashParams piece_params = params;
          piece_params.key = key->data();
          piece_params.context = context->data();
          const StopToken stop(control);
          pool_.parallel_for(pieces, [=, &k, &stop](std::size_t p) {
            // Short messages stay on the portable kernel: a host state costs a few microseconds
            // per message in calls into JavaScript (create, update, digest), more than the
            // portable kernel takes for a whole message below kHostBatchBytes. A host state is
            // used on this thread alone, finished per message.
            auto state = k.create(piece_params);
            std::unique_ptr<HashState> host;
            // Looks at the stop cell every ~64 KiB of input.
            std::size_t since_poll = 0;
            for (std::size_t i = count * p / pieces, end = count * (p + 1) / pieces; i < end; ++i) {
              if (since_poll >= (std::size_t{64} << 10)) {
                stop.throw_if_stopped("hashMany");
                since_poll = 0;
              }
              const std::size_t len = offsets[i + 1] - offsets[i];
              HashState* use = state.get();
              if (len >= kHostBatchBytes) {
                if (!host) host = create_state(kernel, piece_params);
                use = host.get();
              }
              use->update(data + offsets[i], len);
              use->finish(out + i * digest, digest);
              use->reset();
              since_poll += len + 64;
            }
          });
          stop.throw_if_stopped("hashMany");
        },
        report());
  });
}

void Engine::check_derive(int kdf, const KdfRequest& request) { kdf_at(kdf).check(request); }

std::uint64_t Engine::derive_memory_bytes(int kdf, const KdfRequest& request) const {
  return kdf_at(kdf).memory_bytes(request, pool_.size());
}

JobId Engine::submit_derive(int kdf, const KdfRequest& request, std::uint8_t* out, JobControl* control) {
  const Kdf& k = kdf_at(kdf);
  k.check(request);
  return expecting([&] {
    return pool_.submit(
        [this, &k, request, out, control] {
          KdfRun run;
          run.fan_out = fan_out();
          run.threads = pool_.size();
          run.stop = StopToken(control);
          run.progress = [this, &run](std::uint32_t done) {
            run.stop.report(static_cast<std::int32_t>(done));
            sink_.notify();
          };
          k.derive(request, out, run);
        },
        report());
  });
}

}  // namespace parahash
