// The whole Embind surface: one generic engine object. Nothing here names an algorithm: hashes
// come by kernel number (kernels.def), key derivations by KDF number (kdfs.def).
//
// Pointers cross as uintptr_t numbers into the shared heap (JS allocates and copies). Lengths
// and counts cross as doubles and are checked here against size_t before anything uses them
// (Embind would silently wrap a number above 2^32). No C++ exception may escape into JS, where
// it would arrive as a bare number: every entry point that can fail catches, and a failed
// submit returns the negated ErrorCode, with the message kept for lastError().
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <malloc.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <string>

#include "completion_ring.hpp"
#include "engine/engine.hpp"
#include "engine/inline_hasher.hpp"
#include "kdf/kdf.hpp"
#include "kernels/registry.hpp"
#include "support/work_memory.hpp"

namespace parahash::wasm {
namespace {

using emscripten::val;

// js/engine/job-control.js lays out the same two cells; a change here must change it too.
static_assert(sizeof(JobControl) == 8 && offsetof(JobControl, stop) == 0 && offsetof(JobControl, progress) == 4,
              "js/engine/job-control.js assumes JobControl is { int32 stop; int32 progress; }");

// A JS number that must be a whole count in [0, limit]. @throws Error(invalid_arg).
std::uint64_t whole(double value, double limit, const char* what) {
  if (!(value >= 0 && value <= limit) || std::floor(value) != value) {
    throw Error(ErrorCode::invalid_arg, std::string(what) + " is not a whole number in range");
  }
  return static_cast<std::uint64_t>(value);
}

std::size_t length(double value, const char* what) {
  return static_cast<std::size_t>(whole(value, static_cast<double>(SIZE_MAX), what));
}

constexpr double kMaxSafe = 9007199254740991.0;  // 2^53 - 1

template <class T>
T* at(std::uintptr_t address) {
  return reinterpret_cast<T*>(address);
}

class WasmEngine {
 public:
  explicit WasmEngine(unsigned threads) : engine_(threads, ring_) {}

  std::uintptr_t seq_address() const { return ring_.seq_address(); }
  unsigned started_threads() const { return static_cast<unsigned>(engine_.stats().started); }
  // The build without threads: runs queued jobs on this thread for up to `micros`.
  // @return how many are still queued.
  double run_queued(double micros) {
    return static_cast<double>(engine_.run_queued(std::chrono::microseconds(static_cast<long long>(micros))));
  }

  // The code and message of the last failed call on this (the main) thread.
  val last_error() const {
    val out = val::object();
    out.set("code", std::string(error_code_name(last_.code)));
    out.set("message", std::string(last_.message()));
    return out;
  }

  // @return a HashState* (> 0), or the negated ErrorCode. The key is read during this call only.
  double create_state(int kernel, double out_len, int secret_kind, std::uintptr_t secret, double secret_len,
                      unsigned seed_lo, unsigned seed_hi) {
    return attempt([&] {
      return address(Engine::create_state(kernel, params(out_len, secret_kind, secret, secret_len, seed_lo, seed_hi)));
    });
  }

  // @return an HMAC HashState* (> 0), or the negated ErrorCode.
  double create_hmac_state(int kernel, std::uintptr_t key, double key_len) {
    return attempt([&] { return address(Engine::create_hmac_state(kernel, at<const std::uint8_t>(key), length(key_len, "key length"))); });
  }

  void destroy_state(std::uintptr_t state) { delete at<HashState>(state); }

  // A copy of a state (createHash().copy()). @return a HashState* (> 0), or the negated ErrorCode.
  double clone_state(std::uintptr_t state) {
    return attempt([&] { return address(at<const HashState>(state)->clone()); });
  }

  // The pool thread a state is bound to (HashState::home_thread: a host kernel's, while it holds
  // input), or -1: such a state is copied by submitClone, on its thread.
  int home_thread(std::uintptr_t state) const { return at<const HashState>(state)->home_thread(); }

  // Queues a copy of `state`, made on its thread; the copy's address lands in the uint32 at
  // `copy`. @return the job id (> 0), or the negated ErrorCode.
  double submit_clone(std::uintptr_t state, std::uintptr_t copy) {
    return attempt([&] { return static_cast<double>(engine_.submit_clone(at<HashState>(state), at<std::uintptr_t>(copy))); });
  }

  // Hashes data[0 .. len) now, on the calling (JS main) thread, into out: for messages too short
  // to be worth a crossing. @return 0, or the negated ErrorCode.
  double hash_inline(int kernel, double out_len, int secret_kind, std::uintptr_t secret, double secret_len,
                     unsigned seed_lo, unsigned seed_hi, std::uintptr_t data, double len, std::uintptr_t out) {
    return attempt([&] {
      inline_.hash(kernel, params(out_len, secret_kind, secret, secret_len, seed_lo, seed_hi), at<const std::uint8_t>(data),
                   length(len, "input length"), at<std::uint8_t>(out));
      return 0.0;
    });
  }

  // HMAC of data[0 .. len) under key[0 .. key_len) now, on the calling thread. @return as hash_inline.
  double hmac_inline(int kernel, std::uintptr_t key, double key_len, std::uintptr_t data, double len, std::uintptr_t out) {
    return attempt([&] {
      inline_.hmac(kernel, at<const std::uint8_t>(key), length(key_len, "key length"), at<const std::uint8_t>(data),
                   length(len, "input length"), at<std::uint8_t>(out));
      return 0.0;
    });
  }

  // @return the job id (> 0), or the negated ErrorCode.
  double submit_hash(std::uintptr_t state, std::uintptr_t data, double len, std::uintptr_t out, double out_len,
                     std::uintptr_t control) {
    return attempt([&] {
      return static_cast<double>(engine_.submit_hash(at<HashState>(state), at<const std::uint8_t>(data),
                                                     length(len, "chunk length"), at<std::uint8_t>(out),
                                                     length(out_len, "digest length"), at<JobControl>(control)));
    });
  }

  // @return the job id (> 0), or the negated ErrorCode.
  double submit_batch(int kernel, double out_len, int secret_kind, std::uintptr_t secret, double secret_len,
                      unsigned seed_lo, unsigned seed_hi, std::uintptr_t data, std::uintptr_t offsets, double count,
                      std::uintptr_t out, std::uintptr_t control) {
    return attempt([&] {
      return static_cast<double>(engine_.submit_batch(
          kernel, params(out_len, secret_kind, secret, secret_len, seed_lo, seed_hi), at<const std::uint8_t>(data),
          at<const std::uint32_t>(offsets), length(count, "batch count"), at<std::uint8_t>(out), at<JobControl>(control)));
    });
  }

  // Hashes length bytes at `offset` of shared buffer number `buffer` of channel `channel` (a
  // caller's SharedArrayBuffer, which only a host kernel reaches: engine.hpp) into out.
  // @return the job id (> 0), or the negated ErrorCode.
  double submit_shared_hash(int kernel, double out_len, double channel, double buffer, double offset, double len,
                            std::uintptr_t out, std::uintptr_t control) {
    return attempt([&] {
      HashParams p;
      p.output_length = length(out_len, "digest length");
      const SharedSource source{whole(channel, kMaxSafe, "channel"), whole(buffer, kMaxSafe, "buffer number"),
                                whole(offset, kMaxSafe, "offset"), whole(len, kMaxSafe, "input length")};
      return static_cast<double>(engine_.submit_shared_hash(kernel, p, source, at<std::uint8_t>(out), at<JobControl>(control)));
    });
  }

  // @return the job id (> 0), or the negated ErrorCode.
  double submit_shared_upkeep(unsigned worker, double channel) {
    return attempt([&] { return static_cast<double>(engine_.submit_shared_upkeep(worker, whole(channel, kMaxSafe, "channel"))); });
  }

  // @return 0 when KDF number `kdf` accepts these parameters, else the negated ErrorCode.
  double check_derive(int kdf, double n0, double n1, double n2, double n3, double len0, double len1, double len2,
                      double len3, double out_len) {
    return attempt([&] {
      KdfRequest r = request(n0, n1, n2, n3, out_len);
      const double lengths[] = {len0, len1, len2, len3};
      for (std::size_t i = 0; i < KdfRequest::kInputs; ++i) r.inputs[i].length = length(lengths[i], "input length");
      Engine::check_derive(kdf, r);
      return 0.0;
    });
  }

  // Work memory a derivation allocates on this pool (what JS holds against its budget), or the
  // negated ErrorCode. @pre check_derive passed.
  double derive_memory_bytes(int kdf, double n0, double n1, double n2, double n3, double out_len) {
    return attempt([&] { return static_cast<double>(engine_.derive_memory_bytes(kdf, request(n0, n1, n2, n3, out_len))); });
  }

  // Queues one derivation. `inputs` points to KdfRequest::kInputs (address, length) pairs of
  // uint32 in the heap. @return the job id (> 0), or the negated ErrorCode.
  double submit_derive(int kdf, double n0, double n1, double n2, double n3, std::uintptr_t inputs, double out_len,
                       std::uintptr_t out, std::uintptr_t control) {
    return attempt([&] {
      KdfRequest r = request(n0, n1, n2, n3, out_len);
      const auto* table = at<const std::uint32_t>(inputs);
      for (std::size_t i = 0; i < KdfRequest::kInputs; ++i) {
        r.inputs[i] = {at<const std::uint8_t>(table[2 * i]), table[2 * i + 1]};
      }
      return static_cast<double>(engine_.submit_derive(kdf, r, at<std::uint8_t>(out), at<JobControl>(control)));
    });
  }

  bool cancel(double id) { return engine_.cancel(static_cast<JobId>(id)); }

  // Joins the threads. @pre every submitted job has completed (else this blocks until they do).
  void shutdown() { engine_.shutdown(); }

  // [{ id, code, message }] for at most `max` completions, code as the stable "ERR_PARAHASH_*"
  // string or "OK"; message may be empty (JS then says what the code means).
  val drain(unsigned max) {
    val out = val::array();
    try {
      unsigned i = 0;
      for (CompletionRing::Entry& c : ring_.drain(max)) {
        val entry = val::object();
        entry.set("id", static_cast<double>(c.id));
        entry.set("code", std::string(c.code == ErrorCode::ok ? "OK" : error_code_name(c.code)));
        entry.set("message", c.message);
        out.set(i++, entry);
      }
    } catch (...) {
      // Out of memory for the copies: what was not taken stays for the next drain.
    }
    return out;
  }

  val stats() const {
    PoolStats s = engine_.stats();
    val out = val::object();
    out.set("queued", static_cast<double>(s.queued));
    out.set("running", static_cast<double>(s.running));
    out.set("busyMicros", static_cast<double>(s.busy_micros));
    out.set("ageMicros", static_cast<double>(s.age_micros));
    out.set("jobs", static_cast<double>(s.completed + s.failed));
    out.set("waitTime", summary_ms(s.wait));
    out.set("runTime", summary_ms(s.run));
    return out;
  }

  // A histogram as piscina reports its own: count, mean and percentiles, in milliseconds.
  static val summary_ms(const LatencyHistogram& h) {
    val out = val::object();
    const auto ms = [](double micros) { return micros / 1000.0; };
    out.set("count", static_cast<double>(h.count()));
    out.set("mean", ms(h.mean()));
    out.set("p50", ms(static_cast<double>(h.quantile(0.5))));
    out.set("p90", ms(static_cast<double>(h.quantile(0.9))));
    out.set("p99", ms(static_cast<double>(h.quantile(0.99))));
    out.set("max", ms(static_cast<double>(h.max())));
    return out;
  }

  // A deliberate trap (or abort()) on a worker, so tests can prove a crashed engine is contained.
  double crash_worker_for_testing(bool use_abort) {
    return attempt([&] {
      ring_.expect();
      try {
        return static_cast<double>(engine_.pool().submit(
            [use_abort] {
              if (use_abort) std::abort();
              __builtin_trap();
            },
            [this](JobId id, const Status& s) { ring_.complete({id, s}); }));
      } catch (...) {
        ring_.unexpect();
        throw;
      }
    });
  }

 private:
  // Runs `fn`; a failure is kept for lastError() and returned as the negated ErrorCode.
  template <class Fn>
  double attempt(Fn&& fn) {
    double result = 0;
    Status status = capture_status([&] { result = fn(); });
    if (status.ok()) return result;
    last_ = status;
    return -static_cast<double>(status.code);
  }

  static double address(std::unique_ptr<HashState> state) {
    return static_cast<double>(reinterpret_cast<std::uintptr_t>(state.release()));
  }

  static KdfRequest request(double n0, double n1, double n2, double n3, double out_len) {
    KdfRequest r;
    const double numbers[] = {n0, n1, n2, n3};
    for (std::size_t i = 0; i < KdfRequest::kNumbers; ++i) r.numbers[i] = whole(numbers[i], kMaxSafe, "parameter");
    r.output_length = length(out_len, "output length");
    return r;
  }

  // A key and a derive-key context are exclusive, so one buffer carries either, and
  // secret_kind says which (0: none, 1: key, 2: context). Embind has no 64-bit integers without
  // BigInt support, so the seed crosses as two halves.
  static HashParams params(double out_len, int secret_kind, std::uintptr_t secret, double secret_len, unsigned seed_lo,
                           unsigned seed_hi) {
    HashParams p;
    p.output_length = length(out_len, "output length");
    const auto* bytes = at<const std::uint8_t>(secret);
    const std::size_t n = length(secret_len, "key length");
    if (secret_kind == 1) {
      p.key = bytes;
      p.key_length = n;
    } else if (secret_kind == 2) {
      p.context = bytes;
      p.context_length = n;
      p.has_context = true;
    }
    p.seed = (std::uint64_t{seed_hi} << 32) | seed_lo;
    return p;
  }

  CompletionRing ring_;  // declared first: the engine's threads report into it until joined
  Engine engine_;
  InlineHasher inline_;  // the JS main thread's own; never touched by a pool thread
  Status last_;
};

// [{ name, aliases: [...], digestSize, blockSize, ... }] in registry order; the index is the kernel id.
val kernel_table() {
  val out = val::array();
  unsigned i = 0;
  for (const Kernel& k : all_kernels()) {
    val row = val::object();
    row.set("name", std::string(k.name));
    val aliases = val::array();
    std::string_view rest = k.aliases;
    for (unsigned a = 0; !rest.empty(); ++a) {
      std::size_t bar = rest.find('|');
      aliases.set(a, std::string(rest.substr(0, bar)));
      rest = bar == std::string_view::npos ? std::string_view{} : rest.substr(bar + 1);
    }
    row.set("aliases", aliases);
    row.set("digestSize", static_cast<double>(k.digest_size));
    row.set("blockSize", static_cast<double>(k.block_size));
    row.set("kind", std::string(k.kind == KernelKind::hash ? "hash" : k.kind == KernelKind::xof ? "xof" : "checksum"));
    row.set("minOutput", static_cast<double>(k.min_output));
    row.set("maxOutput", static_cast<double>(k.max_output));
    row.set("minKey", static_cast<double>(k.min_key));
    row.set("maxKey", static_cast<double>(k.max_key));
    row.set("takesContext", k.takes_context);
    row.set("seedBits", static_cast<double>(k.seed_bits));
    out.set(i++, row);
  }
  return out;
}

// A range as JS reads it: { label, min, max } (max up to 2^53 − 1, exact as a double).
val kdf_range(std::string_view label, std::uint64_t min, std::uint64_t max) {
  val out = val::object();
  out.set("label", std::string(label));
  out.set("min", static_cast<double>(min));
  out.set("max", static_cast<double>(max));
  return out;
}

// Each row of kdfs.def, in order (the index is the KDF number), with the ranges JS checks a
// call against (js/args/checks.js checkKdfRequest): [{ name, numbers: [{ name, label, min, max }]
// (KdfRequest::numbers in order), output: { label, min, max }, inputs: [{ label, min, max }] }].
val kdf_table() {
  val out = val::array();
  unsigned i = 0;
  for (const Kdf& k : all_kdfs()) {
    val row = val::object();
    row.set("name", std::string(k.name));
    val numbers = val::array();
    unsigned n = 0;
    for (const KdfNumber& number : k.numbers) {
      if (number.name.empty()) continue;
      val entry = kdf_range(number.label, number.min, number.max);
      entry.set("name", std::string(number.name));
      numbers.set(n++, entry);
    }
    row.set("numbers", numbers);
    row.set("output", kdf_range(k.output.label, k.output.min, k.output.max));
    val inputs = val::array();
    unsigned m = 0;
    for (const KdfLength& input : k.inputs) {
      if (!input.label.empty()) inputs.set(m++, kdf_range(input.label, input.min, input.max));
    }
    row.set("inputs", inputs);
    out.set(i++, row);
  }
  return out;
}

int resolve_kernel(const std::string& name) { return kernel_index(name); }

// The allocator's view of the heap, for the soak's leak check: bytes in use by malloc (work
// memory regions count as in use there) and what WorkMemory holds and hands out.
val heap_stats() {
  const struct mallinfo info = mallinfo();
  const WorkMemory::Stats work = WorkMemory::shared().stats();
  val out = val::object();
  out.set("inUse", static_cast<double>(static_cast<unsigned>(info.uordblks)));
  out.set("free", static_cast<double>(static_cast<unsigned>(info.fordblks)));
  out.set("workRegions", static_cast<double>(work.regions));
  out.set("workHeld", static_cast<double>(work.held));
  out.set("workInUse", static_cast<double>(work.in_use));
  return out;
}

}  // namespace
}  // namespace parahash::wasm

EMSCRIPTEN_BINDINGS(parahash) {
  using namespace parahash::wasm;
  emscripten::function("kernelTable", &kernel_table);
  emscripten::function("kdfTable", &kdf_table);
  emscripten::function("resolveKernel", &resolve_kernel);
  emscripten::function("heapStats", &heap_stats);
  emscripten::class_<WasmEngine>("Engine")
      .constructor<unsigned>()
      .function("seqAddress", &WasmEngine::seq_address)
      .function("startedThreads", &WasmEngine::started_threads)
      .function("runQueued", &WasmEngine::run_queued)
      .function("lastError", &WasmEngine::last_error)
      .function("createState", &WasmEngine::create_state)
      .function("createHmacState", &WasmEngine::create_hmac_state)
      .function("destroyState", &WasmEngine::destroy_state)
      .function("cloneState", &WasmEngine::clone_state)
      .function("homeThread", &WasmEngine::home_thread)
      .function("submitClone", &WasmEngine::submit_clone)
      .function("hashInline", &WasmEngine::hash_inline)
      .function("hmacInline", &WasmEngine::hmac_inline)
      .function("submitHash", &WasmEngine::submit_hash)
      .function("submitBatch", &WasmEngine::submit_batch)
      .function("submitSharedHash", &WasmEngine::submit_shared_hash)
      .function("submitSharedUpkeep", &WasmEngine::submit_shared_upkeep)
      .function("checkDerive", &WasmEngine::check_derive)
      .function("deriveMemoryBytes", &WasmEngine::derive_memory_bytes)
      .function("submitDerive", &WasmEngine::submit_derive)
      .function("cancel", &WasmEngine::cancel)
      .function("shutdown", &WasmEngine::shutdown)
      .function("drain", &WasmEngine::drain)
      .function("stats", &WasmEngine::stats)
      .function("crashWorkerForTesting", &WasmEngine::crash_worker_for_testing);
}
