#include <catch2/catch.hpp>

#include <map>
#include <random>

#include "engine/engine.hpp"
#include "engine/host_kernels.hpp"
#include "kernels/hmac.hpp"
#include "kernels/registry.hpp"
#include "test_support.hpp"

using namespace parahash;
using parahash::test::to_hex;

namespace {

// The native stand-in for the WebAssembly completion ring.
class WaitingSink final : public CompletionSink {
 public:
  void complete(const Completion& c) noexcept override {
    { std::lock_guard lock(m_); done_[c.id] = c.status; }
    cv_.notify_all();
  }
  void notify() noexcept override {}
  // An inline pool's jobs run only when asked (the build without threads): wait_for runs them.
  void run_with(ThreadPool& pool) { pool_ = &pool; }
  Status wait_for(JobId id) {
    if (pool_ != nullptr) pool_->run_queued(std::chrono::hours(1));
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return done_.count(id) > 0; });
    return done_[id];
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::map<JobId, Status> done_;
  ThreadPool* pool_ = nullptr;
};

HashParams with_output(std::size_t bytes) {
  HashParams p;
  p.output_length = bytes;
  return p;
}

std::string reference_hex(const std::vector<std::uint8_t>& data) {
  auto state = find_kernel("sha256")->create();
  state->update(data.data(), data.size());
  std::vector<std::uint8_t> out(32);
  state->finish(out.data(), out.size());
  return to_hex(out);
}

}  // namespace

TEST_CASE("engine hashes in chunks on the pool, many inputs at once", "[engine]") {
  for (unsigned threads : {0u, 4u}) {
    CAPTURE(threads);
    WaitingSink sink;
    Engine engine(threads, sink);
    sink.run_with(engine.pool());
    const int sha = kernel_index("sha256");
    std::mt19937 rng(7);
    constexpr int kInputs = 64;
    std::vector<std::vector<std::uint8_t>> inputs(kInputs);
    std::vector<std::unique_ptr<HashState>> states;
    std::vector<std::vector<std::uint8_t>> outs(kInputs, std::vector<std::uint8_t>(32));
    std::vector<JobId> ids;
    for (int i = 0; i < kInputs; ++i) {
      inputs[i].resize(rng() % 5000);
      for (auto& b : inputs[i]) b = static_cast<std::uint8_t>(rng());
      states.push_back(Engine::create_state(sha, with_output(32)));
    }
    // Two chunks per input, the second finishing: the same shape the JS layer uses.
    for (int i = 0; i < kInputs; ++i) {
      std::size_t half = inputs[i].size() / 2;
      JobId first = engine.submit_hash(states[i].get(), inputs[i].data(), half, nullptr, 0);
      REQUIRE(sink.wait_for(first).ok());
      ids.push_back(engine.submit_hash(states[i].get(), inputs[i].data() + half,
                                       inputs[i].size() - half, outs[i].data(), 32));
    }
    for (int i = 0; i < kInputs; ++i) {
      REQUIRE(sink.wait_for(ids[i]).ok());
      CHECK(to_hex(outs[i]) == reference_hex(inputs[i]));
    }
  }
}

TEST_CASE("engine reports bad input as a status and keeps working", "[engine]") {
  WaitingSink sink;
  Engine engine(2, sink);
  REQUIRE_THROWS_AS(Engine::create_state(999, with_output(32)), Error);
  REQUIRE_THROWS_AS(Engine::create_state(kernel_index("sha256"), with_output(31)), Error);
  HashParams keyed = with_output(32);
  std::uint8_t key_byte = 1;
  keyed.key = &key_byte;
  keyed.key_length = 1;
  REQUIRE_THROWS_AS(Engine::create_state(kernel_index("sha256"), keyed), Error);  // no key option
  HashParams seeded = with_output(32);
  seeded.seed = 1;
  REQUIRE_THROWS_AS(Engine::create_state(kernel_index("sha256"), seeded), Error);  // no seed option
  if constexpr (sizeof(std::size_t) >= 8) {
    auto state = Engine::create_state(kernel_index("sha256"), with_output(32));
    std::uint8_t byte = 0;
    JobId id = engine.submit_hash(state.get(), &byte, std::size_t{1} << 62, nullptr, 0);
    CHECK(sink.wait_for(id).code == ErrorCode::input_too_large);
  }
  std::vector<std::uint8_t> data = {'a', 'b', 'c'}, out(32);
  auto state = Engine::create_state(kernel_index("sha256"), with_output(32));
  JobId id = engine.submit_hash(state.get(), data.data(), data.size(), out.data(), out.size());
  REQUIRE(sink.wait_for(id).ok());
  CHECK(to_hex(out) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  engine.shutdown();
  REQUIRE_THROWS_AS(engine.submit_hash(state.get(), data.data(), 0, nullptr, 0), Error);
}

TEST_CASE("a batch hashes every message once, fanned out over the threads", "[engine][batch]") {
  // 0: the inline pool of the build without threads.
  for (unsigned threads : {0u, 1u, 2u, 4u}) {
    CAPTURE(threads);
    WaitingSink sink;
    Engine engine(threads, sink);
    sink.run_with(engine.pool());
    std::mt19937 rng(threads);
    for (std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{1000}}) {
      CAPTURE(count);
      std::vector<std::uint8_t> data;
      std::vector<std::uint32_t> offsets{0};
      for (std::size_t i = 0; i < count; ++i) {
        std::size_t len = rng() % 300;
        for (std::size_t b = 0; b < len; ++b) data.push_back(static_cast<std::uint8_t>(rng()));
        offsets.push_back(static_cast<std::uint32_t>(data.size()));
      }
      data.push_back(0);  // so data.data() is valid when every message is empty
      std::vector<std::uint8_t> out(count * 32 + 1);
      JobId id = engine.submit_batch(kernel_index("sha256"), with_output(32), data.data(), offsets.data(), count, out.data());
      REQUIRE(sink.wait_for(id).ok());
      for (std::size_t i = 0; i < count; ++i) {
        std::vector<std::uint8_t> message(data.begin() + offsets[i], data.begin() + offsets[i + 1]);
        std::vector<std::uint8_t> digest(out.begin() + 32 * i, out.begin() + 32 * (i + 1));
        CHECK(to_hex(digest) == reference_hex(message));
      }
    }
    REQUIRE_THROWS_AS(engine.submit_batch(-1, with_output(32), nullptr, nullptr, 0, nullptr), Error);
    REQUIRE_THROWS_AS(engine.submit_batch(kernel_index("sha256"), with_output(31), nullptr, nullptr, 0, nullptr), Error);
  }
}

TEST_CASE("update_parallel through the pool equals plain update (BLAKE3's chunk fan-out)", "[engine][blake3]") {
  std::mt19937 rng(3);
  std::vector<std::uint8_t> data(3 * 1024 * 1024 + 777);
  for (auto& b : data) b = static_cast<std::uint8_t>(rng());
  const Kernel& blake3 = *find_kernel("blake3");
  for (unsigned threads : {0u, 1u, 2u, 4u}) {
    CAPTURE(threads);
    ThreadPool pool(threads);
    FanOut fan_out = [&](std::size_t n, const std::function<void(std::size_t)>& body) { pool.parallel_for(n, body); };
    for (std::size_t len : {std::size_t{0}, std::size_t{1024}, std::size_t{65 * 1024}, data.size()}) {
      CAPTURE(len);
      auto sequential = blake3.create();
      sequential->update(data.data(), len);
      auto parallel = blake3.create();
      // Two calls, the first ending mid-chunk, so the parallel path starts from a partial chunk.
      std::size_t split = len / 3;
      parallel->update_parallel(data.data(), split, fan_out);
      parallel->update_parallel(data.data() + split, len - split, fan_out);
      std::vector<std::uint8_t> a(64), b(64);
      sequential->finish(a.data(), a.size());
      parallel->finish(b.data(), b.size());
      CHECK(to_hex(a) == to_hex(b));
    }
  }
}

TEST_CASE("chunks of one state submitted together run in order, across streams", "[engine][stream]") {
  WaitingSink sink;
  Engine engine(4, sink);
  std::mt19937 rng(11);
  // Eight streams, each with all of its chunks in flight at once: any reordering or overlap
  // within a stream changes its digest.
  constexpr int kStreams = 8;
  constexpr int kChunks = 16;
  const std::size_t chunk_bytes = 4097;
  for (const char* name : {"sha256", "blake3"}) {
    const int index = kernel_index(name);
    std::vector<std::vector<std::uint8_t>> inputs(kStreams, std::vector<std::uint8_t>(kChunks * chunk_bytes));
    std::vector<std::unique_ptr<HashState>> states;
    std::vector<std::vector<std::uint8_t>> outs(kStreams, std::vector<std::uint8_t>(32));
    std::vector<JobId> ids;
    for (int s = 0; s < kStreams; ++s) {
      for (auto& b : inputs[s]) b = static_cast<std::uint8_t>(rng());
      states.push_back(Engine::create_state(index, with_output(32)));
    }
    for (int c = 0; c < kChunks; ++c) {
      for (int s = 0; s < kStreams; ++s) {
        const bool last = c == kChunks - 1;
        ids.push_back(engine.submit_hash(states[s].get(), inputs[s].data() + c * chunk_bytes, chunk_bytes,
                                         last ? outs[s].data() : nullptr, last ? 32 : 0));
      }
    }
    for (JobId id : ids) REQUIRE(sink.wait_for(id).ok());
    for (int s = 0; s < kStreams; ++s) {
      auto expect = find_kernel(name)->create();
      expect->update(inputs[s].data(), inputs[s].size());
      std::vector<std::uint8_t> want(32);
      expect->finish(want.data(), 32);
      CHECK(to_hex(outs[s]) == to_hex(want));
    }
  }
}

TEST_CASE("a chunk waiting behind its state's running chunk can be cancelled", "[engine][stream]") {
  WaitingSink sink;
  Engine engine(1, sink);
  parahash::test::Gate release;
  parahash::test::Gate running;
  // Occupy the only thread so every piece below waits.
  engine.pool().submit([&] { running.open(); release.wait(); }, {});
  running.wait();
  auto state = Engine::create_state(kernel_index("sha256"), with_output(32));
  std::vector<std::uint8_t> data(1000, 7), out(32);
  const JobId first = engine.submit_hash(state.get(), data.data(), 500, nullptr, 0);
  const JobId second = engine.submit_hash(state.get(), data.data() + 500, 500, nullptr, 0);
  const JobId third = engine.submit_hash(state.get(), data.data() + 500, 500, out.data(), 32);
  CHECK(engine.cancel(second));      // waiting behind `first`: leaves at once
  CHECK_FALSE(engine.cancel(second));  // already gone
  CHECK(sink.wait_for(second).code == ErrorCode::aborted);
  release.open();
  CHECK(sink.wait_for(first).ok());
  CHECK(sink.wait_for(third).ok());
  CHECK(to_hex(out) == reference_hex(data));  // the cancelled piece's bytes were never absorbed
}

TEST_CASE("a batch keeps its own copies of the key and the context", "[engine][batch]") {
  WaitingSink sink;
  Engine engine(1, sink);
  parahash::test::Gate release;
  parahash::test::Gate running;
  engine.pool().submit([&] { running.open(); release.wait(); }, {});
  running.wait();  // the batch below stays queued until the caller's buffers are overwritten
  const std::vector<std::uint8_t> data = {'a', 'b', 'c', 'd'};
  const std::vector<std::uint32_t> offsets = {0, 1, 4};
  std::vector<std::uint8_t> key(32, 0x5a), context = {'c', 't', 'x'};
  const int blake3 = kernel_index("blake3");
  HashParams keyed = with_output(32);
  keyed.key = key.data();
  keyed.key_length = key.size();
  HashParams derive = with_output(32);
  derive.context = context.data();
  derive.context_length = context.size();
  derive.has_context = true;
  std::vector<std::uint8_t> keyed_out(64), derive_out(64);
  const JobId keyed_id = engine.submit_batch(blake3, keyed, data.data(), offsets.data(), 2, keyed_out.data());
  const JobId derive_id = engine.submit_batch(blake3, derive, data.data(), offsets.data(), 2, derive_out.data());
  const auto expected = [&](const HashParams& params, std::size_t from, std::size_t to) {
    auto state = Engine::create_state(blake3, params);
    state->update(data.data() + from, to - from);
    std::vector<std::uint8_t> out(32);
    state->finish(out.data(), 32);
    return to_hex(out);
  };
  const std::string want[4] = {expected(keyed, 0, 1), expected(keyed, 1, 4), expected(derive, 0, 1), expected(derive, 1, 4)};
  std::fill(key.begin(), key.end(), 0);  // what JS does: wipe and free right after submitting
  std::fill(context.begin(), context.end(), 0);
  release.open();
  REQUIRE(sink.wait_for(keyed_id).ok());
  REQUIRE(sink.wait_for(derive_id).ok());
  CHECK(to_hex({keyed_out.begin(), keyed_out.begin() + 32}) == want[0]);
  CHECK(to_hex({keyed_out.begin() + 32, keyed_out.end()}) == want[1]);
  CHECK(to_hex({derive_out.begin(), derive_out.begin() + 32}) == want[2]);
  CHECK(to_hex({derive_out.begin() + 32, derive_out.end()}) == want[3]);
}

namespace {

// A host kernel as node:crypto's behaves (wasm/host_kernels.cpp), over the portable kernel: bound
// to the pool thread that first feeds it until finish(), and failing when fed or copied off it.
class BoundState final : public HashState {
 public:
  explicit BoundState(std::unique_ptr<HashState> inner) : inner_(std::move(inner)) {}
  void update(const std::uint8_t* data, std::size_t len) override {
    bind();
    inner_->update(data, len);
  }
  void finish(std::uint8_t* out, std::size_t len) override {
    bind();
    inner_->finish(out, len);
    home_ = -1;
  }
  void reset() override {
    inner_->reset();
    home_ = -1;
  }
  std::unique_ptr<HashState> clone() const override {
    if (home_ >= 0 && ThreadPool::current_worker() != home_) throw Error(ErrorCode::internal, "copied off its thread");
    auto copy = std::make_unique<BoundState>(inner_->clone());
    copy->home_ = home_;
    return copy;
  }
  int home_thread() const noexcept override { return home_; }

 private:
  void bind() {
    const int here = ThreadPool::current_worker();
    if (home_ < 0) home_ = here;
    if (home_ != here) throw Error(ErrorCode::internal, "fed off its thread");
  }
  std::unique_ptr<HashState> inner_;
  int home_ = -1;
};

class BoundKernels final : public HostKernels {
 public:
  std::atomic<int> made{0};
  std::unique_ptr<HashState> create(int, const Kernel& k, const HashParams& p) override {
    made++;
    return std::make_unique<BoundState>(k.create(p));
  }
  std::unique_ptr<HashState> create_hmac(int, const Kernel& k, const std::uint8_t* key, std::size_t len) override {
    return make_hmac(k, [&] { return std::make_unique<BoundState>(k.create()); }, key, len);
  }
};

struct HostKernelsFor {
  explicit HostKernelsFor(HostKernels& host) { set_host_kernels(&host); }
  ~HostKernelsFor() { set_host_kernels(nullptr); }
};

}  // namespace

TEST_CASE("a state bound to a thread has its pieces and copies pinned there, across streams", "[engine][host]") {
  BoundKernels host;
  HostKernelsFor registered(host);
  WaitingSink sink;
  Engine engine(4, sink);
  std::mt19937 rng(5);
  constexpr int kStreams = 8;
  constexpr int kChunks = 12;
  const std::size_t chunk_bytes = 3001;
  const int sha256 = kernel_index("sha256");
  const std::vector<std::uint8_t> key(100, 0x0b);  // longer than SHA-256's block: hashed first
  for (bool hmac : {false, true}) {
    CAPTURE(hmac);
    std::vector<std::vector<std::uint8_t>> inputs(kStreams, std::vector<std::uint8_t>(kChunks * chunk_bytes));
    std::vector<std::unique_ptr<HashState>> states;
    std::vector<std::uintptr_t> copies(kStreams, 0);
    std::vector<std::vector<std::uint8_t>> outs(kStreams, std::vector<std::uint8_t>(32));
    std::vector<std::vector<std::uint8_t>> copy_outs(kStreams, std::vector<std::uint8_t>(32));
    std::vector<JobId> ids;
    for (int s = 0; s < kStreams; ++s) {
      for (auto& b : inputs[s]) b = static_cast<std::uint8_t>(rng());
      states.push_back(hmac ? Engine::create_hmac_state(sha256, key.data(), key.size())
                            : Engine::create_state(sha256, with_output(32)));
    }
    for (int c = 0; c < kChunks; ++c) {
      for (int s = 0; s < kStreams; ++s) {
        const bool last = c == kChunks - 1;
        ids.push_back(engine.submit_hash(states[s].get(), inputs[s].data() + c * chunk_bytes, chunk_bytes,
                                         last ? outs[s].data() : nullptr, last ? 32 : 0));
        // Half way, a copy, made behind the pieces before it and on the state's thread.
        if (c == kChunks / 2 - 1) ids.push_back(engine.submit_clone(states[s].get(), &copies[s]));
      }
    }
    for (JobId id : ids) REQUIRE(sink.wait_for(id).ok());
    for (int s = 0; s < kStreams; ++s) {
      // The copy is bound where its original was, and finishes there.
      std::unique_ptr<HashState> copy(reinterpret_cast<HashState*>(copies[s]));
      REQUIRE(copy != nullptr);
      CHECK(copy->home_thread() >= 0);
      REQUIRE(sink.wait_for(engine.submit_hash(copy.get(), nullptr, 0, copy_outs[s].data(), 32)).ok());
      const auto expect = [&](std::size_t len) {
        auto state = hmac ? make_hmac(*find_kernel("sha256"), key.data(), key.size()) : find_kernel("sha256")->create();
        state->update(inputs[s].data(), len);
        std::vector<std::uint8_t> want(32);
        state->finish(want.data(), 32);
        return to_hex(want);
      };
      CHECK(to_hex(outs[s]) == expect(inputs[s].size()));
      CHECK(to_hex(copy_outs[s]) == expect(kChunks / 2 * chunk_bytes));
      CHECK(states[s]->home_thread() == -1);  // finished: free to go anywhere again
    }
  }
  CHECK(host.made > 0);
  // A batch makes a state per piece on its own thread; every message is finished there.
  std::vector<std::uint8_t> data(64 * 100);
  for (auto& b : data) b = static_cast<std::uint8_t>(rng());
  std::vector<std::uint32_t> offsets(101);
  for (std::uint32_t i = 0; i <= 100; ++i) offsets[i] = i * 64;
  std::vector<std::uint8_t> out(100 * 32);
  REQUIRE(sink.wait_for(engine.submit_batch(sha256, with_output(32), data.data(), offsets.data(), 100, out.data())).ok());
  std::vector<std::uint8_t> first(data.begin(), data.begin() + 64);
  CHECK(to_hex(std::vector<std::uint8_t>(out.begin(), out.begin() + 32)) == reference_hex(first));
}

namespace {

// A host that reaches "shared" bytes the engine cannot see: buffer n of its own table, hashed a
// slice at a time with a safe point between slices, as wasm/host_kernels.cpp does.
class SharedTableKernels final : public HostKernels {
 public:
  std::vector<std::vector<std::uint8_t>> buffers;
  std::atomic<int> tended_on_wrong_thread{0};
  std::atomic<int> tended{0};
  unsigned expect_worker = 0;

  std::unique_ptr<HashState> create(int, const Kernel&, const HashParams&) override { return nullptr; }
  std::unique_ptr<HashState> create_hmac(int, const Kernel&, const std::uint8_t*, std::size_t) override { return nullptr; }
  SharedOutcome hash_shared(int, const Kernel& k, const HashParams& p, const SharedSource& source, std::uint8_t* out,
                            std::size_t out_len, const StopToken& stop) override {
    if (source.channel == 0) return SharedOutcome::declined;
    if (source.buffer >= buffers.size()) return SharedOutcome::missing;
    const auto& bytes = buffers[source.buffer];
    // No Catch2 assertion here: this runs on a pool thread.
    if (source.offset + source.length > bytes.size()) throw Error(ErrorCode::invalid_arg, "past the buffer's end");
    auto state = k.create(p);
    for (std::uint64_t done = 0; done < source.length; done += 1000) {
      stop.throw_if_stopped("hash");
      state->update(bytes.data() + source.offset + done, std::min<std::uint64_t>(1000, source.length - done));
    }
    state->finish(out, out_len);
    return SharedOutcome::hashed;
  }
  void tend_shared(std::uint64_t) override {
    ++tended;
    if (ThreadPool::current_worker() != static_cast<int>(expect_worker)) ++tended_on_wrong_thread;
  }
};

}  // namespace

TEST_CASE("shared sources: hashed by the host, declined, stopped, and tended on the thread asked", "[engine][host]") {
  SharedTableKernels host;
  std::mt19937 rng(21);
  for (std::size_t n : {0u, 1u, 999u, 1000u, 1001u, 70000u}) {
    std::vector<std::uint8_t> bytes(n + 13);
    for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
    host.buffers.push_back(std::move(bytes));
  }
  const int sha256 = kernel_index("sha256");
  WaitingSink sink;
  Engine engine(3, sink);
  // Without a host, nothing reaches such bytes: refused at once.
  JobControl control;
  std::vector<std::uint8_t> out(32);
  REQUIRE_THROWS_AS(engine.submit_shared_hash(sha256, with_output(32), SharedSource{1, 0, 0, 1}, out.data(), &control), Error);
  HostKernelsFor registered(host);
  HashParams keyed = with_output(32);
  keyed.seed = 1;
  REQUIRE_THROWS_AS(engine.submit_shared_hash(sha256, keyed, SharedSource{1, 0, 0, 1}, out.data(), &control), Error);
  REQUIRE_THROWS_AS(engine.submit_shared_hash(999, with_output(32), SharedSource{1, 0, 0, 1}, out.data(), &control), Error);

  // Many at once, from every buffer at offset 13: each digest as the portable kernel gives it.
  std::vector<JobControl> controls(host.buffers.size() * 4);
  std::vector<std::vector<std::uint8_t>> outs(controls.size(), std::vector<std::uint8_t>(32));
  std::vector<JobId> ids;
  for (std::size_t i = 0; i < controls.size(); ++i) {
    const std::size_t b = i % host.buffers.size();
    ids.push_back(engine.submit_shared_hash(sha256, with_output(32), SharedSource{7, b, 13, host.buffers[b].size() - 13},
                                            outs[i].data(), &controls[i]));
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    REQUIRE(sink.wait_for(ids[i]).ok());
    const auto& bytes = host.buffers[i % host.buffers.size()];
    CHECK(controls[i].progress == 0);
    CHECK(to_hex(outs[i]) == reference_hex(std::vector<std::uint8_t>(bytes.begin() + 13, bytes.end())));
  }

  // A buffer the host lacks: ok, out untouched, progress says declined.
  JobControl declined;
  std::vector<std::uint8_t> untouched(32, 0xee);
  REQUIRE(sink.wait_for(engine.submit_shared_hash(sha256, with_output(32), SharedSource{7, 99, 0, 5}, untouched.data(), &declined)).ok());
  CHECK(declined.progress == static_cast<std::int32_t>(SharedOutcome::missing));
  CHECK(untouched == std::vector<std::uint8_t>(32, 0xee));
  JobControl not_run;
  REQUIRE(sink.wait_for(engine.submit_shared_hash(sha256, with_output(32), SharedSource{0, 1, 0, 5}, untouched.data(), &not_run)).ok());
  CHECK(not_run.progress == static_cast<std::int32_t>(SharedOutcome::declined));
  CHECK(untouched == std::vector<std::uint8_t>(32, 0xee));

  // A stop asked before it starts, or while it runs, ends it aborted.
  JobControl stopped;
  stopped.stop = 1;
  CHECK(sink.wait_for(engine.submit_shared_hash(sha256, with_output(32), SharedSource{7, 5, 0, 70000}, out.data(), &stopped)).code ==
        ErrorCode::aborted);

  // Upkeep runs on the worker named, every time.
  for (unsigned worker : {0u, 1u, 2u}) {
    host.expect_worker = worker;
    for (int i = 0; i < 5; ++i) REQUIRE(sink.wait_for(engine.submit_shared_upkeep(worker, 7)).ok());
  }
  CHECK(host.tended == 15);
  CHECK(host.tended_on_wrong_thread == 0);
  REQUIRE_THROWS_AS(engine.submit_shared_upkeep(3, 7), Error);
}
