// Durations counted in logarithmic buckets: a fixed array, so recording one never allocates
// (it happens on the pool's completion path, which must not fail) and a copy is cheap.
//
// Bucket b covers [lower(b), lower(b + 1)) microseconds, four buckets per power of two, so a
// percentile read back is the upper edge of its bucket: at most 19% above the true value, and
// never below it. That is as precise as a "how long do jobs wait" figure needs to be.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace parahash {

class LatencyHistogram {
 public:
  static constexpr std::size_t kSubBuckets = 4;
  static constexpr std::size_t kBuckets = 40 * kSubBuckets;  // up to 2^40 µs, about 12 days

  void record(std::uint64_t micros) noexcept {
    ++counts_[bucket_of(micros)];
    ++count_;
    sum_ += micros;
    if (micros > max_) max_ = micros;
  }

  std::uint64_t count() const noexcept { return count_; }
  std::uint64_t max() const noexcept { return max_; }
  double mean() const noexcept { return count_ == 0 ? 0.0 : static_cast<double>(sum_) / static_cast<double>(count_); }

  // The smallest bucket edge at or above the q-quantile (0 ≤ q ≤ 1) of what was recorded,
  // capped at the largest value seen; 0 when nothing was.
  std::uint64_t quantile(double q) const noexcept {
    if (count_ == 0) return 0;
    const double wanted = q <= 0 ? 1.0 : q >= 1 ? static_cast<double>(count_) : q * static_cast<double>(count_);
    std::uint64_t seen = 0;
    for (std::size_t b = 0; b < kBuckets; ++b) {
      seen += counts_[b];
      if (static_cast<double>(seen) >= wanted) {
        const std::uint64_t edge = upper_edge(b);
        return edge < max_ ? edge : max_;
      }
    }
    return max_;
  }

  // Bucket of `micros`: 0 and 1 µs share the first ones, then four per power of two.
  static std::size_t bucket_of(std::uint64_t micros) noexcept {
    if (micros < kSubBuckets) return static_cast<std::size_t>(micros);
    const unsigned log2 = 63u - static_cast<unsigned>(__builtin_clzll(micros));
    const std::uint64_t sub = (micros >> (log2 - 2)) & (kSubBuckets - 1);
    const std::size_t b = (log2 - 1) * kSubBuckets + static_cast<std::size_t>(sub);
    return b < kBuckets ? b : kBuckets - 1;
  }

  // The first value past bucket b.
  static std::uint64_t upper_edge(std::size_t b) noexcept {
    if (b < kSubBuckets) return b + 1;
    const std::size_t log2 = b / kSubBuckets + 1;
    const std::uint64_t sub = b % kSubBuckets;
    return (std::uint64_t{kSubBuckets} + sub + 1) << (log2 - 2);
  }

 private:
  std::array<std::uint64_t, kBuckets> counts_{};
  std::uint64_t count_ = 0;
  std::uint64_t sum_ = 0;
  std::uint64_t max_ = 0;
};

}  // namespace parahash
