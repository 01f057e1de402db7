#include "core/work_pool.hpp"

#include <spdlog/spdlog.h>

#include <memory>

namespace rynek::core {

WorkPool::WorkPool(unsigned threads, std::size_t max_queued) : max_queued_(max_queued) {
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { run_worker(); });
  threads_.emplace_back([this] { run_timer(); });
}

WorkPool::~WorkPool() {
  stop();
}

void WorkPool::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  work_ready_.notify_all();
  timer_ready_.notify_all();
  for (auto& thread : threads_) thread.join();
  threads_.clear();
}

bool WorkPool::post(UniqueFunction<void()> work) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= max_queued_) return false;
    queue_.push_back(std::move(work));
  }
  work_ready_.notify_one();
  return true;
}

bool WorkPool::post_or_refuse(UniqueFunction<void(Admission)> job) {
  auto shared = std::make_shared<UniqueFunction<void(Admission)>>(std::move(job));
  if (post([shared] { (*shared)(Admission::admitted); })) return true;
  (*shared)(Admission::refused);
  return false;
}

void WorkPool::post_after(std::chrono::milliseconds delay, UniqueFunction<void()> work) {
  {
    std::lock_guard lock(mutex_);
    timers_.emplace(std::chrono::steady_clock::now() + delay, std::move(work));
  }
  timer_ready_.notify_one();
}

void WorkPool::run_worker() {
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
      spdlog::error("work pool task failed: {}", e.what());
    }
    lock.lock();
  }
}

void WorkPool::run_timer() {
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

}  // namespace rynek::core
