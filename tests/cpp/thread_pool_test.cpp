#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <new>
#include <set>
#include <thread>

#include "pool/thread_pool.hpp"
#include "support/job_control.hpp"
#include "test_support.hpp"

using namespace parahash;
using parahash::test::Countdown;
using parahash::test::Gate;

namespace {

// Collects (id → status) from completion callbacks on any thread.
struct Outcomes {
  std::mutex m;
  std::map<JobId, Status> by_id;
  ThreadPool::Done recorder(Countdown& countdown) {
    return [this, &countdown](JobId id, const Status& s) {
      { std::lock_guard lock(m); by_id[id] = s; }
      countdown.arrive();
    };
  }
};

}  // namespace

TEST_CASE("every job runs exactly once and reports ok, for 1..8 threads", "[pool]") {
  for (unsigned threads : {1u, 2u, 4u, 8u}) {
    CAPTURE(threads);
    constexpr int kJobs = 500;
    std::vector<std::atomic<int>> runs(kJobs);
    Countdown finished(kJobs);
    Outcomes outcomes;
    {
      ThreadPool pool(threads);
      REQUIRE(pool.size() == threads);
      for (int i = 0; i < kJobs; ++i) {
        pool.submit([&runs, i] { runs[i].fetch_add(1); }, outcomes.recorder(finished));
      }
      finished.wait();
      PoolStats s = pool.stats();
      CHECK(s.completed == kJobs);
      CHECK(s.failed == 0);
      CHECK(s.queued == 0);
    }
    for (auto& r : runs) CHECK(r.load() == 1);
    REQUIRE(outcomes.by_id.size() == kJobs);
    for (auto& [id, status] : outcomes.by_id) CHECK(status.ok());
  }
}

TEST_CASE("a failing job reports its error as a value and the pool keeps working", "[pool]") {
  ThreadPool pool(2);
  Countdown finished(4);
  Outcomes outcomes;
  JobId bad_arg = pool.submit([] { throw Error(ErrorCode::invalid_arg, "bad key"); },
                              outcomes.recorder(finished));
  JobId oom = pool.submit([] { throw std::bad_alloc(); }, outcomes.recorder(finished));
  JobId other = pool.submit([] { throw std::runtime_error("boom"); }, outcomes.recorder(finished));
  JobId fine = pool.submit([] {}, outcomes.recorder(finished));
  finished.wait();
  CHECK(outcomes.by_id[bad_arg].code == ErrorCode::invalid_arg);
  CHECK(outcomes.by_id[bad_arg].message() == "bad key");
  CHECK(outcomes.by_id[oom].code == ErrorCode::out_of_memory);
  CHECK(outcomes.by_id[other].code == ErrorCode::internal);
  CHECK(outcomes.by_id[other].message() == "boom");
  CHECK(outcomes.by_id[fine].ok());
  CHECK(pool.stats().failed == 3);
  CHECK(pool.stats().completed == 1);
}

TEST_CASE("a queued job can be cancelled; a running one cannot", "[pool]") {
  ThreadPool pool(1);
  Gate started, release;
  Countdown finished(3);
  Outcomes outcomes;
  std::atomic<bool> queued_ran{false};
  JobId blocker = pool.submit([&] { started.open(); release.wait(); }, outcomes.recorder(finished));
  started.wait();  // the only thread is now busy, so the next jobs stay queued
  JobId queued = pool.submit([&] { queued_ran = true; }, outcomes.recorder(finished));
  JobId kept = pool.submit([] {}, outcomes.recorder(finished));

  CHECK_FALSE(pool.cancel(blocker));
  CHECK(pool.cancel(queued));
  CHECK_FALSE(pool.cancel(queued));  // already gone
  CHECK_FALSE(pool.cancel(987654));  // unknown
  release.open();
  finished.wait();

  CHECK_FALSE(queued_ran);
  CHECK(outcomes.by_id[queued].code == ErrorCode::aborted);
  CHECK(outcomes.by_id[blocker].ok());
  CHECK(outcomes.by_id[kept].ok());
  CHECK(pool.stats().cancelled == 1);
}

TEST_CASE("shutdown finishes queued work, then refuses new jobs", "[pool]") {
  ThreadPool pool(2);
  std::atomic<int> ran{0};
  for (int i = 0; i < 100; ++i) pool.submit([&] { ran++; }, {});
  pool.shutdown();
  CHECK(ran == 100);
  try {
    pool.submit([] {}, {});
    FAIL("submit after shutdown must throw");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::pool_closed);
  }
  pool.shutdown();  // idempotent
}

TEST_CASE("on_thread_start runs once per thread before work", "[pool]") {
  std::atomic<int> started{0};
  {
    ThreadPool pool(3, [&] { started++; });
    Countdown done(1);
    pool.submit([] {}, [&](JobId, const Status&) { done.arrive(); });
    done.wait();
  }
  CHECK(started == 3);
}

TEST_CASE("parallel_for covers each index once, from outside and from inside a job", "[pool][fanout]") {
  for (unsigned threads : {1u, 2u, 4u, 8u}) {
    CAPTURE(threads);
    ThreadPool pool(threads);
    for (std::size_t count : {std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{1000}}) {
      std::vector<std::atomic<int>> hits(count);
      pool.parallel_for(count, [&](std::size_t i) { hits[i]++; });
      for (auto& h : hits) CHECK(h.load() == 1);
    }
    // From inside jobs that occupy every thread: helpers can't start, the callers must finish.
    std::vector<std::atomic<int>> hits(threads * 64);
    Countdown jobs(threads);
    for (unsigned j = 0; j < threads; ++j) {
      pool.submit(
          [&, j] {
            pool.parallel_for(64, [&](std::size_t i) { hits[j * 64 + i]++; });
          },
          [&](JobId, const Status&) { jobs.arrive(); });
    }
    jobs.wait();
    for (auto& h : hits) CHECK(h.load() == 1);
  }
}

TEST_CASE("parallel_for really uses several threads when they are idle", "[pool][fanout]") {
  ThreadPool pool(4);
  std::mutex m;
  std::set<std::thread::id> seen;
  // Each index waits until 2 distinct threads have arrived, so this can only finish if at least
  // one helper ran next to the caller.
  std::condition_variable cv;
  pool.parallel_for(4, [&](std::size_t) {
    std::unique_lock lock(m);
    seen.insert(std::this_thread::get_id());
    cv.notify_all();
    cv.wait(lock, [&] { return seen.size() >= 2; });
  });
  CHECK(seen.size() >= 2);
}

TEST_CASE("parallel_for rethrows the first exception after every index finished", "[pool][fanout]") {
  ThreadPool pool(4);
  std::atomic<int> ran{0};
  REQUIRE_THROWS_AS(pool.parallel_for(100,
                                      [&](std::size_t i) {
                                        ran++;
                                        if (i % 10 == 3) throw Error(ErrorCode::invalid_arg, "x");
                                      }),
                    Error);
  CHECK(ran == 100);
  // A job whose fan-out throws reports the code as its status.
  Countdown done(1);
  Status seen;
  pool.submit([&] { pool.parallel_for(8, [](std::size_t) { throw Error(ErrorCode::aborted, "stop"); }); },
              [&](JobId, const Status& s) { seen = s; done.arrive(); });
  done.wait();
  CHECK(seen.code == ErrorCode::aborted);
}

TEST_CASE("an inline pool (0 threads) queues jobs and runs them on the caller when asked", "[pool][inline]") {
  ThreadPool pool(0);
  CHECK(pool.size() == 1);
  CHECK(pool.is_inline());
  CHECK(pool.stats().started == 1);
  const std::thread::id caller = std::this_thread::get_id();
  std::vector<int> order;
  Outcomes outcomes;
  Countdown finished(4);
  std::vector<JobId> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(pool.submit([&order, i, caller] {
      CHECK(std::this_thread::get_id() == caller);
      order.push_back(i);
      if (i == 1) throw Error(ErrorCode::invalid_arg, "bad");
    }, outcomes.recorder(finished)));
  }
  // Nothing ran inside submit(): a caller holding its own lock there cannot be re-entered.
  CHECK(order.empty());
  CHECK(pool.stats().queued == 3);
  // A queued job can still be cancelled.
  CHECK(pool.cancel(ids[2]));
  // A completion that submits more work: it runs in the same run_queued().
  pool.submit([&order] { order.push_back(9); }, [&](JobId id, const Status& status) {
    outcomes.recorder(finished)(id, status);
    pool.submit([&order] { order.push_back(10); }, {});
  });
  CHECK(pool.run_queued(std::chrono::seconds(10)) == 0);
  CHECK(order == std::vector<int>{0, 1, 9, 10});
  const PoolStats s = pool.stats();
  CHECK(s.completed == 3);
  CHECK(s.failed == 1);
  CHECK(s.cancelled == 1);
  CHECK(s.running == 0);
  CHECK(s.queued == 0);
  // A spent budget stops after the job that spent it; the rest wait for the next call.
  for (int i = 0; i < 3; ++i) pool.submit([] { std::this_thread::sleep_for(std::chrono::milliseconds(2)); }, {});
  CHECK(pool.run_queued(std::chrono::microseconds(1)) == 2);
  CHECK(pool.run_queued(std::chrono::seconds(10)) == 0);
  std::atomic<int> sum{0};
  pool.parallel_for(100, [&](std::size_t i) { sum += static_cast<int>(i); });
  CHECK(sum == 4950);
  // Shutdown finishes what is queued, as a threaded pool's workers do.
  bool ran = false;
  pool.submit([&ran] { ran = true; }, {});
  pool.shutdown();
  CHECK(ran);
  REQUIRE_THROWS_AS(pool.submit([] {}, {}), Error);
}

TEST_CASE("a threaded pool's run_queued runs nothing on the caller", "[pool][inline]") {
  ThreadPool pool(1);
  CHECK_FALSE(pool.is_inline());
  Countdown finished(1);
  Outcomes outcomes;
  pool.submit([] {}, outcomes.recorder(finished));
  finished.wait();
  CHECK(pool.run_queued(std::chrono::seconds(1)) == 0);
}

TEST_CASE("a pinned job runs on its worker only, and off the pool current_worker() is -1", "[pool][pinned]") {
  CHECK(ThreadPool::current_worker() == -1);
  for (unsigned threads : {1u, 2u, 4u}) {
    CAPTURE(threads);
    constexpr int kPerWorker = 200;
    Countdown finished(threads * kPerWorker + 100);
    std::atomic<int> misplaced{0};
    std::atomic<int> shared_seen{0};
    {
      ThreadPool pool(threads);
      for (int i = 0; i < kPerWorker; ++i) {
        for (unsigned w = 0; w < threads; ++w) {
          pool.submit_to(w, pool.reserve_id(), [&, w] { if (ThreadPool::current_worker() != static_cast<int>(w)) misplaced++; },
                         [&](JobId, const Status&) { finished.arrive(); });
        }
        // Shared jobs in between, so a worker has both queues to take from.
        if (i % 2 == 0) pool.submit([&] { if (ThreadPool::current_worker() >= 0) shared_seen++; }, [&](JobId, const Status&) { finished.arrive(); });
      }
      finished.wait();
      CHECK(pool.stats().queued == 0);
    }
    CHECK(misplaced == 0);
    CHECK(shared_seen == 100);
  }
}

TEST_CASE("a pinned job waits for its busy worker, can be cancelled, and shutdown runs the rest", "[pool][pinned]") {
  ThreadPool pool(2);
  Gate started, release;
  Countdown finished(4);
  Outcomes outcomes;
  std::atomic<int> blocked_on{-1};
  // Worker 0 is kept busy by a job pinned to it.
  const JobId blocker = pool.submit_to(0, pool.reserve_id(), [&] { blocked_on = ThreadPool::current_worker(); started.open(); release.wait(); },
                                       outcomes.recorder(finished));
  started.wait();
  std::atomic<bool> cancelled_ran{false};
  std::atomic<int> later_on{-1};
  const JobId cancelled = pool.submit_to(0, pool.reserve_id(), [&] { cancelled_ran = true; }, outcomes.recorder(finished));
  const JobId later = pool.submit_to(0, pool.reserve_id(), [&] { later_on = ThreadPool::current_worker(); }, outcomes.recorder(finished));
  // Worker 1 is idle but must not take them: a shared job still runs at once there.
  Gate shared_ran;
  pool.submit([&] { shared_ran.open(); }, outcomes.recorder(finished));
  shared_ran.wait();
  CHECK(pool.stats().queued == 2);
  CHECK(pool.cancel(cancelled));
  release.open();
  pool.shutdown();
  finished.wait();
  CHECK(blocked_on == 0);
  CHECK(later_on == 0);
  CHECK_FALSE(cancelled_ran);
  CHECK(outcomes.by_id[cancelled].code == ErrorCode::aborted);
  CHECK(outcomes.by_id[blocker].ok());
  CHECK(outcomes.by_id[later].ok());
  try {
    pool.submit_to(1, pool.reserve_id(), [] {}, {});
    FAIL("submit_to after shutdown must throw");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::pool_closed);
  }
}

TEST_CASE("a long job's safe points run the jobs pinned to its worker, and nothing else", "[pool][pinned]") {
  ThreadPool pool(1);
  Countdown finished(3);
  Outcomes outcomes;
  Gate started;
  std::atomic<bool> pinned_ran{false};
  std::atomic<int> pinned_on{-1};
  std::atomic<bool> shared_ran{false};
  std::atomic<bool> shared_ran_inside{true};
  std::atomic<bool> long_done{false};
  // The long job polls its stop token as a derivation does, until the pinned job has run (or
  // 10 s, after which the check below fails: it would have waited for the long job's end).
  pool.submit([&] {
    started.open();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!pinned_ran && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      StopToken().throw_if_stopped("long job");
    }
    shared_ran_inside = shared_ran.load();
    long_done = true;
  }, outcomes.recorder(finished));
  started.wait();
  pool.submit([&] { shared_ran = true; }, outcomes.recorder(finished));
  pool.submit_to(0, pool.reserve_id(), [&] { pinned_on = ThreadPool::current_worker(); pinned_ran = !long_done; },
                 outcomes.recorder(finished));
  finished.wait();
  CHECK(pinned_ran);                  // while the long job still ran
  CHECK(pinned_on == 0);
  CHECK_FALSE(shared_ran_inside);     // a shared job waits for a free worker as before
  CHECK(shared_ran);
  const PoolStats stats = pool.stats();
  CHECK(stats.completed == 3);
  // The pinned job's time is its own, not the long job's too.
  CHECK(stats.busy_micros <= std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::seconds(11)).count());
}

TEST_CASE("safe points off the pool, and inside a pinned job run at a safe point, run nothing", "[pool][pinned]") {
  StopToken().throw_if_stopped("main thread");  // no hook here
  ThreadPool pool(1);
  Countdown finished(3);
  Outcomes outcomes;
  Gate started, release;
  std::atomic<int> order{0};
  std::atomic<int> first{0}, second{0};
  pool.submit([&] {
    started.open();
    release.wait();
    StopToken().throw_if_stopped("outer");  // runs both pinned jobs, one after the other
  }, outcomes.recorder(finished));
  started.wait();
  // The first pinned job polls too: the second must not run nested inside it.
  pool.submit_to(0, pool.reserve_id(), [&] { first = ++order; StopToken().throw_if_stopped("first"); order += 10; },
                 outcomes.recorder(finished));
  pool.submit_to(0, pool.reserve_id(), [&] { second = ++order; }, outcomes.recorder(finished));
  release.open();
  finished.wait();
  CHECK(first == 1);
  CHECK(second == 12);
}

TEST_CASE("the pool's own upkeep (counted false) runs and reports, and stats() leaves it out", "[pool][pinned]") {
  ThreadPool pool(2);
  Countdown finished(8);
  std::atomic<int> ran{0};
  for (unsigned w = 0; w < 2; ++w) {
    for (int i = 0; i < 4; ++i) {
      pool.submit_to(w, pool.reserve_id(), [&] { ran++; }, [&](JobId, const Status& s) {
        if (s.ok()) finished.arrive();
      }, /*counted=*/false);
    }
  }
  finished.wait();
  CHECK(ran == 8);
  PoolStats s = pool.stats();
  CHECK(s.completed == 0);
  CHECK(s.failed == 0);
  CHECK(s.running == 0);
  CHECK(s.queued == 0);
  CHECK(s.busy_micros == 0);
  CHECK(s.run.count() == 0);
  CHECK(s.wait.count() == 0);
  // A caller's job beside them is counted as ever.
  Countdown one(1);
  pool.submit([] {}, [&](JobId, const Status&) { one.arrive(); });
  one.wait();
  CHECK(pool.stats().completed == 1);
}
