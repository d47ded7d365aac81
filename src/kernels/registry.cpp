#include "kernels/registry.hpp"

#include <array>
#include <cctype>

namespace parahash {

// Declares every factory named in the table; each lives in its family's .cpp.
#define PARAHASH_KERNEL(id, name, aliases, digest, block, kind, min_out, max_out, min_key, max_key, seed_bits, \
                        context, factory, tags, tool)                                                   \
  std::unique_ptr<HashState> factory(const HashParams&);
#include "kernels/kernels.def"
#undef PARAHASH_KERNEL

namespace {

// An explicit table rather than self-registering statics, which a linker may drop from a
// static library.
constexpr std::array kKernels = {
#define PARAHASH_KERNEL(id, name, aliases, digest, block, kind, min_out, max_out, min_key, max_key, seed_bits,  \
                        context, factory, tags, tool)                                                    \
  Kernel{name, aliases, digest, block, KernelKind::kind, min_out, max_out, min_key, max_key, seed_bits, context, \
         &factory},
#include "kernels/kernels.def"
#undef PARAHASH_KERNEL
};

bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool matches(const Kernel& k, std::string_view name) noexcept {
  if (equals_ignoring_case(k.name, name)) return true;
  std::string_view rest = k.aliases;
  while (!rest.empty()) {
    std::size_t bar = rest.find('|');
    if (equals_ignoring_case(rest.substr(0, bar), name)) return true;
    if (bar == std::string_view::npos) break;
    rest.remove_prefix(bar + 1);
  }
  return false;
}

}  // namespace

std::span<const Kernel> all_kernels() noexcept { return kKernels; }

int kernel_index(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kKernels.size(); ++i) {
    if (matches(kKernels[i], name)) return static_cast<int>(i);
  }
  return -1;
}

const Kernel* find_kernel(std::string_view name) noexcept {
  int i = kernel_index(name);
  return i < 0 ? nullptr : &kKernels[static_cast<std::size_t>(i)];
}

}  // namespace parahash
