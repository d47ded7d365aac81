#include "oracle.hpp"

#include <blake2.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <xxhash.h>
#include <zlib.h>

#include <cstring>
#include <string_view>

namespace parahash::fuzz {
namespace {

void put_be(Bytes& out, std::uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

// CRC-32C (Castagnoli), reflected, one bit at a time: slow and obviously right.
std::uint32_t crc32c_bitwise(std::span<const std::uint8_t> data) {
  std::uint32_t crc = 0xffffffff;
  for (std::uint8_t byte : data) {
    crc ^= byte;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0x82f63b78 & (0u - (crc & 1)));
  }
  return ~crc;
}

std::optional<Bytes> evp(const char* name, std::size_t out_len, bool xof, std::span<const std::uint8_t> data) {
  EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  if (md == nullptr) return std::nullopt;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  Bytes out(xof ? out_len : static_cast<std::size_t>(EVP_MD_get_size(md)));
  unsigned int len = 0;
  const bool ok = EVP_DigestInit_ex(ctx, md, nullptr) == 1 && EVP_DigestUpdate(ctx, data.data(), data.size()) == 1 &&
                  (xof ? EVP_DigestFinalXOF(ctx, out.data(), out.size()) == 1 : EVP_DigestFinal_ex(ctx, out.data(), &len) == 1);
  EVP_MD_CTX_free(ctx);
  EVP_MD_free(md);
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace

const char* openssl_name(const Kernel& kernel) {
  static const std::pair<std::string_view, const char*> names[] = {
      {"md5", "MD5"},           {"sha1", "SHA1"},         {"sha224", "SHA224"},     {"sha256", "SHA256"},
      {"sha384", "SHA384"},     {"sha512", "SHA512"},     {"sha512-256", "SHA512-256"}, {"sha3-224", "SHA3-224"},
      {"sha3-256", "SHA3-256"}, {"sha3-384", "SHA3-384"}, {"sha3-512", "SHA3-512"}, {"shake128", "SHAKE128"},
      {"shake256", "SHAKE256"}, {"blake2b512", "BLAKE2B-512"}, {"blake2s256", "BLAKE2S-256"},
  };
  for (auto [ours, theirs] : names) {
    if (kernel.name == ours) return theirs;
  }
  return nullptr;
}

std::optional<Bytes> oracle_hash(const Kernel& kernel, const HashParams& p, std::span<const std::uint8_t> data) {
  const std::string_view name = kernel.name;
  Bytes out;
  if (name == "blake2b512" || name == "blake2s256") {
    out.resize(p.output_length);
    const int rc = name == "blake2b512"
                       ? blake2b(out.data(), data.data(), p.key, out.size(), data.size(), p.key_length)
                       : blake2s(out.data(), data.data(), p.key, out.size(), data.size(), p.key_length);
    if (rc != 0) return std::nullopt;
    return out;
  }
  if (name == "shake128" || name == "shake256") return evp(openssl_name(kernel), p.output_length, true, data);
  if (const char* evp_name = openssl_name(kernel)) return evp(evp_name, 0, false, data);
  if (name == "crc32") {
    put_be(out, crc32(0, data.data(), static_cast<uInt>(data.size())), 4);
  } else if (name == "crc32c") {
    put_be(out, crc32c_bitwise(data), 4);
  } else if (name == "xxh32") {
    put_be(out, XXH32(data.data(), data.size(), static_cast<XXH32_hash_t>(p.seed)), 4);
  } else if (name == "xxh64") {
    put_be(out, XXH64(data.data(), data.size(), p.seed), 8);
  } else if (name == "xxh3") {
    put_be(out, XXH3_64bits_withSeed(data.data(), data.size(), p.seed), 8);
  } else if (name == "xxh128") {
    const XXH128_hash_t h = XXH3_128bits_withSeed(data.data(), data.size(), p.seed);
    put_be(out, h.high64, 8);
    put_be(out, h.low64, 8);
  } else {
    return std::nullopt;
  }
  return out;
}

std::optional<Bytes> oracle_hmac(const Kernel& kernel, std::span<const std::uint8_t> key, std::span<const std::uint8_t> data) {
  const char* digest = openssl_name(kernel);
  if (digest == nullptr) return std::nullopt;
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest), 0),
                         OSSL_PARAM_construct_end()};
  Bytes out(64);
  std::size_t len = 0;
  // OpenSSL refuses an empty key through a null pointer; a one-byte buffer with length 0 is fine.
  const std::uint8_t none = 0;
  const bool ok = EVP_MAC_init(ctx, key.empty() ? &none : key.data(), key.size(), params) == 1 &&
                  EVP_MAC_update(ctx, data.data(), data.size()) == 1 && EVP_MAC_final(ctx, out.data(), &len, out.size()) == 1;
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(mac);
  if (!ok) return std::nullopt;
  out.resize(len);
  return out;
}

}  // namespace parahash::fuzz
