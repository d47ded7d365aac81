// A fixed set of threads, started once and reused for every job.
//
// Jobs wait in a FIFO queue; each one reports how it ended (a Status, never an exception) to its
// own completion callback, which runs on the worker that finished it. A queued job can be
// cancelled; a running one can't be interrupted here (kernels check their own stop flags).
// One job may fan out over the idle threads with parallel_for.
//
// A job may also be pinned to one worker (submit_to). A hash state that lives in one thread's
// JavaScript isolate (node:crypto's Hash, behind the host kernels) can only be fed on that
// thread; pinning its pieces keeps this pool the only scheduler, where a second pool per thread
// would compete with this one for the same cores. Each worker has its own FIFO of pinned jobs
// beside the shared one.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "support/latency_histogram.hpp"
#include "support/status.hpp"

namespace parahash {

using JobId = std::uint64_t;

struct PoolStats {
  std::size_t threads = 0;
  std::size_t started = 0;  // threads that have entered their loop
  std::size_t queued = 0;
  std::size_t running = 0;
  std::uint64_t completed = 0;  // finished with ok status
  std::uint64_t failed = 0;     // finished with any other status
  std::uint64_t cancelled = 0;  // removed from the queue before they ran
  std::uint64_t busy_micros = 0;  // thread time spent in jobs and fan-out helpers, all threads
  std::uint64_t age_micros = 0;   // since the pool started (stats() fills it in)
  LatencyHistogram wait;          // per job: submit to start, in µs
  LatencyHistogram run;           // per job: start to end, in µs
};

class ThreadPool {
 public:
  using Work = std::function<void()>;
  using Done = std::function<void(JobId, const Status&)>;

  // `on_thread_start` runs on each new thread before it takes work, after stats().started
  // counts that thread; the WebAssembly layer uses it to wake the JS main thread, which waits
  // for every thread to have started.
  //
  // threads == 0 makes an inline pool: no thread is started; jobs wait in the queue until the
  // owner calls run_queued(), which runs them on its own thread, and parallel_for runs every
  // index on the caller. For builds without threads (WebAssembly without shared memory, in a
  // browser page that is not cross-origin isolated), whose one thread is also the event loop
  // that must see aborts between jobs: so jobs never run inside submit(), where the caller may
  // hold its own locks. It reports one thread (size(), stats()).
  explicit ThreadPool(unsigned threads, std::function<void()> on_thread_start = {});

  // Finishes every queued job, then joins (same as shutdown()).
  ~ThreadPool();

  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Queues `work`; `done` later receives how it ended: ok, the code of a thrown parahash::Error,
  // out_of_memory for bad_alloc, internal for anything else, aborted if cancelled while queued.
  // @return the job's id (never 0).
  // @throws Error(pool_closed) after shutdown() has begun.
  JobId submit(Work work, Done done);

  // The same, under an id taken earlier from reserve_id().
  JobId submit(JobId id, Work work, Done done);

  // The same, run by worker number `worker` only (see current_worker()). An inline pool has one
  // worker, its owner: every job is pinned to it already. @pre worker < size().
  // `counted` false: the pool's own upkeep, not a caller's job; stats() leaves it out of
  // completed, failed, busy time and the wait and run times (a fresh pool reports no work).
  JobId submit_to(unsigned worker, JobId id, Work work, Done done, bool counted = true);

  // The number of the pool worker running the caller (0 … size() - 1; an inline pool's owner is
  // 0 while it runs queued jobs), or -1 on any other thread.
  static int current_worker() noexcept;

  // Runs the jobs pinned to the calling worker now (those queued on entry, not the ones they
  // queue), from inside the job it is running: StopToken's safe points call it (yield_hook).
  // No-op off the pool's workers and inside another such call. Why: a pinned job (a piece of a
  // stream whose state lives in this thread's isolate) cannot move to an idle worker, and would
  // otherwise wait for the whole of a long derivation that holds its worker.
  static void yield_to_pinned() noexcept;

  // Takes the next id without queuing anything, so a caller that holds work back before
  // submitting it (the engine's per-state ordering) can hand out its id now.
  JobId reserve_id();

  // Removes a job that has not started; its `done` runs with `aborted` on this thread.
  // @return false when the job is running, finished, or unknown.
  bool cancel(JobId id);

  // Stops accepting jobs, lets the queue drain, joins every thread. Idempotent.
  // @pre not called from one of this pool's threads.
  void shutdown();

  // Runs body(0) … body(count-1), each exactly once, spread over the calling thread and any
  // idle pool threads; returns when all have finished and rethrows the first exception thrown.
  // Safe to call from inside a job: the caller works through the indices itself, so it never
  // waits for a helper that can't start because every thread is busy.
  void parallel_for(std::size_t count, const std::function<void(std::size_t)>& body);

  // An inline pool's jobs, run on the calling thread, in order, until none is queued (jobs
  // their completions submit included) or `budget` has passed after a job. @return how many
  // are still queued. A threaded pool's queue is its workers': nothing is run, and 0 is
  // returned only when the queue is empty.
  std::size_t run_queued(std::chrono::microseconds budget);
  bool is_inline() const noexcept { return inline_; }

  unsigned size() const noexcept { return inline_ ? 1u : static_cast<unsigned>(threads_.size()); }
  PoolStats stats() const;

 private:
  using Clock = std::chrono::steady_clock;

  struct Job {
    JobId id;
    Work work;
    Done done;
    Clock::time_point queued_at;
    bool counted = true;
  };

  static std::uint64_t micros_between(Clock::time_point from, Clock::time_point to) noexcept;

  void worker_loop(unsigned worker);
  // @pre lock holds mutex_. The queue `worker` takes its next job from: its own pinned FIFO or
  // the shared one, whichever has the older front (so pinned pieces and new jobs take turns),
  // or nullptr when both are empty.
  std::deque<Job>* next_queue(unsigned worker);
  void run_front(std::deque<Job>& from, std::unique_lock<std::mutex>& lock);
  void run_job(Job& job) noexcept;
  void run_pinned(unsigned worker) noexcept;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  std::vector<std::deque<Job>> pinned_;  // one per worker (submit_to)
  std::atomic<std::size_t> pinned_queued_{0};  // jobs in pinned_, all workers: yield_to_pinned's first look
  // Fan-out helpers jump ahead of queued jobs: the job that spawned them is already running
  // and holds its input, so finishing it first frees memory soonest.
  std::deque<Work> helpers_;
  bool stopping_ = false;
  bool inline_ = false;
  JobId next_id_ = 1;
  PoolStats stats_;
  Clock::time_point started_at_ = Clock::now();
  std::function<void()> on_thread_start_;
  std::vector<std::thread> threads_;
};

}  // namespace parahash
