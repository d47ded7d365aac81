// Differential fuzzer for every hash kernel: the fuzzer picks a kernel, its options (output
// length, key, seed, context), the message and how it is cut, and every path must give the
// same digest as the independent oracle (oracle.hpp): one-shot update, the fuzzer's splits, a
// batch through the engine, and update_parallel fanned out over a pool. HMAC too, for the
// cryptographic kernels. A mismatch aborts, which libFuzzer saves as a crash input.
#include <fuzzer/FuzzedDataProvider.h>

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

#include "engine/engine.hpp"
#include "kernels/hmac.hpp"
#include "kernels/registry.hpp"
#include "oracle.hpp"

using namespace parahash;
using parahash::fuzz::Bytes;

namespace {

class WaitingSink final : public CompletionSink {
 public:
  void complete(const Completion& c) noexcept override {
    {
      std::lock_guard lock(m_);
      done_[c.id] = c.status;
    }
    cv_.notify_all();
  }
  void notify() noexcept override {}
  Status wait_for(JobId id) {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return done_.count(id) > 0; });
    Status s = done_[id];
    done_.erase(id);
    return s;
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::map<JobId, Status> done_;
};

WaitingSink sink;
Engine engine(3, sink);

[[noreturn]] void mismatch(const Kernel& k, const char* path, std::size_t length) {
  std::fprintf(stderr, "MISMATCH: %.*s, %s path, %zu-byte message\n", static_cast<int>(k.name.size()), k.name.data(), path,
               length);
  std::abort();
}

Bytes digest_in_pieces(const Kernel& k, const HashParams& p, const Bytes& message, const std::vector<std::size_t>& cuts) {
  auto state = k.create(p);
  std::size_t at = 0;
  for (std::size_t cut : cuts) {
    const std::size_t n = std::min(cut, message.size() - at);
    state->update(message.data() + at, n);
    at += n;
  }
  state->update(message.data() + at, message.size() - at);
  Bytes out(p.output_length);
  state->finish(out.data(), out.size());
  return out;
}

Bytes digest_threaded(const Kernel& k, const HashParams& p, const Bytes& message) {
  auto state = k.create(p);
  FanOut fan_out = [](std::size_t count, const std::function<void(std::size_t)>& body) {
    engine.pool().parallel_for(count, body);
  };
  state->update_parallel(message.data(), message.size(), fan_out);
  Bytes out(p.output_length);
  state->finish(out.data(), out.size());
  return out;
}

// The message second in a batch of three, so its offsets are neither first nor last.
Bytes digest_batched(int index, const HashParams& p, const Bytes& message) {
  const Bytes before = {1, 2, 3}, after = {};
  Bytes data = before;
  data.insert(data.end(), message.begin(), message.end());
  data.push_back(0);  // a valid address for an empty message at the end
  const std::uint32_t offsets[] = {0, 3, static_cast<std::uint32_t>(3 + message.size()),
                                   static_cast<std::uint32_t>(3 + message.size())};
  Bytes out(3 * p.output_length + 1);
  const JobId id = engine.submit_batch(index, p, data.data(), offsets, 3, out.data());
  if (!sink.wait_for(id).ok()) std::abort();
  return Bytes(out.begin() + static_cast<std::ptrdiff_t>(p.output_length),
               out.begin() + static_cast<std::ptrdiff_t>(2 * p.output_length));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const auto kernels = all_kernels();
  const int index = in.ConsumeIntegralInRange<int>(0, static_cast<int>(kernels.size()) - 1);
  const Kernel& k = kernels[static_cast<std::size_t>(index)];

  HashParams p;
  p.output_length = k.max_output > k.min_output
                        ? in.ConsumeIntegralInRange<std::size_t>(k.min_output, std::min<std::size_t>(k.max_output, 300))
                        : k.digest_size;
  Bytes key, context;
  if (k.max_key > 0 && in.ConsumeBool()) {
    key = in.ConsumeBytes<std::uint8_t>(in.ConsumeIntegralInRange<std::size_t>(k.min_key, k.max_key));
    key.resize(std::max(key.size(), k.min_key), 0x5a);
    p.key = key.data();
    p.key_length = key.size();
  } else if (k.takes_context && in.ConsumeBool()) {
    context = in.ConsumeBytes<std::uint8_t>(in.ConsumeIntegralInRange<std::size_t>(0, 64));
    p.context = context.data();
    p.context_length = context.size();
    p.has_context = true;
  }
  if (k.seed_bits > 0 && in.ConsumeBool()) {
    p.seed = in.ConsumeIntegral<std::uint64_t>();
    if (k.seed_bits < 64) p.seed &= (std::uint64_t{1} << k.seed_bits) - 1;
  }
  std::vector<std::size_t> cuts(in.ConsumeIntegralInRange<std::size_t>(0, 8));
  for (auto& cut : cuts) cut = in.ConsumeIntegralInRange<std::size_t>(0, 300);
  // Repeated, so that short fuzz inputs still reach multi-block, multi-chunk and threaded sizes.
  const std::size_t repeat = in.ConsumeBool() ? in.ConsumeIntegralInRange<std::size_t>(1, 1200) : 1;
  const Bytes unit = in.ConsumeRemainingBytes<std::uint8_t>();
  Bytes message;
  for (std::size_t r = 0; r < repeat; ++r) message.insert(message.end(), unit.begin(), unit.end());

  const Bytes one_shot = digest_in_pieces(k, p, message, {});
  if (digest_in_pieces(k, p, message, cuts) != one_shot) mismatch(k, "split", message.size());
  if (digest_threaded(k, p, message) != one_shot) mismatch(k, "threaded", message.size());
  if (digest_batched(index, p, message) != one_shot) mismatch(k, "batched", message.size());
  if (auto expected = fuzz::oracle_hash(k, p, message); expected && *expected != one_shot) mismatch(k, "oracle", message.size());

  if (k.kind == KernelKind::hash && key.empty() && context.empty()) {
    const Bytes mac_key(unit.begin(), unit.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(unit.size(), 200)));
    auto mac = make_hmac(k, mac_key.data(), mac_key.size());
    std::size_t at = 0;
    for (std::size_t cut : cuts) {
      const std::size_t n = std::min(cut, message.size() - at);
      mac->update(message.data() + at, n);
      at += n;
    }
    mac->update(message.data() + at, message.size() - at);
    Bytes out(k.digest_size);
    mac->finish(out.data(), out.size());
    if (auto expected = fuzz::oracle_hmac(k, mac_key, message); expected && *expected != out) mismatch(k, "hmac", message.size());
  }
  return 0;
}
