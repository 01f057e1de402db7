// A small bounded pool of threads for slow work that must not run on the I/O
// threads: argon2id hashing and verification (~70 ms and 64 MiB each). Two
// threads bound both the CPU and the memory that logins can take; the queue is
// bounded too, so a flood of logins is refused (the caller answers 503) instead
// of piling up. A timer lets the caller delay an answer (after a failed login)
// without holding a pool thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace rynek::accounts {

class HashPool {
 public:
  HashPool(unsigned threads, std::size_t max_queued);
  ~HashPool();
  HashPool(const HashPool&) = delete;
  HashPool& operator=(const HashPool&) = delete;

  // False (and `work` dropped) when the queue is full.
  bool post(std::function<void()> work);
  // Runs `work` on the timer thread after `delay`; keep it short.
  void post_after(std::chrono::milliseconds delay, std::function<void()> work);

  // The process-wide pool of two threads used by the login and password pages.
  static HashPool& shared();

 private:
  void run_worker();
  void run_timer();

  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable timer_ready_;
  std::deque<std::function<void()>> queue_;
  std::multimap<std::chrono::steady_clock::time_point, std::function<void()>> timers_;
  std::size_t max_queued_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace rynek::accounts
