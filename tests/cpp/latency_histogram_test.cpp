#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "pool/thread_pool.hpp"
#include "support/latency_histogram.hpp"
#include "test_support.hpp"

using namespace parahash;
using parahash::test::Countdown;

TEST_CASE("every value falls in the bucket whose edges enclose it", "[histogram]") {
  for (std::uint64_t v : {0ull, 1ull, 3ull, 4ull, 5ull, 7ull, 8ull, 9ull, 1000ull, 65535ull, 1ull << 33, (1ull << 40) - 1}) {
    CAPTURE(v);
    const std::size_t b = LatencyHistogram::bucket_of(v);
    CHECK(v < LatencyHistogram::upper_edge(b));
    if (b > 0) CHECK(v >= LatencyHistogram::upper_edge(b - 1));
  }
  // Values past the last bucket are counted in it, never out of bounds.
  CHECK(LatencyHistogram::bucket_of(~0ull) == LatencyHistogram::kBuckets - 1);
}

TEST_CASE("quantiles are never below the true value and at most a bucket above", "[histogram]") {
  LatencyHistogram h;
  CHECK(h.quantile(0.5) == 0);
  for (std::uint64_t v = 1; v <= 1000; ++v) h.record(v);
  CHECK(h.count() == 1000);
  CHECK(h.max() == 1000);
  CHECK(h.mean() == 500.5);
  const std::uint64_t p50 = h.quantile(0.5);
  CHECK(p50 >= 500);
  CHECK(p50 <= 500 * 1.25);
  const std::uint64_t p99 = h.quantile(0.99);
  CHECK(p99 >= 990);
  CHECK(p99 <= 1000);  // capped at the largest value seen
  CHECK(h.quantile(1.0) == 1000);
}

TEST_CASE("the pool times its jobs: waits, runs and busy time", "[pool][stats]") {
  ThreadPool pool(1);
  Countdown finished(3);
  const auto sleep = [] { std::this_thread::sleep_for(std::chrono::milliseconds(20)); };
  for (int i = 0; i < 3; ++i) pool.submit(sleep, [&finished](JobId, const Status&) { finished.arrive(); });
  finished.wait();
  const PoolStats s = pool.stats();
  CHECK(s.run.count() == 3);
  CHECK(s.wait.count() == 3);
  CHECK(s.run.quantile(0.5) >= 20'000);
  // One thread, three jobs of 20 ms queued at once: the last waited for the other two.
  CHECK(s.wait.max() >= 35'000);
  CHECK(s.busy_micros >= 60'000);
  CHECK(s.age_micros >= s.busy_micros);
}
