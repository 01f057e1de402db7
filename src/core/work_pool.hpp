// A small bounded pool of threads for slow work that must not run on the I/O
// threads: argon2id hashing and verification (~70 ms and 64 MiB each), image
// decoding of uploads. serve() owns the one pool and stops it after the server
// and before what its jobs refer to; queued jobs still run when it stops. Two
// threads bound both the CPU and the memory that logins can take; the queue is
// bounded too, so a flood of logins is refused (the caller answers 503) instead
// of piling up. A timer lets the caller delay an answer (after a failed login)
// without holding a pool thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "core/unique_function.hpp"

namespace rynek::core {

// Whether a job got a place in the queue.
enum class Admission { admitted, refused };

class WorkPool {
 public:
  WorkPool(unsigned threads, std::size_t max_queued);
  ~WorkPool();  // stop()
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // False (and `work` dropped) when the queue is full or the pool is stopping.
  bool post(UniqueFunction<void()> work);
  // For jobs that owe an answer: runs job(admitted) on a pool thread, or, when the
  // queue is full, job(refused) at once on the calling thread (to answer 503).
  // Returns whether the job was admitted.
  bool post_or_refuse(UniqueFunction<void(Admission)> job);
  // Runs `work` on the timer thread after `delay`; keep it short.
  void post_after(std::chrono::milliseconds delay, UniqueFunction<void()> work);
  // Refuses new work, runs what is queued (timers at once) and joins the threads.
  void stop();

 private:
  void run_worker();
  void run_timer();

  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable timer_ready_;
  std::deque<UniqueFunction<void()>> queue_;
  std::multimap<std::chrono::steady_clock::time_point, UniqueFunction<void()>> timers_;
  std::size_t max_queued_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace rynek::core
