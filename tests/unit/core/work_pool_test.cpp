#include "core/work_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <optional>

namespace rynek::core {
namespace {

using namespace std::chrono_literals;

TEST(WorkPool, RunsPostedWorkOffTheCallingThread) {
  std::promise<std::thread::id> ran;  // outlives the pool, whose threads touch it
  WorkPool pool(2, 8);
  ASSERT_TRUE(pool.post([&] { ran.set_value(std::this_thread::get_id()); }));
  EXPECT_NE(ran.get_future().get(), std::this_thread::get_id());
}

TEST(WorkPool, RefusesWorkBeyondItsQueueBound) {
  std::promise<void> release;
  auto released = release.get_future().share();
  std::promise<void> started;
  WorkPool pool(1, 2);  // declared last: stopped before what its work refers to goes away
  ASSERT_TRUE(pool.post([&] {
    started.set_value();
    released.wait();
  }));
  started.get_future().wait();  // the one thread is busy; the queue is empty
  EXPECT_TRUE(pool.post([] {}));
  EXPECT_TRUE(pool.post([] {}));
  EXPECT_FALSE(pool.post([] {}));
  // A job that owes an answer hears of the refusal on the calling thread.
  std::optional<std::pair<Admission, std::thread::id>> heard;
  EXPECT_FALSE(pool.post_or_refuse(
      [&](Admission admission) { heard.emplace(admission, std::this_thread::get_id()); }));
  ASSERT_TRUE(heard);
  EXPECT_EQ(heard->first, Admission::refused);
  EXPECT_EQ(heard->second, std::this_thread::get_id());
  release.set_value();
}

TEST(WorkPool, AdmittedJobsRunOnAPoolThread) {
  std::promise<std::pair<Admission, std::thread::id>> ran;
  WorkPool pool(1, 4);
  ASSERT_TRUE(pool.post_or_refuse([&](Admission admission) {
    ran.set_value({admission, std::this_thread::get_id()});
  }));
  auto [admission, thread] = ran.get_future().get();
  EXPECT_EQ(admission, Admission::admitted);
  EXPECT_NE(thread, std::this_thread::get_id());
}

TEST(WorkPool, DelayedWorkRunsAfterItsDelayInOrder) {
  std::mutex mutex;
  std::vector<int> order;
  std::promise<void> done;
  WorkPool pool(1, 4);
  auto start = std::chrono::steady_clock::now();
  pool.post_after(60ms, [&] {
    std::lock_guard lock(mutex);
    order.push_back(2);
    done.set_value();
  });
  pool.post_after(10ms, [&] {
    std::lock_guard lock(mutex);
    order.push_back(1);
  });
  done.get_future().wait();
  EXPECT_GE(std::chrono::steady_clock::now() - start, 60ms);
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
}

TEST(WorkPool, PendingTimersStillRunWhenThePoolStops) {
  std::atomic<bool> ran = false;
  {
    WorkPool pool(1, 4);
    pool.post_after(std::chrono::hours(1), [&] { ran = true; });
  }
  EXPECT_TRUE(ran);
}

}  // namespace
}  // namespace rynek::core
