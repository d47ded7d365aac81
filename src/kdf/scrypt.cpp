// RFC 7914 section 6, with OpenSSL's (so node's) parameter checks.
#include "kdf/scrypt.hpp"
#include "kdf/kdf.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "kdf/pbkdf2.hpp"
#include "kdf/scrypt_core.hpp"
#include "kernels/registry.hpp"
#include "support/bytes.hpp"
#include "support/status.hpp"
#include "support/work_memory.hpp"

namespace parahash {
namespace {

constexpr std::uint64_t kMaxInt32 = 0x7fffffff;

std::uint64_t b_bytes(const ScryptParams& p) noexcept { return 128 * std::uint64_t{p.block_size} * p.parallelization; }

// One ROMix call's V, X and T; with N < 2^32 and r < 2^24 this is below 2^63.
std::uint64_t work_bytes(const ScryptParams& p) noexcept {
  return scrypt_core::work_words(p.block_size, p.cost) * sizeof(std::uint32_t);
}

void pbkdf2_sha256(const std::uint8_t* password, std::size_t password_length, const std::uint8_t* salt,
                   std::size_t salt_length, std::uint8_t* out, std::size_t out_len, const FanOut& fan_out) {
  static const Kernel& sha256 = *find_kernel("sha256");
  Pbkdf2Params p;
  p.digest = &sha256;
  p.password = password;
  p.password_length = password_length;
  p.salt = salt;
  p.salt_length = salt_length;
  p.iterations = 1;
  p.key_length = out_len;
  pbkdf2(p, out, fan_out);
}

void serial(std::size_t count, const std::function<void(std::size_t)>& body) {
  for (std::size_t i = 0; i < count; ++i) body(i);
}

// KdfRequest::numbers of the scrypt row, in kdfs.def's order.
enum : std::size_t { kN, kR, kP, kMaxmem };

// The request whose traits' scrypt_params gives back `p`.
KdfRequest scrypt_request(const ScryptParams& p) {
  KdfRequest r;
  r.numbers[kN] = p.cost;
  r.numbers[kR] = p.block_size;
  r.numbers[kP] = p.parallelization;
  r.numbers[kMaxmem] = p.maxmem;
  r.inputs[0] = {p.password, p.password_length};
  r.inputs[1] = {p.salt, p.salt_length};
  r.output_length = p.key_length;
  return r;
}

}  // namespace

void check_scrypt_params(const ScryptParams& p) { kdf_named("scrypt").check(scrypt_request(p)); }

std::uint32_t scrypt_concurrency(const ScryptParams& p, unsigned threads) noexcept {
  const std::uint64_t room = (p.maxmem - b_bytes(p)) / work_bytes(p);  // >= 1 once checked
  return static_cast<std::uint32_t>(
      std::max<std::uint64_t>(1, std::min<std::uint64_t>({room, p.parallelization, threads})));
}

std::uint64_t scrypt_memory_bytes(const ScryptParams& p, unsigned threads) noexcept {
  return b_bytes(p) + scrypt_concurrency(p, threads) * work_bytes(p);
}

void scrypt(const ScryptParams& p, std::uint8_t* out, const FanOut& fan_out, unsigned threads, const StopToken& stop) {
  check_scrypt_params(p);
  // As in node: OpenSSL checks the parameters, then derives nothing when no key is asked for.
  if (p.key_length == 0) return;
  const std::uint32_t lanes = scrypt_concurrency(p, threads);
  const auto out_of_memory = [&] {
    throw Error(ErrorCode::out_of_memory,
                "scrypt: could not allocate " + std::to_string(scrypt_memory_bytes(p, threads)) + " bytes");
  };
  // On wasm32, size_t is 32 bits: a V that passes maxmem may still be beyond any address.
  if (scrypt_memory_bytes(p, threads) > std::numeric_limits<std::size_t>::max()) out_of_memory();
  const std::size_t block_bytes = 128 * std::size_t{p.block_size};
  const std::size_t b_len = static_cast<std::size_t>(b_bytes(p));
  const std::size_t work_len = static_cast<std::size_t>(work_bytes(p));

  // Everything is derived from the password: wiped however the call ends, but only as far as
  // each V was written (wiping untouched memory would fault in every page of it).
  struct Memory {
    WorkBuffer b;
    std::vector<WorkBuffer> work;
    std::vector<std::size_t> written;  // words, per lane
    ~Memory() {
      if (b) secure_zero(b.data(), b.size());
      for (std::size_t i = 0; i < work.size(); ++i) {
        if (work[i]) secure_zero(work[i].data(), std::min(work[i].size(), written[i] * sizeof(std::uint32_t)));
      }
    }
  } memory;
  memory.b = WorkBuffer(b_len);
  if (!memory.b) out_of_memory();
  memory.work.reserve(lanes);
  memory.written.assign(lanes, 0);
  for (std::uint32_t lane = 0; lane < lanes; ++lane) {
    memory.work.emplace_back(work_len);
    if (!memory.work.back()) out_of_memory();
  }
  auto* b = static_cast<std::uint8_t*>(memory.b.data());

  pbkdf2_sha256(p.password, p.password_length, p.salt, p.salt_length, b, b_len, serial);
  // Lane w takes blocks w, w + lanes, …: every lane keeps one V for all its blocks.
  fan_out(lanes, [&](std::size_t lane) {
    auto* work = static_cast<std::uint32_t*>(memory.work[lane].data());
    for (std::size_t i = lane; i < p.parallelization; i += lanes) {
      std::size_t written = 0;
      struct Keep {  // however ro_mix ends
        std::size_t& into;
        const std::size_t& from;
        ~Keep() { into = std::max(into, from); }
      } keep{memory.written[lane], written};
      scrypt_core::ro_mix(b + i * block_bytes, p.block_size, p.cost, work, stop, &written);
    }
  });
  stop.throw_if_stopped("scrypt");
  pbkdf2_sha256(p.password, p.password_length, b, b_len, out, p.key_length, fan_out);
}

}  // namespace parahash

// --- Traits for the generic derive job (kdf.hpp, kdfs.def) ---
namespace parahash {
namespace {

ScryptParams scrypt_params(const KdfRequest& r) {
  ScryptParams p;
  p.cost = kdf_number<std::uint32_t>(r, kN);
  p.block_size = kdf_number<std::uint32_t>(r, kR);
  p.parallelization = kdf_number<std::uint32_t>(r, kP);
  p.maxmem = r.numbers[kMaxmem];
  p.password = r.inputs[0].data;
  p.password_length = r.inputs[0].length;
  p.salt = r.inputs[1].data;
  p.salt_length = r.inputs[1].length;
  p.key_length = r.output_length;
  return p;
}

}  // namespace

// OpenSSL's checks between N, r, p and maxmem (what node refuses with
// ERR_CRYPTO_INVALID_SCRYPT_PARAMS), in the order of OpenSSL 3's scrypt_alg
// (providers/implementations/kdfs/scrypt.c). Each number's own range is the row's, checked
// first: N ≥ 2, r ≥ 1, p ≥ 1.
void scrypt_relations(const Kdf& kdf, const KdfRequest& r) {
  const std::uint64_t n = r.numbers[kN], block = r.numbers[kR], par = r.numbers[kP];
  const auto label = [&](std::size_t i) { return kdf.numbers[i].label; };
  const auto refuse = [&](std::size_t i, const std::string& rule) {
    return kdf_refusal(label(i), rule, std::to_string(r.numbers[i]));
  };
  if ((n & (n - 1)) != 0) throw refuse(kN, "a power of 2");
  if (par > ((std::uint64_t{1} << 30) - 1) / block) {
    throw refuse(kP, "at most " + std::to_string(((std::uint64_t{1} << 30) - 1) / block) + " (r·p < 2^30)");
  }
  if (16 * block <= 63 && n >= (std::uint64_t{1} << (16 * block))) {
    throw refuse(kN, "below 2^" + std::to_string(16 * block) + " (2^(16·r))");
  }
  const ScryptParams p = scrypt_params(r);
  if (b_bytes(p) > kMaxInt32) throw refuse(kP, "at most " + std::to_string(kMaxInt32 / (128 * block)) + " (128·r·p < 2^31)");
  const std::uint64_t needed = b_bytes(p) + work_bytes(p);
  if (needed > p.maxmem) throw refuse(kMaxmem, "at least " + std::to_string(needed) + " (128·r·(N+p+2))");
}

std::uint64_t scrypt_memory_bytes(const KdfRequest& r, unsigned threads) {
  return scrypt_memory_bytes(scrypt_params(r), threads);
}
void scrypt_derive(const KdfRequest& r, std::uint8_t* out, const KdfRun& run) {
  scrypt(scrypt_params(r), out, run.fan_out, run.threads, run.stop);
}

}  // namespace parahash
