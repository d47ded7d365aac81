// One interface for every password hash and key derivation, so the engine runs all of them as
// one generic job and the WebAssembly bindings name none (as Node's crypto_scrypt.h plugs a
// traits struct into one generic job). Each KDF is a row of kdfs.def, which is also the one
// description of its parameters' ranges; its traits (relations, memory, derive) live beside its
// algorithm in argon2.cpp, pbkdf2.cpp, scrypt.cpp and bcrypt.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <string_view>

#include "kernels/kernel.hpp"
#include "support/job_control.hpp"
#include "support/status.hpp"

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

// One number of a row: how JS names it when it hands it over (`name`), how messages show it
// (`label`: "options.memoryCost" is an option, "iterations" an argument), its inclusive range.
// A slot with an empty name is unused.
struct KdfNumber {
  std::string_view name;
  std::string_view label;
  std::uint64_t min = 0;
  std::uint64_t max = 0;
};

// A length in bytes (the output's, an input's): label and inclusive range. An empty label is an
// unused input.
struct KdfLength {
  std::string_view label;
  std::uint64_t min = 0;
  std::uint64_t max = 0;
};

struct Kdf {
  std::string_view name;
  // The rules between parameters that no range can state (Argon2's m ≥ 8 × p; scrypt's power
  // of 2 and memory against maxmem). @pre the row's ranges hold (check() runs them first).
  // @throws Error(invalid_arg) (or unknown_algorithm) naming the parameter by its label.
  void (*relations)(const Kdf& kdf, const KdfRequest& request);
  // Bytes of work memory the derivation allocates. @pre check passed.
  std::uint64_t (*memory_bytes)(const KdfRequest& request, unsigned threads);
  // Writes request.output_length bytes to out. @pre check passed; the inputs and out stay valid
  // throughout. @throws Error(out_of_memory) before any work; Error(aborted) when stopped.
  void (*derive)(const KdfRequest& request, std::uint8_t* out, const KdfRun& run);
  KdfNumber numbers[KdfRequest::kNumbers];
  KdfLength output;
  KdfLength inputs[KdfRequest::kInputs];

  // Every number, the output length and each input's length against the row's ranges, then
  // the relations. JS has refused all of it before a call gets here, with the same labels
  // (js/args/checks.js checkKdfRequest); this is the guard for whatever reaches the engine
  // directly, and what makes the traits' narrowing and indexing safe.
  // @throws Error(invalid_arg) naming the first parameter out of range (unknown_algorithm for a
  //         PBKDF2 digest that is no kernel).
  void check(const KdfRequest& request) const;
};

// Every KDF, in kdfs.def order.
std::span<const Kdf> all_kdfs() noexcept;

// @return the KDF at `index` in all_kdfs(). @throws Error(invalid_arg) when there is none.
const Kdf& kdf_at(int index);

// @return the index of `name` in all_kdfs(), or -1.
int kdf_index(std::string_view name) noexcept;

// The row named `name`. @throws Error(invalid_arg) when there is none.
const Kdf& kdf_named(std::string_view name);

// Error(invalid_arg) in the one message style JS uses (js/args/checks.js): `The "<label>"
// property|argument must be <rule>; received <received>`. Kept short: a Status holds 119 bytes.
Error kdf_refusal(std::string_view label, const std::string& rule, const std::string& received);

// request.numbers[i] as the type its traits read it as. Kdf::check bounds every number by its
// row, whose bounds fit that type; this only guards a caller that skipped check.
template <class T>
T kdf_number(const KdfRequest& request, std::size_t i) {
  if (request.numbers[i] > std::numeric_limits<T>::max()) {
    throw Error(ErrorCode::invalid_arg, "a key derivation parameter does not fit its type (unchecked request)");
  }
  return static_cast<T>(request.numbers[i]);
}

}  // namespace parahash
