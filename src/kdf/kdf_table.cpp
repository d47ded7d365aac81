#include <array>
#include <string>

#include "kdf/kdf.hpp"
#include "support/status.hpp"

namespace parahash {

// Each row's traits, defined beside its algorithm.
#define PARAHASH_KDF(id, name, traits, ...)                                              \
  void traits##_relations(const Kdf&, const KdfRequest&);                                \
  std::uint64_t traits##_memory_bytes(const KdfRequest&, unsigned);                      \
  void traits##_derive(const KdfRequest&, std::uint8_t*, const KdfRun&);
#include "kdf/kdfs.def"
#undef PARAHASH_KDF

namespace {

// The rest of a row (numbers, output, inputs) initialises the last members of Kdf in order.
constexpr std::array kKdfs = {
#define PARAHASH_KDF(id, name, traits, ...) \
  Kdf{name, &traits##_relations, &traits##_memory_bytes, &traits##_derive, __VA_ARGS__},
#include "kdf/kdfs.def"
#undef PARAHASH_KDF
};

// `The "options.x" property` or `The "x" argument`, as js/args/checks.js writes it.
std::string what(std::string_view label) {
  const bool option = label.rfind("options.", 0) == 0;
  return "The \"" + std::string(label) + (option ? "\" property" : "\" argument");
}

std::string range(std::uint64_t min, std::uint64_t max) {
  return "from " + std::to_string(min) + " to " + std::to_string(max);
}

}  // namespace

Error kdf_refusal(std::string_view label, const std::string& rule, const std::string& received) {
  return Error(ErrorCode::invalid_arg, what(label) + " must be " + rule + "; received " + received);
}

void Kdf::check(const KdfRequest& r) const {
  for (std::size_t i = 0; i < KdfRequest::kNumbers; ++i) {
    const KdfNumber& n = numbers[i];
    if (!n.name.empty() && (r.numbers[i] < n.min || r.numbers[i] > n.max)) {
      throw kdf_refusal(n.label, range(n.min, n.max), std::to_string(r.numbers[i]));
    }
  }
  // The output length is a number the caller gives (hashLength, keylen); inputs are bytes.
  if (r.output_length < output.min || r.output_length > output.max) {
    throw kdf_refusal(output.label, range(output.min, output.max), std::to_string(r.output_length));
  }
  for (std::size_t i = 0; i < KdfRequest::kInputs; ++i) {
    const KdfLength& in = inputs[i];
    const std::size_t length = r.inputs[i].length;
    if (in.label.empty()) continue;
    if (length > in.max) {
      throw Error(ErrorCode::input_too_large,
                  what(in.label) + " is " + std::to_string(length) + " bytes long; this call takes at most " + std::to_string(in.max));
    }
    if (length < in.min) throw kdf_refusal(in.label, range(in.min, in.max) + " bytes long", std::to_string(length) + " bytes");
  }
  relations(*this, r);
}

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

const Kdf& kdf_named(std::string_view name) { return kdf_at(kdf_index(name)); }

}  // namespace parahash
