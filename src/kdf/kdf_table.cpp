#include <array>
#include <string>

#include "kdf/kdf.hpp"
#include "support/status.hpp"

namespace parahash {

// Each row's traits, defined beside its algorithm.
#define PARAHASH_KDF(id, name, traits, numbers)                                          \
  void traits##_check(const KdfRequest&);                                                \
  std::uint64_t traits##_memory_bytes(const KdfRequest&, unsigned);                      \
  void traits##_derive(const KdfRequest&, std::uint8_t*, const KdfRun&);
#include "kdf/kdfs.def"
#undef PARAHASH_KDF

namespace {

constexpr std::array kKdfs = {
#define PARAHASH_KDF(id, name, traits, numbers) \
  Kdf{name, numbers, &traits##_check, &traits##_memory_bytes, &traits##_derive},
#include "kdf/kdfs.def"
#undef PARAHASH_KDF
};

}  // namespace

std::span<const Kdf> all_kdfs() noexcept { return kKdfs; }

const Kdf& kdf_at(int index) {
  if (index < 0 || static_cast<std::size_t>(index) >= kKdfs.size()) {
    throw Error(ErrorCode::invalid_arg, "no key derivation with index " + std::to_string(index));
  }
  return kKdfs[static_cast<std::size_t>(index)];
}

int kdf_index(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kKdfs.size(); ++i) {
    if (kKdfs[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace parahash
