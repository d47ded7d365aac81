// Maps algorithm names (case-insensitive, canonical or alias) to kernels.
#pragma once

#include <span>
#include <string_view>

#include "kernels/kernel.hpp"

namespace parahash {

// Every kernel, in kernels.def order.
std::span<const Kernel> all_kernels() noexcept;

// @return the kernel named `name` (any case, canonical or alias), or nullptr.
const Kernel* find_kernel(std::string_view name) noexcept;

// @return the index of `name` in all_kernels(), or -1.
int kernel_index(std::string_view name) noexcept;

}  // namespace parahash
