#include "accounts/hash_pool.hpp"

#include <spdlog/spdlog.h>

namespace rynek::accounts {

HashPool::HashPool(unsigned threads, std::size_t max_queued) : max_queued_(max_queued) {
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { run_worker(); });
  threads_.emplace_back([this] { run_timer(); });
}

HashPool::~HashPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  timer_ready_.notify_all();
  for (auto& thread : threads_) thread.join();
}

HashPool& HashPool::shared() {
  static HashPool pool(2, 256);
  return pool;
}

bool HashPool::post(std::function<void()> work) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= max_queued_) return false;
    queue_.push_back(std::move(work));
  }
  work_ready_.notify_one();
  return true;
}

void HashPool::post_after(std::chrono::milliseconds delay, std::function<void()> work) {
  {
    std::lock_guard lock(mutex_);
    timers_.emplace(std::chrono::steady_clock::now() + delay, std::move(work));
  }
  timer_ready_.notify_one();
}

void HashPool::run_worker() {
  std::unique_lock lock(mutex_);
  for (;;) {
    work_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    // Queued work still runs when stopping: each item owes someone an answer.
    if (queue_.empty()) return;
    auto work = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    try {
      work();
    } catch (const std::exception& e) {
      spdlog::error("hash pool task failed: {}", e.what());
    }
    lock.lock();
  }
}

void HashPool::run_timer() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (timers_.empty()) {
      if (stopping_) return;
      timer_ready_.wait(lock);
      continue;
    }
    auto first = timers_.begin();
    // When stopping, pending answers are sent at once rather than dropped.
    if (!stopping_ && first->first > std::chrono::steady_clock::now()) {
      timer_ready_.wait_until(lock, first->first);
      continue;
    }
    auto work = std::move(first->second);
    timers_.erase(first);
    lock.unlock();
    try {
      work();
    } catch (const std::exception& e) {
      spdlog::error("hash pool timer failed: {}", e.what());
    }
    lock.lock();
  }
}

}  // namespace rynek::accounts
