// RFC 9106. Section numbers below are the RFC's.
#include "kdf/argon2.hpp"
#include "kdf/kdf.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "kdf/argon2_block.hpp"
#include "kernels/registry.hpp"
#include "support/bytes.hpp"
#include "support/status.hpp"
#include "support/work_memory.hpp"

namespace parahash {
namespace {

constexpr std::uint32_t kVersion = 0x13;
constexpr std::uint32_t kSlices = 4;           // synchronisation points per pass (3.4)
constexpr std::uint32_t kAddressesPerBlock = argon2::kWords;  // Argon2i: one index pair per word

// BLAKE2b with an output of 1..64 bytes over the concatenation of `parts`.
void blake2b(std::uint8_t* out, std::size_t out_len, std::initializer_list<std::pair<const std::uint8_t*, std::size_t>> parts) {
  static const Kernel& kernel = *find_kernel("blake2b512");
  HashParams params;
  params.output_length = out_len;
  auto state = kernel.create(params);
  for (auto [bytes, len] : parts) state->update(bytes, len);
  state->finish(out, out_len);
}

// H' (3.3): BLAKE2b stretched to any length: 32-byte halves of a chain of 64-byte digests,
// then the last digest at whatever length remains.
void h_prime(std::uint8_t* out, std::uint32_t out_len, const std::uint8_t* in, std::size_t in_len) {
  std::uint8_t length[4];
  store_le32(length, out_len);
  if (out_len <= 64) return blake2b(out, out_len, {{length, 4}, {in, in_len}});
  std::uint8_t v[64];
  blake2b(v, 64, {{length, 4}, {in, in_len}});
  const std::uint32_t r = (out_len + 31) / 32 - 2;
  for (std::uint32_t i = 1; i < r; ++i) {
    std::memcpy(out, v, 32);
    out += 32;
    std::uint8_t next[64];
    blake2b(next, 64, {{v, 64}});
    std::memcpy(v, next, 64);
  }
  std::memcpy(out, v, 32);
  blake2b(out + 32, out_len - 32 * r, {{v, 64}});
  secure_zero(v, sizeof v);
}

// Blocks filled between two looks at the stop cell: a block's compression is ~1 µs in wasm.
constexpr std::uint32_t kBlocksPerPoll = 512;

void absorb_le32(HashState& state, std::uint64_t v) {
  std::uint8_t b[4];
  store_le32(b, static_cast<std::uint32_t>(v));
  state.update(b, 4);
}

class Argon2 {
 public:
  Argon2(const Argon2Params& p, argon2::Block* memory, const StopToken& stop)
      : p_(p),
        lane_length_(p.memory_kib / (kSlices * p.lanes) * kSlices),
        segment_length_(lane_length_ / kSlices),
        memory_(memory),
        stop_(stop),
        reached_(p.lanes, 2) {}

  void initial_blocks() {
    // H0 (3.2, step 1). The inputs stream into BLAKE2b where they lie: a long password is
    // never copied (it once took the heap to 7× its size).
    static const Kernel& kernel = *find_kernel("blake2b512");
    HashParams params;
    params.output_length = 64;
    auto h0 = kernel.create(params);
    for (std::uint32_t v : {p_.lanes, p_.tag_length, p_.memory_kib, p_.passes, kVersion,
                            static_cast<std::uint32_t>(p_.type)}) {
      absorb_le32(*h0, v);
    }
    const auto field = [&](const std::uint8_t* bytes, std::size_t len) {
      absorb_le32(*h0, len);
      if (len > 0) h0->update(bytes, len);
    };
    field(p_.password, p_.password_length);
    field(p_.salt, p_.salt_length);
    field(p_.secret, p_.secret_length);
    field(p_.associated_data, p_.associated_data_length);
    std::uint8_t seed[72];  // H0 || LE32(column) || LE32(lane)
    h0->finish(seed, 64);
    h0.reset();  // its buffer held password bytes; the kernels wipe on destruction
    // The first two blocks of each lane (steps 3 and 4).
    std::uint8_t bytes[argon2::kBlockBytes];
    for (std::uint32_t lane = 0; lane < p_.lanes; ++lane) {
      for (std::uint32_t column = 0; column < 2; ++column) {
        store_le32(seed + 64, column);
        store_le32(seed + 68, lane);
        h_prime(bytes, argon2::kBlockBytes, seed, sizeof seed);
        argon2::load_block(at(lane, column), bytes);
      }
    }
    secure_zero(seed, sizeof seed);
    secure_zero(bytes, sizeof bytes);
  }

  // Step 5 and 6 for one (pass, slice, lane): the segment's blocks, each from the previous block
  // and a pseudo-randomly chosen reference block (3.4).
  void fill_segment(std::uint32_t pass, std::uint32_t slice, std::uint32_t lane) {
    const bool independent =
        p_.type == Argon2Type::i || (p_.type == Argon2Type::id && pass == 0 && slice < kSlices / 2);
    argon2::Block input{}, addresses{};
    if (independent) {  // 3.4.1.2: the address generator's input block
      input.v[0] = pass;
      input.v[1] = lane;
      input.v[2] = slice;
      input.v[3] = static_cast<std::uint64_t>(lane_length_) * p_.lanes;
      input.v[4] = p_.passes;
      input.v[5] = static_cast<std::uint32_t>(p_.type);
    }
    std::uint32_t first = 0;
    if (pass == 0 && slice == 0) {
      first = 2;  // blocks 0 and 1 come from H0
      if (independent) next_addresses(input, addresses);
    }
    for (std::uint32_t index = first; index < segment_length_; ++index) {
      const std::uint32_t column = slice * segment_length_ + index;
      if (index % kBlocksPerPoll == 0) {
        if (pass == 0) reached_[lane] = column;
        stop_.throw_if_stopped("argon2");
      }
      const std::uint32_t previous = column == 0 ? lane_length_ - 1 : column - 1;
      std::uint64_t pseudo_random;
      if (independent) {
        if (index % kAddressesPerBlock == 0) next_addresses(input, addresses);
        pseudo_random = addresses.v[index % kAddressesPerBlock];
      } else {
        pseudo_random = at(lane, previous).v[0];
      }
      const std::uint32_t j1 = static_cast<std::uint32_t>(pseudo_random);
      const std::uint32_t j2 = static_cast<std::uint32_t>(pseudo_random >> 32);
      const std::uint32_t ref_lane = pass == 0 && slice == 0 ? lane : j2 % p_.lanes;
      const std::uint32_t ref_column = reference_column(pass, slice, index, ref_lane == lane, j1);
      argon2::compress(at(lane, previous), at(ref_lane, ref_column), at(lane, column), pass > 0);
    }
  }

  // Step 7: the tag, from the xor of every lane's last block.
  void finalize(std::uint8_t* tag) {
    argon2::Block last = at(0, lane_length_ - 1);
    for (std::uint32_t lane = 1; lane < p_.lanes; ++lane) argon2::xor_block(last, at(lane, lane_length_ - 1));
    std::uint8_t bytes[argon2::kBlockBytes];
    argon2::store_block(bytes, last);
    h_prime(tag, p_.tag_length, bytes, sizeof bytes);
    secure_zero(bytes, sizeof bytes);
    secure_zero(&last, sizeof last);
  }

  std::uint32_t lanes() const noexcept { return p_.lanes; }

  // Pass 0 has written every block.
  void pass_done() noexcept { std::fill(reached_.begin(), reached_.end(), lane_length_); }

  // Wipes the blocks that may hold data: all of them once a pass is done, else each lane's
  // columns up to the last stop poll plus a poll's worth. Wiping never-touched memory would
  // fault in every page of it (2.6 s per GiB on a small VM), so a stop early in a large hash
  // would take that long. @pre no lane is being filled.
  void wipe(std::uint32_t pass) noexcept {
    for (std::uint32_t lane = 0; lane < p_.lanes; ++lane) {
      const std::size_t columns =
          pass > 0 ? lane_length_ : std::min<std::size_t>(lane_length_, std::size_t{reached_[lane]} + kBlocksPerPoll);
      secure_zero(&at(lane, 0), columns * sizeof(argon2::Block));
    }
  }

 private:
  argon2::Block& at(std::uint32_t lane, std::uint32_t column) noexcept {
    return memory_[static_cast<std::size_t>(lane) * lane_length_ + column];
  }

  // 3.4.1.2: the next block of pseudo-random index pairs, G(0, G(0, input)) with the counter in
  // input word 6 incremented first.
  static void next_addresses(argon2::Block& input, argon2::Block& addresses) noexcept {
    static const argon2::Block zero{};
    ++input.v[6];
    argon2::compress(zero, input, addresses, false);
    argon2::compress(zero, addresses, addresses, false);
  }

  // 3.4.2: which blocks may be referenced (everything finished that is not being written in
  // this slice by another lane, and not the block just before), then J1 mapped onto them with a
  // bias towards recent blocks.
  std::uint32_t reference_column(std::uint32_t pass, std::uint32_t slice, std::uint32_t index, bool same_lane,
                                 std::uint32_t j1) const noexcept {
    std::uint64_t area;
    if (pass == 0) {
      area = same_lane ? slice * segment_length_ + index - 1 : slice * segment_length_ - (index == 0 ? 1 : 0);
    } else {
      area = same_lane ? lane_length_ - segment_length_ + index - 1 : lane_length_ - segment_length_ - (index == 0 ? 1 : 0);
    }
    const std::uint64_t x = (static_cast<std::uint64_t>(j1) * j1) >> 32;
    const std::uint64_t y = (area * x) >> 32;
    const std::uint64_t relative = area - 1 - y;
    const std::uint64_t start = pass == 0 || slice == kSlices - 1 ? 0 : (slice + 1) * segment_length_;
    return static_cast<std::uint32_t>((start + relative) % lane_length_);
  }

  const Argon2Params& p_;
  std::uint32_t lane_length_;     // q = m' / p columns
  std::uint32_t segment_length_;  // q / 4
  argon2::Block* memory_;
  StopToken stop_;
  // Per lane, in pass 0: the column filled when the stop cell was last polled (lane threads
  // write their own entry; wipe() reads them after the fan-out has joined).
  std::vector<std::uint32_t> reached_;
};

// KdfRequest::numbers of an Argon2 row, in kdfs.def's order.
enum : std::size_t { kMemoryCost, kTimeCost, kParallelism };

// The row of `type` (kdfs.def), whose ranges and relations are Argon2's checks.
const Kdf& argon2_row(Argon2Type type) {
  switch (type) {
    case Argon2Type::d: return kdf_named("argon2d");
    case Argon2Type::i: return kdf_named("argon2i");
    case Argon2Type::id: return kdf_named("argon2id");
  }
  throw Error(ErrorCode::invalid_arg, "argon2: unknown type " + std::to_string(static_cast<std::uint32_t>(type)));
}

// The request whose traits' argon2_params gives back `p`.
KdfRequest argon2_request(const Argon2Params& p) {
  KdfRequest r;
  r.numbers[kMemoryCost] = p.memory_kib;
  r.numbers[kTimeCost] = p.passes;
  r.numbers[kParallelism] = p.lanes;
  r.output_length = p.tag_length;
  r.inputs[0] = {p.password, p.password_length};
  r.inputs[1] = {p.salt, p.salt_length};
  r.inputs[2] = {p.secret, p.secret_length};
  r.inputs[3] = {p.associated_data, p.associated_data_length};
  return r;
}

}  // namespace

void check_argon2_params(const Argon2Params& p) { argon2_row(p.type).check(argon2_request(p)); }

std::uint64_t argon2_memory_bytes(const Argon2Params& p) noexcept {
  if (p.lanes == 0) return 0;
  return std::uint64_t{p.memory_kib / (kSlices * p.lanes) * kSlices} * p.lanes * argon2::kBlockBytes;
}

void argon2_hash(const Argon2Params& params, std::uint8_t* tag, const FanOut& fan_out, const Argon2Progress& progress,
                 const StopToken& stop) {
  check_argon2_params(params);
  const std::uint64_t bytes = argon2_memory_bytes(params);
  const std::size_t blocks = static_cast<std::size_t>(bytes / argon2::kBlockBytes);
  // From WorkMemory, not malloc: see work_memory.hpp for why a large Argon2 needs that.
  WorkBuffer buffer(bytes <= SIZE_MAX ? static_cast<std::size_t>(bytes) : 0);
  if (!buffer || bytes > SIZE_MAX) {
    throw Error(ErrorCode::out_of_memory, "argon2: could not allocate " + std::to_string(blocks) + " KiB of block memory");
  }
  auto* memory = static_cast<argon2::Block*>(buffer.data());
  Argon2 state(params, memory, stop);
  // Wiped however the hash ends: the blocks are derived from the password.
  std::uint32_t pass = 0;
  struct Wipe {
    Argon2& state;
    const std::uint32_t& pass;
    ~Wipe() { state.wipe(pass); }
  } wipe{state, pass};
  state.initial_blocks();
  for (; pass < params.passes; ++pass) {
    for (std::uint32_t slice = 0; slice < kSlices; ++slice) {
      fan_out(state.lanes(), [&](std::size_t lane) { state.fill_segment(pass, slice, static_cast<std::uint32_t>(lane)); });
    }
    if (pass == 0) state.pass_done();
    stop.throw_if_stopped("argon2");
    if (progress) progress(pass + 1);
  }
  state.finalize(tag);
}

}  // namespace parahash

// --- Traits for the generic derive job (kdf.hpp, kdfs.def) ---
namespace parahash {
namespace {

// RFC 9106 section 3.1: at least 8 blocks of 1 KiB per lane (the only rule between Argon2's
// parameters; their ranges are the row's).
void argon2_relations(const Kdf& kdf, const KdfRequest& r) {
  const std::uint64_t lanes = r.numbers[kParallelism];
  if (r.numbers[kMemoryCost] / 8 < lanes) {
    throw kdf_refusal(kdf.numbers[kMemoryCost].label,
                      "at least 8 × " + std::string(kdf.numbers[kParallelism].label) + " (" + std::to_string(8 * lanes) + ")",
                      std::to_string(r.numbers[kMemoryCost]));
  }
}

Argon2Params argon2_params(Argon2Type type, const KdfRequest& r) {
  Argon2Params p;
  p.type = type;
  p.memory_kib = kdf_number<std::uint32_t>(r, kMemoryCost);
  p.passes = kdf_number<std::uint32_t>(r, kTimeCost);
  p.lanes = kdf_number<std::uint32_t>(r, kParallelism);
  // Beyond 32 bits only unchecked: 0 then, which check_argon2_params refuses.
  p.tag_length = r.output_length <= 0xffffffff ? static_cast<std::uint32_t>(r.output_length) : 0;
  p.password = r.inputs[0].data;
  p.password_length = r.inputs[0].length;
  p.salt = r.inputs[1].data;
  p.salt_length = r.inputs[1].length;
  p.secret = r.inputs[2].data;
  p.secret_length = r.inputs[2].length;
  p.associated_data = r.inputs[3].data;
  p.associated_data_length = r.inputs[3].length;
  return p;
}

}  // namespace

// argon2_hash checks its parameters (check_argon2_params) whoever calls it.
#define PARAHASH_ARGON2_TRAITS(variant)                                                                      \
  void argon2##variant##_relations(const Kdf& kdf, const KdfRequest& r) { argon2_relations(kdf, r); }       \
  std::uint64_t argon2##variant##_memory_bytes(const KdfRequest& r, unsigned) {                              \
    return argon2_memory_bytes(argon2_params(Argon2Type::variant, r));                                       \
  }                                                                                                          \
  void argon2##variant##_derive(const KdfRequest& r, std::uint8_t* out, const KdfRun& run) {                 \
    argon2_hash(argon2_params(Argon2Type::variant, r), out, run.fan_out, run.progress, run.stop);            \
  }
PARAHASH_ARGON2_TRAITS(d)
PARAHASH_ARGON2_TRAITS(i)
PARAHASH_ARGON2_TRAITS(id)
#undef PARAHASH_ARGON2_TRAITS

}  // namespace parahash
