// RFC 8018 section 5.2. Section numbers below are the RFC's.
#include "kdf/pbkdf2.hpp"
#include "kdf/kdf.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <string>
#include <vector>

#include "engine/host_kernels.hpp"
#include "kernels/hmac.hpp"
#include "kernels/registry.hpp"
#include "support/bytes.hpp"
#include "support/status.hpp"

namespace parahash {
namespace {

constexpr std::size_t kMaxDigest = 64;  // every hash-kind kernel in kernels.def

[[noreturn]] void bad(const std::string& what) { throw Error(ErrorCode::invalid_arg, "pbkdf2: " + what); }

// Iterations between two looks at the stop cell: an iteration is two to four compressions
// (≈ 0.4–1 µs in wasm), so this is about a millisecond.
constexpr std::uint64_t kRoundsPerPoll = 2048;

// T_index = U_1 ⊕ … ⊕ U_c (step 3, the function F), written to `out` (out_len ≤ hLen bytes).
void derive_block(const Pbkdf2Params& p, const std::uint8_t* key, std::size_t key_len, const HmacKeyStates& keyed,
                  std::uint32_t index, std::uint8_t* out, std::size_t out_len, const StopToken& stop) {
  const std::size_t h_len = p.digest->digest_size;
  std::array<std::uint8_t, kMaxDigest> u, sum;
  // U_1 = PRF(P, S || INT(i)).
  auto mac = make_hmac(*p.digest, key, key_len);
  std::uint8_t counter[4];
  store_be32(counter, index);
  mac->update(p.salt, p.salt_length);
  mac->update(counter, sizeof counter);
  mac->finish(u.data(), h_len);
  std::copy_n(u.begin(), h_len, sum.begin());
  // The chain is cut into stretches of kRoundsPerPoll: iterate_hmac carries u and sum across.
  for (std::uint64_t done = 1; done < p.iterations;) {
    stop.throw_if_stopped("pbkdf2");
    const std::uint64_t rounds = std::min<std::uint64_t>(kRoundsPerPoll, p.iterations - done);
    if (!keyed.inner->iterate_hmac(*keyed.outer, u.data(), sum.data(), h_len, rounds)) {
      for (std::uint64_t round = 0; round < rounds; ++round) {
        mac->reset();
        mac->update(u.data(), h_len);
        mac->finish(u.data(), h_len);
        for (std::size_t i = 0; i < h_len; ++i) sum[i] ^= u[i];
      }
    }
    done += rounds;
  }
  std::copy_n(sum.begin(), out_len, out);
  secure_zero(u.data(), u.size());
  secure_zero(sum.data(), sum.size());
}

// KdfRequest::numbers of the pbkdf2 row, in kdfs.def's order.
enum : std::size_t { kDigest, kIterations };

// The PRF is HMAC over `kernel`: a fixed-length cryptographic hash, whose digest fits the
// blocks above (every hash-kind kernel's does).
void check_prf(const Kernel& kernel, std::string_view label) {
  if (kernel.kind != KernelKind::hash || kernel.digest_size > kMaxDigest) {
    throw kdf_refusal(label, "a fixed-length cryptographic hash (HMAC's)", std::string(kernel.name));
  }
}

// The request whose traits' pbkdf2_params gives back `p`. @pre p.digest is a registry kernel.
KdfRequest pbkdf2_request(const Pbkdf2Params& p) {
  KdfRequest r;
  const int digest = kernel_index(p.digest->name);
  if (digest < 0 || &all_kernels()[static_cast<std::size_t>(digest)] != p.digest) bad("the digest is not a registry kernel");
  r.numbers[kDigest] = static_cast<std::uint64_t>(digest);
  r.numbers[kIterations] = p.iterations;
  r.inputs[0] = {p.password, p.password_length};
  r.inputs[1] = {p.salt, p.salt_length};
  r.output_length = p.key_length;
  return r;
}

}  // namespace

const Kernel& pbkdf2_digest(std::string_view name) {
  const Kernel* kernel = find_kernel(name);
  if (kernel == nullptr) throw Error(ErrorCode::unknown_algorithm, "pbkdf2: invalid digest: " + std::string(name));
  check_prf(*kernel, "digest");
  return *kernel;
}

void check_pbkdf2_params(const Pbkdf2Params& p) {
  if (p.digest == nullptr) bad("no digest");
  kdf_named("pbkdf2").check(pbkdf2_request(p));
}

void pbkdf2(const Pbkdf2Params& p, std::uint8_t* out, const FanOut& fan_out, const StopToken& stop) {
  check_pbkdf2_params(p);
  const Kernel& kernel = *p.digest;
  const std::size_t h_len = kernel.digest_size;
  const std::size_t blocks = (p.key_length + h_len - 1) / h_len;  // l (step 2); < 2^32 by the checks
  if (blocks == 0) return;
  // A host that runs this kernel faster (node:crypto's OpenSSL: issue 19) may take the whole
  // derivation; when it declines, it is told how long the portable one took.
  HostKernels* host = host_kernels();
  const int index = host != nullptr ? kernel_index(kernel.name) : -1;
  if (host != nullptr) {
    stop.throw_if_stopped("pbkdf2");
    if (host->pbkdf2(index, kernel, p.password, p.password_length, p.salt, p.salt_length, p.iterations, out,
                     p.key_length)) {
      stop.throw_if_stopped("pbkdf2");  // asked during the call, which could not stop: honoured now
      return;
    }
  }
  const auto started = std::chrono::steady_clock::now();
  // HMAC replaces a key longer than a block by its digest: do that once, not once per block.
  std::array<std::uint8_t, kMaxDigest> short_key;
  struct Wipe {
    std::array<std::uint8_t, kMaxDigest>& bytes;
    ~Wipe() { secure_zero(bytes.data(), bytes.size()); }
  } wipe{short_key};
  const std::uint8_t* key = p.password;
  std::size_t key_len = p.password_length;
  if (key_len > kernel.block_size) {
    auto state = kernel.create();
    state->update(p.password, p.password_length);
    state->finish(short_key.data(), h_len);
    key = short_key.data();
    key_len = h_len;
  }
  const HmacKeyStates keyed = hmac_key_states(kernel, key, key_len);
  fan_out(blocks, [&](std::size_t i) {
    const std::size_t at = i * h_len;
    derive_block(p, key, key_len, keyed, static_cast<std::uint32_t>(i + 1), out + at, std::min(h_len, p.key_length - at),
                 stop);
  });
  if (host != nullptr) {
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    host->ran_portable_pbkdf2(index, static_cast<double>(blocks) * p.iterations, took.count());
  }
}

}  // namespace parahash

// --- Traits for the generic derive job (kdf.hpp, kdfs.def) ---
namespace parahash {
namespace {

Pbkdf2Params pbkdf2_params(const KdfRequest& r) {
  const auto kernels = all_kernels();
  const std::size_t digest = kdf_number<std::size_t>(r, kDigest);
  if (digest >= kernels.size()) {
    throw Error(ErrorCode::unknown_algorithm, "pbkdf2: no digest with kernel number " + std::to_string(digest));
  }
  Pbkdf2Params p;
  p.digest = &kernels[digest];
  p.iterations = kdf_number<std::uint32_t>(r, kIterations);
  p.password = r.inputs[0].data;
  p.password_length = r.inputs[0].length;
  p.salt = r.inputs[1].data;
  p.salt_length = r.inputs[1].length;
  p.key_length = r.output_length;
  return p;
}

}  // namespace

// The digest names a kernel that can be HMAC's hash; the numbers' ranges are the row's.
void pbkdf2_relations(const Kdf& kdf, const KdfRequest& r) { check_prf(*pbkdf2_params(r).digest, kdf.numbers[kDigest].label); }

std::uint64_t pbkdf2_memory_bytes(const KdfRequest&, unsigned) { return 0; }
void pbkdf2_derive(const KdfRequest& r, std::uint8_t* out, const KdfRun& run) {
  pbkdf2(pbkdf2_params(r), out, run.fan_out, run.stop);
}

}  // namespace parahash
