// One interface for every password hash and key derivation, so the engine runs all of them as
// one generic job and the WebAssembly bindings name none (as Node's crypto_scrypt.h plugs a
// traits struct into one generic job). Each KDF is a row of kdfs.def; its traits (check,
// memory, derive) live beside its algorithm in argon2.cpp, pbkdf2.cpp and scrypt.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

#include "kernels/kernel.hpp"
#include "support/job_control.hpp"

namespace parahash {

struct KdfBytes {
  const std::uint8_t* data = nullptr;
  std::size_t length = 0;
};

// The parameters of one derivation, in the layout every KDF shares. The numbers are named by
// the KDF's row (kdfs.def, Kdf::numbers); each traits file reads them through its own enum of
// the same names, in the same order.
struct KdfRequest {
  static constexpr std::size_t kNumbers = 4;
  static constexpr std::size_t kInputs = 4;
  std::uint64_t numbers[kNumbers] = {};
  KdfBytes inputs[kInputs] = {};
  std::size_t output_length = 0;
};

// What a derivation may use while it runs.
struct KdfRun {
  FanOut fan_out;       // spreads independent parts (lanes, blocks, mixes) over the pool
  unsigned threads = 1;  // how many threads fan_out can use
  StopToken stop;        // polled about once per millisecond of work
  // Called after each unit of progress (Argon2: a pass) with the units done; may be empty.
  std::function<void(std::uint32_t)> progress;
};

struct Kdf {
  std::string_view name;
  // The names of KdfRequest::numbers in order, space-separated (kdfs.def's last column).
  std::string_view numbers;
  // @throws Error(invalid_arg) (or unknown_algorithm) naming the first parameter out of range.
  void (*check)(const KdfRequest& request);
  // Bytes of work memory the derivation allocates. @pre check passed.
  std::uint64_t (*memory_bytes)(const KdfRequest& request, unsigned threads);
  // Writes request.output_length bytes to out. @pre the inputs and out stay valid throughout.
  // @throws as check; Error(out_of_memory) before any work; Error(aborted) when stopped.
  void (*derive)(const KdfRequest& request, std::uint8_t* out, const KdfRun& run);
};

// Every KDF, in kdfs.def order.
std::span<const Kdf> all_kdfs() noexcept;

// @return the KDF at `index` in all_kdfs(). @throws Error(invalid_arg) when there is none.
const Kdf& kdf_at(int index);

// @return the index of `name` in all_kdfs(), or -1.
int kdf_index(std::string_view name) noexcept;

}  // namespace parahash
