#include "accounts/hash_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

namespace rynek::accounts {
namespace {

using namespace std::chrono_literals;

TEST(HashPool, RunsPostedWorkOffTheCallingThread) {
  std::promise<std::thread::id> ran;  // outlives the pool, whose threads touch it
  HashPool pool(2, 8);
  ASSERT_TRUE(pool.post([&] { ran.set_value(std::this_thread::get_id()); }));
  EXPECT_NE(ran.get_future().get(), std::this_thread::get_id());
}

TEST(HashPool, RefusesWorkBeyondItsQueueBound) {
  std::promise<void> release;
  auto released = release.get_future().share();
  std::promise<void> started;
  HashPool pool(1, 2);  // declared last: stopped before what its work refers to goes away
  ASSERT_TRUE(pool.post([&] {
    started.set_value();
    released.wait();
  }));
  started.get_future().wait();  // the one thread is busy; the queue is empty
  EXPECT_TRUE(pool.post([] {}));
  EXPECT_TRUE(pool.post([] {}));
  EXPECT_FALSE(pool.post([] {}));
  release.set_value();
}

TEST(HashPool, DelayedWorkRunsAfterItsDelayInOrder) {
  std::mutex mutex;
  std::vector<int> order;
  std::promise<void> done;
  HashPool pool(1, 4);
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

TEST(HashPool, PendingTimersStillRunWhenThePoolStops) {
  std::atomic<bool> ran = false;
  {
    HashPool pool(1, 4);
    pool.post_after(std::chrono::hours(1), [&] { ran = true; });
  }
  EXPECT_TRUE(ran);
}

}  // namespace
}  // namespace rynek::accounts
