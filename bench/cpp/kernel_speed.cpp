// Raw single-thread speed of each kernel, with no pool, no JS and no copying: the number to
// tune a kernel against. Built natively and with em++ (run under node), so the two compilers'
// results can be compared.
//   kernel_speed [MiB=16] [rounds=5] [algorithm ...]
//   kernel_speed --threads N [MiB] [rounds] [algorithm ...]   update_parallel over an N-thread pool
//     (BLAKE3 is the kernel that uses it): the thread scaling ceiling without JS's copying.
#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "kernels/registry.hpp"
#include "pool/thread_pool.hpp"

namespace {

double best_mbps(const parahash::Kernel& kernel, const std::vector<std::uint8_t>& input, int rounds,
                 parahash::ThreadPool* pool) {
  const parahash::FanOut fan_out = [pool](std::size_t count, const std::function<void(std::size_t)>& body) {
    pool->parallel_for(count, body);
  };
  double best = 0;
  std::uint8_t out[64];
  for (int r = 0; r < rounds; ++r) {
    auto state = kernel.create();
    const auto start = std::chrono::steady_clock::now();
    if (pool != nullptr) {
      state->update_parallel(input.data(), input.size(), fan_out);
    } else {
      state->update(input.data(), input.size());
    }
    state->finish(out, kernel.digest_size);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    best = std::max(best, static_cast<double>(input.size()) / 1e6 / took.count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::unique_ptr<parahash::ThreadPool> pool;
  if (argc > 2 && std::string(argv[1]) == "--threads") {
    pool = std::make_unique<parahash::ThreadPool>(static_cast<unsigned>(std::atoi(argv[2])));
    argv += 2;
    argc -= 2;
  }
  const std::size_t mib = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 16;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
  std::vector<std::string> wanted(argv + std::min(argc, 3), argv + argc);
  std::vector<std::uint8_t> input(mib << 20);
  std::uint32_t x = 0x9e3779b9;
  for (auto& b : input) b = static_cast<std::uint8_t>((x = x * 1664525 + 1013904223) >> 24);
  for (const auto& kernel : parahash::all_kernels()) {
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), kernel.name) == wanted.end()) continue;
    std::printf("%-12.*s %8.0f MB/s\n", static_cast<int>(kernel.name.size()), kernel.name.data(),
                best_mbps(kernel, input, rounds, pool.get()));
  }
}
