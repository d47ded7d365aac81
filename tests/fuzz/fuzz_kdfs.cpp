// Differential fuzzer for the key derivations through their generic traits (kdf.hpp, the path
// the engine runs): PBKDF2 against OpenSSL's PKCS5_PBKDF2_HMAC, scrypt against EVP_PBE_scrypt,
// Argon2d/i/id against the reference libargon2, with fuzzer-chosen passwords, salts, secrets,
// associated data, small costs and output lengths, serially and fanned out over a pool.
#include <argon2.h>
#include <fuzzer/FuzzedDataProvider.h>
#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>

#include "kdf/kdf.hpp"
#include "kernels/registry.hpp"
#include "oracle.hpp"
#include "pool/thread_pool.hpp"

using namespace parahash;
using parahash::fuzz::Bytes;

namespace {

ThreadPool pool(3);

FanOut serial() {
  return [](std::size_t n, const std::function<void(std::size_t)>& body) {
    for (std::size_t i = 0; i < n; ++i) body(i);
  };
}

FanOut threaded() {
  return [](std::size_t n, const std::function<void(std::size_t)>& body) { pool.parallel_for(n, body); };
}

[[noreturn]] void mismatch(const char* what) {
  std::fprintf(stderr, "MISMATCH: %s\n", what);
  std::abort();
}

Bytes derive(int kdf, const KdfRequest& r, const FanOut& fan_out) {
  Bytes out(r.output_length + 1);
  KdfRun run;
  run.fan_out = fan_out;
  run.threads = 3;
  all_kdfs()[static_cast<std::size_t>(kdf)].derive(r, out.data(), run);
  out.pop_back();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const int choice = in.ConsumeIntegralInRange<int>(0, 4);
  const Bytes password = in.ConsumeBytes<std::uint8_t>(in.ConsumeIntegralInRange<std::size_t>(0, 300));
  const Bytes salt = in.ConsumeBytes<std::uint8_t>(in.ConsumeIntegralInRange<std::size_t>(0, 100));
  KdfRequest r;
  r.inputs[0] = {password.data(), password.size()};
  r.inputs[1] = {salt.data(), salt.size()};
  Bytes expected;
  if (choice == 0) {  // PBKDF2 over a fuzzer-chosen cryptographic kernel
    const auto kernels = all_kernels();
    const std::size_t index = in.ConsumeIntegralInRange<std::size_t>(0, kernels.size() - 1);
    const char* name = fuzz::openssl_name(kernels[index]);
    if (kernels[index].kind != KernelKind::hash || name == nullptr) return 0;
    r.numbers[0] = index;
    r.numbers[1] = in.ConsumeIntegralInRange<std::uint32_t>(1, 3000);
    r.output_length = in.ConsumeIntegralInRange<std::size_t>(0, 200);
    expected.resize(r.output_length);
    const EVP_MD* md = EVP_get_digestbyname(name);
    if (md == nullptr || PKCS5_PBKDF2_HMAC(reinterpret_cast<const char*>(password.data()), static_cast<int>(password.size()),
                                           salt.data(), static_cast<int>(salt.size()), static_cast<int>(r.numbers[1]), md,
                                           static_cast<int>(expected.size()), expected.data()) != 1) {
      return 0;
    }
  } else if (choice == 1) {  // scrypt at small costs
    r.numbers[0] = std::uint64_t{1} << in.ConsumeIntegralInRange<int>(1, 10);
    r.numbers[1] = in.ConsumeIntegralInRange<std::uint32_t>(1, 8);
    r.numbers[2] = in.ConsumeIntegralInRange<std::uint32_t>(1, 4);
    r.numbers[3] = std::uint64_t{64} << 20;
    r.output_length = in.ConsumeIntegralInRange<std::size_t>(0, 100);
    expected.resize(r.output_length);
    if (r.output_length > 0 &&
        EVP_PBE_scrypt(reinterpret_cast<const char*>(password.data()), password.size(), salt.data(), salt.size(),
                       r.numbers[0], r.numbers[1], r.numbers[2], 0, expected.data(), expected.size()) != 1) {
      mismatch("OpenSSL refused scrypt parameters parahash accepts");
    }
  } else {  // Argon2d, i, id at small costs, with a secret and associated data
    if (salt.size() < 8) return 0;
    const Bytes secret = in.ConsumeBytes<std::uint8_t>(in.ConsumeIntegralInRange<std::size_t>(0, 32));
    const Bytes ad = in.ConsumeBytes<std::uint8_t>(in.ConsumeIntegralInRange<std::size_t>(0, 32));
    r.inputs[2] = {secret.data(), secret.size()};
    r.inputs[3] = {ad.data(), ad.size()};
    const std::uint32_t lanes = in.ConsumeIntegralInRange<std::uint32_t>(1, 4);
    r.numbers[0] = in.ConsumeIntegralInRange<std::uint32_t>(8 * lanes, 256);
    r.numbers[1] = in.ConsumeIntegralInRange<std::uint32_t>(1, 3);
    r.numbers[2] = lanes;
    r.output_length = in.ConsumeIntegralInRange<std::size_t>(4, 100);
    expected.resize(r.output_length);
    Bytes pw = password, sa = salt, se = secret, as = ad;  // the reference takes non-const pointers
    argon2_context ctx{};
    ctx.out = expected.data();
    ctx.outlen = static_cast<std::uint32_t>(expected.size());
    ctx.pwd = pw.data();
    ctx.pwdlen = static_cast<std::uint32_t>(pw.size());
    ctx.salt = sa.data();
    ctx.saltlen = static_cast<std::uint32_t>(sa.size());
    ctx.secret = se.empty() ? nullptr : se.data();
    ctx.secretlen = static_cast<std::uint32_t>(se.size());
    ctx.ad = as.empty() ? nullptr : as.data();
    ctx.adlen = static_cast<std::uint32_t>(as.size());
    ctx.t_cost = static_cast<std::uint32_t>(r.numbers[1]);
    ctx.m_cost = static_cast<std::uint32_t>(r.numbers[0]);
    ctx.lanes = lanes;
    ctx.threads = 1;
    ctx.version = ARGON2_VERSION_13;
    const argon2_type type = choice == 2 ? Argon2_d : choice == 3 ? Argon2_i : Argon2_id;
    if (argon2_ctx(&ctx, type) != ARGON2_OK) mismatch("libargon2 refused parameters parahash accepts");
  }
  const int kdf = kdf_index(choice == 0 ? "pbkdf2" : choice == 1 ? "scrypt" : choice == 2 ? "argon2d" : choice == 3 ? "argon2i" : "argon2id");
  all_kdfs()[static_cast<std::size_t>(kdf)].check(r);
  if (derive(kdf, r, serial()) != expected) mismatch("serial");
  if (derive(kdf, r, threaded()) != expected) mismatch("threaded");
  return 0;
}
