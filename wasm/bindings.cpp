// The whole Embind surface: one generic engine object. Nothing here names an algorithm.
//
// Pointers cross as uintptr_t numbers into the shared heap (JS allocates with _malloc and copies
// with HEAPU8.set). No C++ exception may escape into JS, where it would arrive as a bare number,
// so every entry point that can fail catches and returns a sentinel.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "completion_ring.hpp"
#include "engine/engine.hpp"
#include "kernels/registry.hpp"

namespace parahash::wasm {
namespace {

using emscripten::val;

class WasmEngine {
 public:
  explicit WasmEngine(unsigned threads) : engine_(threads, ring_) {}

  std::uintptr_t seq_address() const { return ring_.seq_address(); }
  unsigned started_threads() const { return static_cast<unsigned>(engine_.stats().started); }

  // @return a HashState*, or 0 when the kernel index or params are bad (JS validates both
  // first) or memory ran out. The key is read during this call only.
  std::uintptr_t create_state(int kernel, std::size_t out_len, int secret_kind, std::uintptr_t secret,
                              std::size_t secret_len, unsigned seed_lo, unsigned seed_hi) {
    try {
      return reinterpret_cast<std::uintptr_t>(
          Engine::create_state(kernel, params(out_len, secret_kind, secret, secret_len, seed_lo, seed_hi)).release());
    } catch (...) {
      return 0;
    }
  }

  // @return an HMAC HashState*, or 0 when the kernel index is bad, has no HMAC, or memory
  // ran out (JS checks the first two before calling).
  std::uintptr_t create_hmac_state(int kernel, std::uintptr_t key, std::size_t key_len) {
    try {
      return reinterpret_cast<std::uintptr_t>(
          Engine::create_hmac_state(kernel, reinterpret_cast<const std::uint8_t*>(key), key_len).release());
    } catch (...) {
      return 0;
    }
  }

  void destroy_state(std::uintptr_t state) { delete reinterpret_cast<HashState*>(state); }

  // @return the job id (> 0), or 0 when the pool no longer accepts work.
  double submit_hash(std::uintptr_t state, std::uintptr_t data, std::size_t len, std::uintptr_t out,
                     std::size_t out_len) {
    try {
      return static_cast<double>(engine_.submit_hash(
          reinterpret_cast<HashState*>(state), reinterpret_cast<const std::uint8_t*>(data), len,
          reinterpret_cast<std::uint8_t*>(out), out_len));
    } catch (...) {
      return 0;
    }
  }

  // @return the job id (> 0), or 0 when the pool no longer accepts work or the kernel is bad.
  double submit_batch(int kernel, std::size_t out_len, int secret_kind, std::uintptr_t secret,
                      std::size_t secret_len, unsigned seed_lo, unsigned seed_hi, std::uintptr_t data,
                      std::uintptr_t offsets, std::size_t count, std::uintptr_t out) {
    try {
      return static_cast<double>(engine_.submit_batch(
          kernel, params(out_len, secret_kind, secret, secret_len, seed_lo, seed_hi),
          reinterpret_cast<const std::uint8_t*>(data),
          reinterpret_cast<const std::uint32_t*>(offsets), count, reinterpret_cast<std::uint8_t*>(out)));
    } catch (...) {
      return 0;
    }
  }

  // One Argon2 hash (Engine::submit_argon2): type 0 d, 1 i, 2 id; control is two int32 cells
  // (passes done, stop requested). @return the job id (> 0), or 0 when the parameters are
  // outside RFC 9106's ranges (JS checks them first) or the pool no longer accepts work.
  double submit_argon2(unsigned type, unsigned memory_kib, unsigned passes, unsigned lanes, unsigned tag_length,
                       std::uintptr_t password, std::size_t password_len, std::uintptr_t salt, std::size_t salt_len,
                       std::uintptr_t secret, std::size_t secret_len, std::uintptr_t ad, std::size_t ad_len,
                       std::uintptr_t tag, std::uintptr_t control) {
    Argon2Params p;
    p.type = static_cast<Argon2Type>(type);
    p.memory_kib = memory_kib;
    p.passes = passes;
    p.lanes = lanes;
    p.tag_length = tag_length;
    p.password = reinterpret_cast<const std::uint8_t*>(password);
    p.password_length = password_len;
    p.salt = reinterpret_cast<const std::uint8_t*>(salt);
    p.salt_length = salt_len;
    p.secret = reinterpret_cast<const std::uint8_t*>(secret);
    p.secret_length = secret_len;
    p.associated_data = reinterpret_cast<const std::uint8_t*>(ad);
    p.associated_data_length = ad_len;
    try {
      return static_cast<double>(engine_.submit_argon2(p, reinterpret_cast<std::uint8_t*>(tag),
                                                       reinterpret_cast<std::int32_t*>(control)));
    } catch (...) {
      return 0;
    }
  }

  // One PBKDF2 derivation (Engine::submit_pbkdf2) with HMAC over kernel number `kernel`.
  // @return the job id (> 0), or 0 when the pool no longer accepts work.
  double submit_pbkdf2(int kernel, std::uintptr_t password, std::size_t password_len, std::uintptr_t salt,
                       std::size_t salt_len, unsigned iterations, std::size_t key_len, std::uintptr_t out) {
    Pbkdf2Params p;
    p.password = reinterpret_cast<const std::uint8_t*>(password);
    p.password_length = password_len;
    p.salt = reinterpret_cast<const std::uint8_t*>(salt);
    p.salt_length = salt_len;
    p.iterations = iterations;
    p.key_length = key_len;
    try {
      return static_cast<double>(engine_.submit_pbkdf2(kernel, p, reinterpret_cast<std::uint8_t*>(out)));
    } catch (...) {
      return 0;
    }
  }

  // One scrypt derivation (Engine::submit_scrypt). @return as submit_pbkdf2.
  double submit_scrypt(unsigned cost, unsigned block_size, unsigned parallelization, double maxmem,
                       std::uintptr_t password, std::size_t password_len, std::uintptr_t salt, std::size_t salt_len,
                       std::size_t key_len, std::uintptr_t out) {
    try {
      return static_cast<double>(engine_.submit_scrypt(
          scrypt_params(cost, block_size, parallelization, maxmem, password, password_len, salt, salt_len, key_len),
          reinterpret_cast<std::uint8_t*>(out)));
    } catch (...) {
      return 0;
    }
  }

  // Bytes a scrypt call with these parameters allocates on this pool (what JS holds against
  // its memory budget), or 0 when the parameters are invalid (the job then reports why).
  double scrypt_memory_bytes(unsigned cost, unsigned block_size, unsigned parallelization, double maxmem,
                             unsigned threads) const {
    const ScryptParams p = scrypt_params(cost, block_size, parallelization, maxmem, 0, 0, 0, 0, 0);
    try {
      check_scrypt_params(p);
    } catch (...) {
      return 0;
    }
    return static_cast<double>(parahash::scrypt_memory_bytes(p, threads));
  }

  bool cancel(double id) { return engine_.cancel(static_cast<JobId>(id)); }
  unsigned cancel_all() { return static_cast<unsigned>(engine_.cancel_all()); }

  // Joins the threads. @pre every submitted job has completed (else this blocks until they do).
  void shutdown() { engine_.shutdown(); }

  static ScryptParams scrypt_params(unsigned cost, unsigned block_size, unsigned parallelization, double maxmem,
                                    std::uintptr_t password, std::size_t password_len, std::uintptr_t salt,
                                    std::size_t salt_len, std::size_t key_len) {
    ScryptParams p;
    p.cost = cost;
    p.block_size = block_size;
    p.parallelization = parallelization;
    p.maxmem = static_cast<std::uint64_t>(maxmem);
    p.password = reinterpret_cast<const std::uint8_t*>(password);
    p.password_length = password_len;
    p.salt = reinterpret_cast<const std::uint8_t*>(salt);
    p.salt_length = salt_len;
    p.key_length = key_len;
    return p;
  }

  // [{ id, code, message }] for at most `max` completions, code as the stable "ERR_PARAHASH_*"
  // string or "OK".
  val drain(unsigned max) {
    val out = val::array();
    unsigned i = 0;
    for (Completion& c : ring_.drain(max)) {
      val entry = val::object();
      entry.set("id", static_cast<double>(c.id));
      entry.set("code", std::string(error_code_name(c.status.code)));
      entry.set("message", c.status.message);
      out.set(i++, entry);
    }
    return out;
  }

  val stats() const {
    PoolStats s = engine_.stats();
    val out = val::object();
    out.set("queued", static_cast<double>(s.queued));
    out.set("running", static_cast<double>(s.running));
    return out;
  }

  // A deliberate trap (or abort()) on a worker, so tests can prove a crashed engine is contained.
  double crash_worker_for_testing(bool use_abort) {
    try {
      return static_cast<double>(engine_.pool().submit(
          [use_abort] {
            if (use_abort) std::abort();
            __builtin_trap();
          },
          [this](JobId id, const Status& s) { ring_.complete({id, s}); }));
    } catch (...) {
      return 0;
    }
  }

 private:
  // A key and a derive-key context are exclusive, so one buffer carries either, and
  // secret_kind says which (0: none, 1: key, 2: context). Embind has no 64-bit integers without
  // BigInt support, so the seed crosses as two halves.
  static HashParams params(std::size_t out_len, int secret_kind, std::uintptr_t secret, std::size_t secret_len,
                           unsigned seed_lo, unsigned seed_hi) {
    HashParams p;
    p.output_length = out_len;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(secret);
    if (secret_kind == 1) {
      p.key = bytes;
      p.key_length = secret_len;
    } else if (secret_kind == 2) {
      p.context = bytes;
      p.context_length = secret_len;
      p.has_context = true;
    }
    p.seed = (std::uint64_t{seed_hi} << 32) | seed_lo;
    return p;
  }

  CompletionRing ring_;  // declared first: the engine's threads report into it until joined
  Engine engine_;
};

// [{ name, aliases: [...], digestSize, blockSize }] in registry order; the index is the kernel id.
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

int resolve_kernel(const std::string& name) { return kernel_index(name); }

}  // namespace
}  // namespace parahash::wasm

EMSCRIPTEN_BINDINGS(parahash) {
  using namespace parahash::wasm;
  emscripten::function("kernelTable", &kernel_table);
  emscripten::function("resolveKernel", &resolve_kernel);
  emscripten::class_<WasmEngine>("Engine")
      .constructor<unsigned>()
      .function("seqAddress", &WasmEngine::seq_address)
      .function("startedThreads", &WasmEngine::started_threads)
      .function("createState", &WasmEngine::create_state)
      .function("createHmacState", &WasmEngine::create_hmac_state)
      .function("destroyState", &WasmEngine::destroy_state)
      .function("submitHash", &WasmEngine::submit_hash)
      .function("submitBatch", &WasmEngine::submit_batch)
      .function("submitArgon2", &WasmEngine::submit_argon2)
      .function("submitPbkdf2", &WasmEngine::submit_pbkdf2)
      .function("submitScrypt", &WasmEngine::submit_scrypt)
      .function("scryptMemoryBytes", &WasmEngine::scrypt_memory_bytes)
      .function("cancel", &WasmEngine::cancel)
      .function("cancelAll", &WasmEngine::cancel_all)
      .function("shutdown", &WasmEngine::shutdown)
      .function("drain", &WasmEngine::drain)
      .function("stats", &WasmEngine::stats)
      .function("crashWorkerForTesting", &WasmEngine::crash_worker_for_testing);
}
