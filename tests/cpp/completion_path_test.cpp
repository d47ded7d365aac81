// A worker's completion path must hold when the heap is exhausted: a job whose allocations fail
// ends with out_of_memory, the jobs waiting behind it end with out_of_memory, and the worker
// lives on. (Before, the engine built a vector of refused pieces there, and a bad_alloc escaping
// a worker took the whole pool down: "uncaught exception 2136211672", POOL_CRASHED.)
#include <catch2/catch.hpp>

#include <array>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <cstdlib>
#include <new>

#include "engine/engine.hpp"
#include "kernels/registry.hpp"
#include "test_support.hpp"

namespace {

// Every operator new on a thread with this set throws bad_alloc: an exhausted heap, on demand.
thread_local bool t_out_of_memory = false;

}  // namespace

void* operator new(std::size_t n) {
  if (t_out_of_memory) throw std::bad_alloc();
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

using namespace parahash;

namespace {

// Takes completions into storage fixed in advance, as the WebAssembly ring does. The last one
// expected gives the worker its heap back.
// (A mutex and a condition variable allocate nothing once constructed.)
class FixedSink final : public CompletionSink {
 public:
  explicit FixedSink(std::size_t give_back_after) : give_back_after_(give_back_after) {}
  void complete(const Completion& c) noexcept override {
    {
      std::lock_guard lock(m_);
      if (count_ < slots_.size()) slots_[count_] = c;
      if (++count_ == give_back_after_) t_out_of_memory = false;
    }
    cv_.notify_all();
  }
  void notify() noexcept override {}
  // Waits for `n` completions in all.
  void wait_for(std::size_t n) {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return count_ >= n; });
  }
  Status status_of(JobId id) {
    std::lock_guard lock(m_);
    for (std::size_t i = 0; i < count_ && i < slots_.size(); ++i) {
      if (slots_[i].id == id) return slots_[i].status;
    }
    return {ErrorCode::internal, "no completion"};
  }

 private:
  std::size_t give_back_after_;
  std::mutex m_;
  std::condition_variable cv_;
  std::array<Completion, 16> slots_{};
  std::size_t count_ = 0;
};

// A state whose update leaves its thread out of memory, as if the heap ran out just then.
class ExhaustingState final : public HashState {
 public:
  void update(const std::uint8_t*, std::size_t) override { t_out_of_memory = true; }
  void finish(std::uint8_t*, std::size_t) override {}
  void reset() override {}
  std::unique_ptr<HashState> clone() const override { return std::make_unique<ExhaustingState>(); }
};

}  // namespace

TEST_CASE("pieces waiting behind one that exhausts the heap end with out_of_memory; the worker lives", "[engine][oom]") {
  FixedSink sink(3);
  test::Gate release, running;  // before the engine: its thread may touch them until joined
  Engine engine(1, sink);
  // The only thread waits, so all three pieces are queued before the first runs.
  engine.pool().submit([&] { running.open(); release.wait(); }, [&](JobId, const Status&) {});
  running.wait();
  ExhaustingState state;
  std::uint8_t byte = 0;
  const JobId first = engine.submit_hash(&state, &byte, 1, nullptr, 0);
  const JobId second = engine.submit_hash(&state, &byte, 1, nullptr, 0);
  const JobId third = engine.submit_hash(&state, &byte, 1, nullptr, 0);
  release.open();
  // The first piece ran; starting the second needs the heap, which is gone.
  sink.wait_for(3);
  CHECK(sink.status_of(first).ok());
  CHECK(sink.status_of(second).code == ErrorCode::out_of_memory);
  CHECK(sink.status_of(third).code == ErrorCode::out_of_memory);

  // The sink gave the heap back with the last completion: the same worker takes new work.
  auto sha = Engine::create_state(kernel_index("sha256"), [] {
    HashParams p;
    p.output_length = 32;
    return p;
  }());
  std::uint8_t out[32];
  const JobId after = engine.submit_hash(sha.get(), &byte, 1, out, 32);
  sink.wait_for(4);
  CHECK(sink.status_of(after).ok());
}

TEST_CASE("a job whose fan-out cannot allocate fails alone with out_of_memory", "[pool][oom]") {
  // Declared before the pool, so its threads are joined before these go.
  std::array<test::Gate, 2> finished;
  std::array<Status, 2> statuses;
  std::atomic<int> ran{0};
  ThreadPool pool(2);
  const auto record = [&](std::size_t i) {
    return [&, i](JobId, const Status& s) {
      t_out_of_memory = false;
      statuses[i] = s;
      finished[i].open();
    };
  };
  pool.submit(
      [&] {
        t_out_of_memory = true;
        pool.parallel_for(8, [](std::size_t) {});
      },
      record(0));
  finished[0].wait();
  CHECK(statuses[0].code == ErrorCode::out_of_memory);
  pool.submit([&] { pool.parallel_for(8, [&](std::size_t) { ran.fetch_add(1); }); }, record(1));
  finished[1].wait();
  CHECK(statuses[1].ok());
  CHECK(ran.load() == 8);
}
