#pragma once
// Threads for a compiled evaluator: the option threads(n), and the team of n - 1 threads an
// evaluator keeps for its whole life. Threads are created once, so that a call allocates
// nothing and does not pay for thread creation.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "errors.hpp"

namespace symgrad {

/// How many threads a compiled evaluator may use: `compile(threads(2), e...)`,
/// `value_and_grad(f, wrt(w, b), threads(2))`. Only a plan evaluated in blocks of rows
/// (sums over rows of data larger than a cache) is split; its results are bit-identical for
/// every thread count. Throws value_error for 0.
struct threads {
  explicit threads(std::size_t n) : count(n) {
    if (n == 0) throw value_error("symgrad: threads(0): an evaluator needs at least one thread");
  }
  std::size_t count;
};

}  // namespace symgrad

namespace symgrad::eval_detail {

// Waits until ready() holds: polling for about a millisecond first, since in a training loop
// the next call, or a worker's end, comes sooner than a sleeping thread wakes (a wake-up took
// 100-150 us on the benchmark machine, as long as a whole call on 3000 x 100), then asleep.
template <class Ready>
void await(std::mutex& m, std::condition_variable& cv, Ready ready) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(1);
  for (unsigned i = 0; !ready(); ++i) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
    if (i % 64 == 63 && std::chrono::steady_clock::now() > until) {
      std::unique_lock lock(m);
      cv.wait(lock, ready);
      return;
    }
  }
}

// n - 1 threads that, with the caller, run job(t) for t in [0, n) and return together.
class thread_team {
 public:
  explicit thread_team(std::size_t n) {
    workers_.reserve(n - 1);
    try {
      for (std::size_t t = 1; t < n; ++t) workers_.emplace_back([this, t] { work(t); });
    } catch (...) {
      stop();
      throw;
    }
  }
  thread_team(const thread_team&) = delete;
  thread_team& operator=(const thread_team&) = delete;
  ~thread_team() { stop(); }

  std::size_t size() const { return workers_.size() + 1; }

  // job(0) on this thread, job(t) on worker t; the first exception thrown is rethrown here
  // once every thread has finished.
  template <class F>
  void run(F& job) {
    call_ = [](const void* f, std::size_t t) { (*static_cast<F*>(const_cast<void*>(f)))(t); };
    job_ = &job;
    pending_.store(workers_.size(), std::memory_order_relaxed);
    signal(start_, [&] { generation_.fetch_add(1, std::memory_order_release); });
    std::exception_ptr mine;
    try {
      job(0);
    } catch (...) {
      mine = std::current_exception();
    }
    await(m_, done_, [this] { return pending_.load(std::memory_order_acquire) == 0; });
    std::exception_ptr theirs = std::exchange(error_, nullptr);
    if (mine) std::rethrow_exception(mine);
    if (theirs) std::rethrow_exception(theirs);
  }

 private:
  // A change a sleeping thread waits for: made under the lock, so that no wake-up is lost.
  template <class Change>
  void signal(std::condition_variable& cv, Change change) {
    {
      std::lock_guard lock(m_);
      change();
    }
    cv.notify_all();
  }

  void work(std::size_t t) {
    std::size_t seen = 0;
    for (;;) {
      await(m_, start_, [&] {
        return stopping_.load(std::memory_order_acquire) || generation_.load(std::memory_order_acquire) != seen;
      });
      if (stopping_.load(std::memory_order_acquire)) return;
      seen = generation_.load(std::memory_order_acquire);
      try {
        call_(job_, t);
      } catch (...) {
        std::lock_guard lock(m_);
        if (!error_) error_ = std::current_exception();
      }
      if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1) signal(done_, [] {});
    }
  }
  void stop() {
    signal(start_, [this] { stopping_.store(true, std::memory_order_release); });
    for (std::thread& w : workers_) w.join();
    workers_.clear();
  }

  std::mutex m_;
  std::condition_variable start_, done_;
  void (*call_)(const void*, std::size_t) = nullptr;
  const void* job_ = nullptr;
  std::atomic<std::size_t> pending_{0}, generation_{0};
  std::atomic<bool> stopping_{false};
  std::exception_ptr error_;
  std::vector<std::thread> workers_;
};

// The team of an evaluator and a workspace per worker. A copy of an evaluator gets a team of
// its own, of the same size.
template <class Space>
class helpers {
  struct state {
    explicit state(std::size_t n) : team(n), spaces(n - 1) {}
    thread_team team;
    std::vector<Space> spaces;
  };

 public:
  helpers() = default;
  explicit helpers(std::size_t n) { set(n); }
  helpers(const helpers& o) { set(o.size()); }
  helpers& operator=(const helpers& o) {
    if (this != &o) set(o.size());
    return *this;
  }
  helpers(helpers&&) noexcept = default;
  helpers& operator=(helpers&&) noexcept = default;

  void set(std::size_t n) {
    if (n == size()) return;
    s_.reset();
    if (n > 1) s_ = std::make_unique<state>(n);
  }
  std::size_t size() const { return s_ ? s_->team.size() : 1; }
  thread_team* team() { return s_ ? &s_->team : nullptr; }  // none for one thread
  Space& space(std::size_t t) { return s_->spaces[t - 1]; }  // worker t's

 private:
  std::unique_ptr<state> s_;
};

}  // namespace symgrad::eval_detail
