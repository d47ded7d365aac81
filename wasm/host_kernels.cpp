// node:crypto's hashes as host kernels (src/engine/host_kernels.hpp), for the Node build only
// (wasm.cmake links this file into dist/parahash.js, never into the browser modules). Each
// state drives a Hash object of wasm/host_crypto.post.js's table, in the isolate of the thread
// that fed it first; the engine pins its later pieces there (HashState::home_thread).
//
// Which kernels go this way is the JS layer's choice, by measurement (js/engine/host-choice.js):
// setHostKernel() turns one on. A kernel runs here only with the parameters node:crypto has for
// it: the default length (any length for an XOF), no key, no seed, no context. HMAC is built on
// two host Hash states, not on createHmac, because node:crypto's Hmac has no copy() and
// createHmac().copy() must work.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "engine/host_kernels.hpp"
#include "kernels/hmac.hpp"
#include "kernels/registry.hpp"
#include "pool/thread_pool.hpp"
#include "support/bytes.hpp"
#include "support/status.hpp"

// clang-format off
EM_JS(int, parahash_host_open, (const char* name, int out_len), {
  return parahashHost === null ? 0 : parahashHost.open(UTF8ToString(name), out_len, false, 0, 0);
});
EM_JS(int, parahash_host_update, (int id, const std::uint8_t* data, std::size_t len), {
  return parahashHost.update(id, data, len);
});
EM_JS(int, parahash_host_digest, (int id, std::uint8_t* out, std::size_t len, int xof), {
  return parahashHost.digest(id, out, len, xof !== 0);
});
EM_JS(int, parahash_host_copy, (int id), { return parahashHost.copy(id); });
EM_JS(void, parahash_host_drop, (int id), { parahashHost.drop(id); });
EM_JS(int, parahash_host_pbkdf2, (const char* name, const std::uint8_t* password, std::size_t password_length,
                                   const std::uint8_t* salt, std::size_t salt_length, std::uint32_t iterations,
                                   std::uint8_t* out, std::size_t out_len), {
  return parahashHost === null ? 0 : parahashHost.pbkdf2(UTF8ToString(name), password, password_length, salt,
                                                          salt_length, iterations, out, out_len);
});
EM_JS(int, parahash_host_update_shared, (int id, double channel, double buffer, double offset, double len), {
  return parahashHost.updateShared(id, channel, buffer, offset, len);
});
EM_JS(void, parahash_host_tend_shared, (double channel), { parahashHost.tendShared(channel); });
EM_JS(int, parahash_host_has, (const char* name), {
  return parahashHost !== null && parahashHost.has(UTF8ToString(name)) ? 1 : 0;
});
// clang-format on

namespace parahash::wasm {
namespace {

// Handles whose state was destroyed on another thread than theirs (the JS main thread frees a
// stream it no longer needs): each thread drops its own at its next host call. Until then a
// dropped Hash object costs its isolate a few hundred bytes.
class Graveyard {
 public:
  void bury(std::thread::id owner, int handle) {
    std::lock_guard lock(mutex_);
    try {
      dead_.emplace_back(owner, handle);
      count_.fetch_add(1, std::memory_order_release);
    } catch (...) {
      // No memory to remember it: the object stays in its isolate's table until the pool ends.
    }
  }

  void drop_mine() {
    if (count_.load(std::memory_order_acquire) == 0) return;
    const std::thread::id me = std::this_thread::get_id();
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < dead_.size();) {
      if (dead_[i].first == me) {
        parahash_host_drop(dead_[i].second);
        dead_[i] = dead_.back();
        dead_.pop_back();
        count_.fetch_sub(1, std::memory_order_release);
      } else {
        ++i;
      }
    }
  }

 private:
  std::mutex mutex_;
  std::vector<std::pair<std::thread::id, int>> dead_;
  std::atomic<std::size_t> count_{0};
};

// node:crypto Hash objects opened, for the tests: the digests alone cannot tell whether the
// pool's threads really ran the host.
std::atomic<std::uint64_t> opened{0};
// Shared-source hashes node:crypto finished (hash_shared), for the same reason.
std::atomic<std::uint64_t> shared_hashes{0};
// PBKDF2 derivations node:crypto ran, for the same reason.
std::atomic<std::uint64_t> derivations{0};

Graveyard& graveyard() {
  static Graveyard instance;
  return instance;
}

[[noreturn]] void host_failed(const Kernel& k, const char* what) {
  throw Error(ErrorCode::internal, "node:crypto's " + std::string(k.name) + " " + what);
}

// One running node:crypto Hash. The object is made where the state is first fed on a pool
// thread, and lives in that thread's isolate until finish() or reset(). What is fed before that
// on another thread is kept here and replayed then: HMAC (make_hmac) feeds its key block where
// the state is created, on the JS main thread, and the pieces follow on a pool thread.
class NodeCryptoState final : public HashState {
 public:
  NodeCryptoState(const Kernel& kernel, int out_len) : kernel_(kernel), out_len_(out_len) {}
  NodeCryptoState(const NodeCryptoState&) = delete;

  ~NodeCryptoState() override {
    release();
    secure_zero(prefix_.data(), prefix_.size());
  }

  void update(const std::uint8_t* data, std::size_t len) override {
    if (handle_ == 0 && ThreadPool::current_worker() < 0) {
      prefix_.insert(prefix_.end(), data, data + len);
      return;
    }
    open();
    if (parahash_host_update(handle_, data, len) != 1) host_failed(kernel_, "refused an update");
  }

  void finish(std::uint8_t* out, std::size_t out_len) override {
    open();
    const int handle = std::exchange(handle_, 0);
    home_ = -1;
    if (parahash_host_digest(handle, out, out_len, kernel_.kind == KernelKind::xof ? 1 : 0) != 1) {
      host_failed(kernel_, "gave no digest");
    }
  }

  void reset() override {
    release();
    secure_zero(prefix_.data(), prefix_.size());
    prefix_.clear();
  }

  // On the state's own thread (the engine queues it there: Engine::submit_clone), or anywhere
  // while it holds no object yet.
  std::unique_ptr<HashState> clone() const override {
    auto copy = std::make_unique<NodeCryptoState>(kernel_, out_len_);
    copy->prefix_ = prefix_;
    if (handle_ == 0) return copy;
    if (owner_ != std::this_thread::get_id()) host_failed(kernel_, "state was copied off its thread");
    copy->handle_ = parahash_host_copy(handle_);
    if (copy->handle_ == 0) host_failed(kernel_, "refused a copy");
    copy->owner_ = owner_;
    copy->home_ = home_;
    return copy;
  }

  int home_thread() const noexcept override { return home_; }

 private:
  void open() {
    graveyard().drop_mine();
    if (handle_ != 0) {
      if (owner_ != std::this_thread::get_id()) host_failed(kernel_, "state was fed off its thread");
      return;
    }
    // Names in kernels.def are string literals: data() ends with a NUL.
    handle_ = parahash_host_open(kernel_.name.data(), out_len_);
    if (handle_ == 0) host_failed(kernel_, "could not be created");
    opened.fetch_add(1, std::memory_order_relaxed);
    owner_ = std::this_thread::get_id();
    home_ = ThreadPool::current_worker();
    if (!prefix_.empty()) {
      const bool fed = parahash_host_update(handle_, prefix_.data(), prefix_.size()) == 1;
      secure_zero(prefix_.data(), prefix_.size());
      prefix_.clear();
      if (!fed) host_failed(kernel_, "refused an update");
    }
  }

  void release() noexcept {
    if (handle_ == 0) return;
    if (owner_ == std::this_thread::get_id()) {
      parahash_host_drop(handle_);
    } else {
      graveyard().bury(owner_, handle_);
    }
    handle_ = 0;
    home_ = -1;
  }

  const Kernel& kernel_;
  const int out_len_;  // an XOF's outputLength, or -1: the algorithm's own length
  int handle_ = 0;     // in owner_'s table; 0: none yet
  std::thread::id owner_;
  int home_ = -1;  // owner_'s pool worker number, or -1 (not a pool thread, or no object)
  std::vector<std::uint8_t> prefix_;  // fed off the pool before the object existed
};

// kernels.def rows are names node:crypto spells the same way (its getHashes()).
class NodeCryptoKernels final : public HostKernels {
 public:
  static constexpr std::size_t kMaxKernels = 64;

  NodeCryptoKernels() { static_assert(kMaxKernels >= 32, "room for every kernels.def row"); }

  std::unique_ptr<HashState> create(int index, const Kernel& k, const HashParams& p) override {
    if (!enabled(index) || p.key_length > 0 || p.has_context || p.seed != 0) return nullptr;
    if (k.kind == KernelKind::xof) return std::make_unique<NodeCryptoState>(k, static_cast<int>(p.output_length));
    if (p.output_length != k.digest_size) return nullptr;
    return std::make_unique<NodeCryptoState>(k, -1);
  }

  std::unique_ptr<HashState> create_hmac(int index, const Kernel& k, const std::uint8_t* key,
                                         std::size_t key_len) override {
    if (!enabled(index)) return nullptr;
    return make_hmac(k, [&k] { return std::make_unique<NodeCryptoState>(k, -1); }, key, key_len);
  }

  // PBKDF2 by measurement, per kernel: node:crypto's figure comes from a short calibration run
  // and then from each derivation it makes; the portable kernel's from the derivations it makes,
  // the first one included. From then on the faster by kMargin runs, with the other measured
  // again every kRemeasure derivations (a portable figure taken before V8 optimised the code is
  // too slow, and the machine's load changes).
  // A derivation goes to node:crypto only when its figure predicts it within kBoundSeconds: its
  // one call cannot be stopped, and an abort must stop a derivation within 200 ms.
  bool pbkdf2(int index, const Kernel& k, const std::uint8_t* password, std::size_t password_length,
              const std::uint8_t* salt, std::size_t salt_length, std::uint32_t iterations, std::uint8_t* out,
              std::size_t out_len) override {
    if (!enabled(index) || password_length > 0x7fffffff || salt_length > 0x7fffffff || out_len > 0x7fffffff) return false;
    Pbkdf2Figures& figures = pbkdf2_[static_cast<std::size_t>(index)];
    const double work = static_cast<double>((out_len + k.digest_size - 1) / k.digest_size) * iterations;
    if (figures.host.load(std::memory_order_relaxed) == 0) calibrate(k, figures);
    const double host = figures.host.load(std::memory_order_relaxed);
    const double portable = figures.portable.load(std::memory_order_relaxed);
    const bool remeasure = figures.runs.fetch_add(1, std::memory_order_relaxed) % kRemeasure == kRemeasure - 1;
    const bool host_first = !measured_.load(std::memory_order_relaxed) ||
                            (portable != 0 && (host * kMargin < portable) != remeasure);
    if (!host_first || host == 0 || work * host > kBoundSeconds) return false;
    const double started = emscripten_get_now();
    if (parahash_host_pbkdf2(std::string(k.name).c_str(), password, password_length, salt, salt_length, iterations,
                             out, out_len) != 1) {
      return false;
    }
    record(figures.host, work, (emscripten_get_now() - started) / 1e3);
    derivations.fetch_add(1, std::memory_order_relaxed);
    return true;
  }

  // A caller's SharedArrayBuffer, read where it lies by a Hash object that lives for this call
  // only (so no affinity: any thread takes the job). A slice at a time, with a safe point between
  // slices: an abort lands within one slice, and jobs pinned to this thread run meanwhile
  // (1 MiB: 0.6 ms of SHA-256 here, 2.5 ms of SHA3-256, the slowest the host runs).
  SharedOutcome hash_shared(int index, const Kernel& k, const HashParams& p, const SharedSource& source,
                            std::uint8_t* out, std::size_t out_len, const StopToken& stop) override {
    if (!enabled(index) || out_len > 0x7fffffff) return SharedOutcome::declined;
    const bool xof = k.kind == KernelKind::xof;
    if (!xof && p.output_length != k.digest_size) return SharedOutcome::declined;
    graveyard().drop_mine();
    struct Handle {
      int id;
      ~Handle() {
        if (id != 0) parahash_host_drop(id);
      }
    } handle{parahash_host_open(k.name.data(), xof ? static_cast<int>(out_len) : -1)};
    if (handle.id == 0) host_failed(k, "could not be created");
    for (std::uint64_t done = 0; done < source.length;) {
      stop.throw_if_stopped("hash");
      const std::uint64_t n = std::min<std::uint64_t>(kSharedSlice, source.length - done);
      const int fed = parahash_host_update_shared(handle.id, static_cast<double>(source.channel),
                                                  static_cast<double>(source.buffer),
                                                  static_cast<double>(source.offset + done), static_cast<double>(n));
      if (fed < 0) return SharedOutcome::missing;  // this thread has no such buffer (or a shorter one)
      if (fed != 1) host_failed(k, "refused an update");
      done += n;
    }
    // digest() forgets the handle whatever it returns.
    if (parahash_host_digest(std::exchange(handle.id, 0), out, out_len, xof ? 1 : 0) != 1) {
      host_failed(k, "gave no digest");
    }
    shared_hashes.fetch_add(1, std::memory_order_relaxed);
    return SharedOutcome::hashed;
  }

  void tend_shared(std::uint64_t channel) override { parahash_host_tend_shared(static_cast<double>(channel)); }

  // false: node:crypto for every derivation within the bound, faster or not (the tests' mode).
  void measure_pbkdf2(bool on) { measured_.store(on, std::memory_order_relaxed); }

  void ran_portable_pbkdf2(int index, double work, double seconds) override {
    if (index >= 0 && static_cast<std::size_t>(index) < kMaxKernels) {
      record(pbkdf2_[static_cast<std::size_t>(index)].portable, work, seconds);
    }
  }

  // @return whether kernel `index` now runs here: it must be a cryptographic hash or XOF of at
  // most 2^31 - 1 bytes of output (an int crosses to JS) that node:crypto has.
  bool enable(int index, bool on) {
    const auto kernels = all_kernels();
    if (index < 0 || static_cast<std::size_t>(index) >= std::min(kernels.size(), kMaxKernels)) return false;
    const Kernel& k = kernels[static_cast<std::size_t>(index)];
    const bool can = k.kind != KernelKind::checksum && k.max_output <= 0x7fffffff &&
                     parahash_host_has(std::string(k.name).c_str()) == 1;
    on_[static_cast<std::size_t>(index)].store(on && can, std::memory_order_release);
    return on && can;
  }

 private:
  bool enabled(int index) const noexcept {
    return index >= 0 && static_cast<std::size_t>(index) < kMaxKernels &&
           on_[static_cast<std::size_t>(index)].load(std::memory_order_acquire);
  }

  // Seconds per HMAC iteration of one output block, each backend's (0: not measured yet).
  struct Pbkdf2Figures {
    std::atomic<double> host{0};
    std::atomic<double> portable{0};
    std::atomic<std::uint32_t> runs{0};
  };
  static constexpr std::uint64_t kSharedSlice = 1024 * 1024;
  static constexpr double kBoundSeconds = 0.15;  // 50 ms of the 200 ms promise left to spare
  static constexpr double kCalibration = 4096;   // iterations: ~1 ms of SHA-256 (and ≥ record()'s floor)
  static constexpr double kMargin = 1.1;         // as js/engine/host-choice.js's
  static constexpr std::uint32_t kRemeasure = 16;

  // node:crypto's figure for `k`: the time of kCalibration iterations of a throwaway derivation
  // less that of one (each call also pays for the HMAC keys and the first call in a thread for
  // loading the algorithm: counted per iteration, they made a 4,096-iteration figure a third
  // too slow).
  static void calibrate(const Kernel& k, Pbkdf2Figures& figures) {
    static constexpr std::uint8_t kInput[] = {'c', 'a', 'l', 'i', 'b', 'r', 'a', 't', 'e'};
    std::vector<std::uint8_t> out(k.digest_size);
    const auto seconds = [&](double iterations) {
      const double started = emscripten_get_now();
      const bool ok = parahash_host_pbkdf2(std::string(k.name).c_str(), kInput, sizeof kInput, kInput, sizeof kInput,
                                           static_cast<std::uint32_t>(iterations), out.data(), out.size()) == 1;
      return ok ? (emscripten_get_now() - started) / 1e3 : -1.0;
    };
    if (seconds(1) < 0) return;
    const double one = seconds(1);
    const double many = seconds(kCalibration);
    if (one >= 0 && many > one) record(figures.host, kCalibration - 1, many - one);
  }

  // Folds one derivation's figure into `figure`; those too short to time say nothing.
  static void record(std::atomic<double>& figure, double work, double seconds) {
    if (work < 1024 || seconds <= 0) return;
    const double now = seconds / work;
    const double before = figure.load(std::memory_order_relaxed);
    figure.store(before == 0 ? now : 0.5 * before + 0.5 * now, std::memory_order_relaxed);
  }

  std::array<std::atomic<bool>, kMaxKernels> on_{};
  std::array<Pbkdf2Figures, kMaxKernels> pbkdf2_{};
  std::atomic<bool> measured_{true};
};

NodeCryptoKernels& node_crypto_kernels() {
  static NodeCryptoKernels instance;
  return instance;
}

// Turns the host kernel for kernel number `index` on or off. @return whether it is on now
// (false when node:crypto lacks the algorithm). The flags are atomic: the choice may change
// while the pool runs (js/engine/host-choice.js measures in the background); each state keeps
// the backend it was made with.
bool set_host_kernel(int index, bool on) {
  NodeCryptoKernels& host = node_crypto_kernels();
  const bool now = host.enable(index, on);
  set_host_kernels(&host);
  return now;
}

}  // namespace
}  // namespace parahash::wasm

EMSCRIPTEN_BINDINGS(parahash_host_kernels) {
  emscripten::function("setHostKernel", &parahash::wasm::set_host_kernel);
  emscripten::function("hostStatesOpened", +[] { return static_cast<double>(parahash::wasm::opened.load()); });
  emscripten::function("setHostPbkdf2Measured", +[](bool on) { parahash::wasm::node_crypto_kernels().measure_pbkdf2(on); });
  emscripten::function("hostSharedHashes", +[] { return static_cast<double>(parahash::wasm::shared_hashes.load()); });
  // Registers the host kernels with none of them on yet, so that shared-source channels can be
  // opened on the threads before the first kernel is chosen.
  emscripten::function("enableSharedSources", +[] {
    parahash::set_host_kernels(&parahash::wasm::node_crypto_kernels());
    return true;
  });
  emscripten::function("hostDerivations", +[] { return static_cast<double>(parahash::wasm::derivations.load()); });
}
