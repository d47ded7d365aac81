#include "pool/thread_pool.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <new>

#include "support/job_control.hpp"

namespace parahash {

namespace {
thread_local int this_worker = -1;  // ThreadPool::current_worker()
thread_local ThreadPool* this_pool = nullptr;  // the pool this_worker belongs to
thread_local bool yielding = false;            // inside yield_to_pinned: no nesting
// Time spent in yield_to_pinned during the job this thread runs: those jobs count their own, so
// the outer one's run time leaves it out (utilization stays ≤ 1).
thread_local std::uint64_t yielded_micros = 0;
}  // namespace

int ThreadPool::current_worker() noexcept { return this_worker; }

ThreadPool::ThreadPool(unsigned threads, std::function<void()> on_thread_start)
    : inline_(threads == 0), on_thread_start_(std::move(on_thread_start)) {
  if (inline_) {
    stats_.threads = 1;
    stats_.started = 1;
    return;
  }
  stats_.threads = threads;
  pinned_.resize(threads);
  threads_.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this, i] { worker_loop(i); });
}

ThreadPool::~ThreadPool() { shutdown(); }

JobId ThreadPool::reserve_id() {
  std::lock_guard lock(mutex_);
  return next_id_++;
}

JobId ThreadPool::submit(Work work, Done done) { return submit(reserve_id(), std::move(work), std::move(done)); }

JobId ThreadPool::submit(JobId id, Work work, Done done) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw Error(ErrorCode::pool_closed, "the pool is closed");
    queue_.push_back(Job{id, std::move(work), std::move(done), Clock::now()});
    ++stats_.queued;
  }
  wake_.notify_one();
  return id;
}

JobId ThreadPool::submit_to(unsigned worker, JobId id, Work work, Done done, bool counted) {
  if (inline_) return submit(id, std::move(work), std::move(done));
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw Error(ErrorCode::pool_closed, "the pool is closed");
    pinned_.at(worker).push_back(Job{id, std::move(work), std::move(done), Clock::now(), counted});
    pinned_queued_.fetch_add(1, std::memory_order_relaxed);
    ++stats_.queued;
  }
  // Every waiter wakes, so the one it is pinned to surely does; the others go back to sleep.
  wake_.notify_all();
  return id;
}

bool ThreadPool::cancel(JobId id) {
  Job job;
  {
    std::lock_guard lock(mutex_);
    const auto has_it = [id](const Job& j) { return j.id == id; };
    std::deque<Job>* from = &queue_;
    auto it = std::find_if(queue_.begin(), queue_.end(), has_it);
    for (auto p = pinned_.begin(); it == from->end() && p != pinned_.end(); ++p) {
      from = &*p;
      it = std::find_if(p->begin(), p->end(), has_it);
    }
    if (it == from->end()) return false;
    job = std::move(*it);
    from->erase(it);
    if (from != &queue_) pinned_queued_.fetch_sub(1, std::memory_order_relaxed);
    --stats_.queued;
    ++stats_.cancelled;
  }
  // Outside the lock: `done` may submit more work.
  if (job.done) job.done(job.id, {ErrorCode::aborted, "cancelled before it started"});
  return true;
}

std::size_t ThreadPool::run_queued(std::chrono::microseconds budget) {
  const Clock::time_point until = Clock::now() + budget;
  std::unique_lock lock(mutex_);
  // The owner is the inline pool's one worker while it runs them.
  const int was = this_worker;
  this_worker = inline_ ? 0 : was;
  while (inline_ && !queue_.empty()) {
    run_front(queue_, lock);
    if (Clock::now() >= until) break;
  }
  this_worker = was;
  return static_cast<std::size_t>(stats_.queued);
}

void ThreadPool::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty() && !inline_) return;
    stopping_ = true;
  }
  // An inline pool finishes its queue here, as a threaded one's workers do before they exit.
  if (inline_) run_queued(std::chrono::hours(24 * 365));
  wake_.notify_all();
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

PoolStats ThreadPool::stats() const {
  std::lock_guard lock(mutex_);
  PoolStats out = stats_;
  out.age_micros = micros_between(started_at_, Clock::now());
  return out;
}

std::uint64_t ThreadPool::micros_between(Clock::time_point from, Clock::time_point to) noexcept {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(to - from).count();
  return micros > 0 ? static_cast<std::uint64_t>(micros) : 0;
}

void ThreadPool::worker_loop(unsigned worker) {
  this_worker = static_cast<int>(worker);
  this_pool = this;
  yield_hook = &ThreadPool::yield_to_pinned;
  std::unique_lock lock(mutex_);
  ++stats_.started;
  // Publish the count before telling anyone: a watcher woken by the hook must already see it,
  // or it goes back to sleep and nothing wakes it again.
  if (on_thread_start_) {
    lock.unlock();
    on_thread_start_();
    lock.lock();
  }
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !helpers_.empty() || !queue_.empty() || !pinned_[worker].empty(); });
    if (!helpers_.empty()) {
      Work helper = std::move(helpers_.front());
      helpers_.pop_front();
      lock.unlock();
      const Clock::time_point start = Clock::now();
      helper();
      const std::uint64_t took = micros_between(start, Clock::now());
      lock.lock();
      stats_.busy_micros += took;
    } else if (std::deque<Job>* from = next_queue(worker)) {
      run_front(*from, lock);
    } else {
      return;  // stopping_ and nothing left to do
    }
  }
}

std::deque<ThreadPool::Job>* ThreadPool::next_queue(unsigned worker) {
  std::deque<Job>& mine = pinned_[worker];
  if (mine.empty()) return queue_.empty() ? nullptr : &queue_;
  if (queue_.empty()) return &mine;
  return mine.front().queued_at <= queue_.front().queued_at ? &mine : &queue_;
}

// Takes the oldest job of `from` and runs it with `lock` released. @pre lock holds mutex_ and
// `from` is not empty; holds it again on return.
void ThreadPool::run_front(std::deque<Job>& from, std::unique_lock<std::mutex>& lock) {
  Job job = std::move(from.front());
  from.pop_front();
  if (&from != &queue_) pinned_queued_.fetch_sub(1, std::memory_order_relaxed);
  --stats_.queued;
  ++stats_.running;
  lock.unlock();
  run_job(job);
  lock.lock();
}

// Nothing on this path may throw, or the worker dies: the job's own failures (a bad_alloc
// included) are captured into its status, and `done` must not throw (the engine's never does).
void ThreadPool::run_job(Job& job) noexcept {
  const Clock::time_point start = Clock::now();
  const std::uint64_t yielded_before = yielded_micros;
  Status status = capture_status([&] { job.work(); });
  job.work = nullptr;  // release captured input before reporting, so `done` may reuse it
  const Clock::time_point end = Clock::now();
  {
    std::lock_guard lock(mutex_);
    --stats_.running;
    if (job.counted) {
      ++(status.ok() ? stats_.completed : stats_.failed);
      const std::uint64_t whole = micros_between(start, end);
      const std::uint64_t lent = yielded_micros - yielded_before;
      const std::uint64_t ran = whole > lent ? whole - lent : 0;
      stats_.busy_micros += ran;
      stats_.wait.record(micros_between(job.queued_at, start));
      stats_.run.record(ran);
    }
  }
  if (job.done) job.done(job.id, status);
}

void ThreadPool::yield_to_pinned() noexcept {
  // Without a lock, as every safe point of every job asks: a job pinned a moment ago waits for
  // the next one, a millisecond later.
  if (this_pool == nullptr || yielding || this_pool->pinned_queued_.load(std::memory_order_relaxed) == 0) return;
  yielding = true;
  const Clock::time_point start = Clock::now();
  this_pool->run_pinned(static_cast<unsigned>(this_worker));
  yielded_micros += micros_between(start, Clock::now());
  yielding = false;
}

void ThreadPool::run_pinned(unsigned worker) noexcept {
  std::unique_lock lock(mutex_);
  std::deque<Job>& mine = pinned_[worker];
  for (std::size_t left = mine.size(); left > 0 && !mine.empty(); --left) run_front(mine, lock);
}

namespace {

// Shared by the caller of parallel_for and its helpers. Helpers hold it by shared_ptr because
// one may be dequeued after the caller has returned; it then finds no index left and exits
// without touching `body`, which lived on the caller's stack.
struct ParallelForShare {
  const std::function<void(std::size_t)>* body;
  std::size_t count;
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> finished{0};
  std::mutex mutex;
  std::condition_variable all_done;
  std::exception_ptr error;

  void work_through() {
    for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < count;) {
      try {
        (*body)(i);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!error) error = std::current_exception();
      }
      if (finished.fetch_add(1, std::memory_order_acq_rel) + 1 == count) {
        std::lock_guard lock(mutex);
        all_done.notify_all();
      }
    }
  }
};

}  // namespace

void ThreadPool::parallel_for(std::size_t count, const std::function<void(std::size_t)>& body) {
  if (count == 0) return;
  auto fan = std::make_shared<ParallelForShare>();
  fan->body = &body;
  fan->count = count;
  std::size_t helpers = std::min<std::size_t>(count - 1, threads_.size());
  if (helpers > 0) {
    {
      std::lock_guard lock(mutex_);
      // Fewer helpers than asked for is fine (the caller works through every index itself), so
      // a heap too full to queue one more is no failure. No helper starts before the lock goes.
      try {
        for (std::size_t h = 0; h < helpers; ++h) helpers_.push_back([fan] { fan->work_through(); });
      } catch (const std::bad_alloc&) {
      }
    }
    wake_.notify_all();
  }
  fan->work_through();
  std::exception_ptr error;
  {
    std::unique_lock lock(fan->mutex);
    fan->all_done.wait(lock, [&] { return fan->finished.load(std::memory_order_acquire) == count; });
    // Taken out of the share: a helper may be the share's last owner, and the exception must not
    // be freed on its thread while the caller still reads it (ThreadSanitizer saw exactly that:
    // libstdc++'s uninstrumented refcount gives it no order between the two threads).
    error = std::move(fan->error);
  }
  if (error) std::rethrow_exception(std::move(error));
}

}  // namespace parahash
