// Time of the KDF cores, with no JS and no copying: PBKDF2 at OWASP's 2023 iteration counts and
// scrypt at node's default cost, serial and over a pool. Built natively and with em++ (run
// under node), like kernel_speed.
//   kdf_speed [rounds=3] [threads=2]
// Compare with node:crypto, e.g.
//   node -e "let t=Date.now(); crypto.pbkdf2Sync('password','salt',600000,32,'sha256'); console.log(Date.now()-t)"
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "kdf/pbkdf2.hpp"
#include "kdf/scrypt.hpp"
#include "kdf/scrypt_core.hpp"
#include "pool/thread_pool.hpp"

namespace {

using namespace parahash;

// Best of `rounds` runs, in milliseconds.
double best_ms(int rounds, const std::function<void()>& run) {
  double best = 1e300;
  for (int r = 0; r < rounds; ++r) {
    const auto start = std::chrono::steady_clock::now();
    run();
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count());
  }
  return best;
}

const std::uint8_t kPassword[] = "password";
const std::uint8_t kSalt[] = "NaCl and more salt";

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 3;
  const unsigned threads = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 2;
  const FanOut serial = [](std::size_t count, const std::function<void(std::size_t)>& body) {
    for (std::size_t i = 0; i < count; ++i) body(i);
  };
  ThreadPool pool(threads);
  const FanOut parallel = [&pool](std::size_t count, const std::function<void(std::size_t)>& body) {
    pool.parallel_for(count, body);
  };
  std::uint8_t out[64];

  struct Case {
    const char* digest;
    std::uint32_t iterations;
  };
  for (const Case& c : {Case{"sha256", 600000}, Case{"sha512", 210000}, Case{"sha1", 1300000}}) {
    Pbkdf2Params p;
    p.digest = &pbkdf2_digest(c.digest);
    p.password = kPassword;
    p.password_length = sizeof kPassword - 1;
    p.salt = kSalt;
    p.salt_length = sizeof kSalt - 1;
    p.iterations = c.iterations;
    p.key_length = p.digest->digest_size;
    std::printf("pbkdf2 %-7s c=%-8u dkLen=%-3zu %8.1f ms\n", c.digest, c.iterations, p.key_length,
                best_ms(rounds, [&] { pbkdf2(p, out, serial); }));
  }

  // ROMix alone, N = 2^14, r = 8: the default (SIMD under wasm) against the portable code.
  {
    constexpr std::uint32_t kN = 16384, kR = 8;
    std::vector<std::uint32_t> work(scrypt_core::work_words(kR, kN));
    std::vector<std::uint8_t> b(128 * kR, 0x5a);
    std::printf("romix  N=2^14 r=8 %-9s %8.1f ms\n", scrypt_core::ro_mix_uses_simd() ? "simd" : "portable",
                best_ms(rounds, [&] { scrypt_core::ro_mix(b.data(), kR, kN, work.data()); }));
    std::printf("romix  N=2^14 r=8 %-9s %8.1f ms\n", "portable",
                best_ms(rounds, [&] { scrypt_core::ro_mix_portable(b.data(), kR, kN, work.data()); }));
  }

  ScryptParams s;  // node's defaults: N = 2^14, r = 8, p = 1, maxmem 32 MiB
  s.password = kPassword;
  s.password_length = sizeof kPassword - 1;
  s.salt = kSalt;
  s.salt_length = sizeof kSalt - 1;
  s.key_length = 64;
  std::printf("scrypt N=2^14 r=8 p=1 serial      %8.1f ms\n", best_ms(rounds, [&] { scrypt(s, out, serial, 1); }));
  s.parallelization = 4;
  s.maxmem = std::uint64_t{1} << 30;  // room for every lane; concurrency is then min(p, threads)
  std::printf("scrypt N=2^14 r=8 p=4 serial      %8.1f ms\n", best_ms(rounds, [&] { scrypt(s, out, serial, 1); }));
  std::printf("scrypt N=2^14 r=8 p=4 %u threads   %8.1f ms (%u ROMix at once, %.1f MiB)\n", threads,
              best_ms(rounds, [&] { scrypt(s, out, parallel, threads); }), scrypt_concurrency(s, threads),
              static_cast<double>(scrypt_memory_bytes(s, threads)) / (1 << 20));
}
