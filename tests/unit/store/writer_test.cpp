#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <mutex>
#include <thread>

#include "store/database.hpp"
#include "temp_dir.hpp"

namespace rynek::store {
namespace {

// Counts completions and lets a test wait until all have arrived.
class Completions {
 public:
  WriteDone callback(std::size_t index) {
    return [this, index](WriteOutcome outcome) {
      std::lock_guard lock(mutex_);
      calls_.at(index) += 1;
      if (outcome.ok) ok_ += 1;
      outcomes_.at(index) = std::move(outcome);
      ++done_;
      changed_.notify_all();
    };
  }
  explicit Completions(std::size_t count) : calls_(count, 0), outcomes_(count) {}
  void wait() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return done_ == calls_.size(); });
  }
  std::vector<int> calls_;
  std::vector<WriteOutcome> outcomes_;
  std::size_t ok_ = 0;

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t done_ = 0;
};

class WriterTest : public ::testing::Test {
 protected:
  void open(bool synchronous_full) {
    db_ = open_database({dir_.file("app.db"), "", 2, synchronous_full});
    db_->write_and_wait([](Connection& c) {
      c.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, n INTEGER NOT NULL UNIQUE)");
    });
  }
  std::int64_t count() {
    return db_->read(
        [](Connection& c) { return c.query("SELECT count(*) FROM items")[0].integer(0); });
  }
  static WriteJob insert(std::int64_t n) {
    return [n](Connection& c) { c.execute("INSERT INTO items (n) VALUES (?)", {n}); };
  }

  test::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(WriterTest, ConcurrentWritersAllCommitExactlyOnce) {
  open(false);
  constexpr int kThreads = 4, kPerThread = 2000;
  Completions completions(kThreads * kPerThread);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::size_t index = static_cast<std::size_t>(t * kPerThread + i);
        db_->write(insert(static_cast<std::int64_t>(index)), completions.callback(index));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  completions.wait();
  EXPECT_EQ(completions.ok_, static_cast<std::size_t>(kThreads * kPerThread));
  for (int calls : completions.calls_) ASSERT_EQ(calls, 1);
  EXPECT_EQ(count(), kThreads * kPerThread);
  auto distinct = db_->read(
      [](Connection& c) { return c.query("SELECT count(DISTINCT n) FROM items")[0].integer(0); });
  EXPECT_EQ(distinct, kThreads * kPerThread);
}

TEST_F(WriterTest, FailingJobInBatchDoesNotLoseTheOthers) {
  open(false);
  // Hold the writer busy so that the next jobs queue up into one batch.
  std::promise<void> release;
  auto gate = release.get_future().share();
  db_->write([gate](Connection&) { gate.wait(); }, nullptr);

  Completions completions(5);
  db_->write(insert(1), completions.callback(0));
  db_->write(
      [](Connection& c) {
        c.execute("INSERT INTO items (n) VALUES (100)");  // undone with its savepoint
        c.execute("INSERT INTO items (n) VALUES (1)");    // duplicate
      },
      completions.callback(1));
  db_->write(insert(2), completions.callback(2));
  db_->write(
      [](Connection& c) {
        c.execute("INSERT INTO items (n) VALUES (200)");
        throw std::runtime_error("rule broken");
      },
      completions.callback(3));
  db_->write(insert(3), completions.callback(4));
  release.set_value();
  completions.wait();

  EXPECT_TRUE(completions.outcomes_[0].ok);
  EXPECT_FALSE(completions.outcomes_[1].ok);
  EXPECT_EQ(completions.outcomes_[1].error, DbErrc::unique_violation);
  EXPECT_TRUE(completions.outcomes_[2].ok);
  EXPECT_FALSE(completions.outcomes_[3].ok);
  EXPECT_FALSE(completions.outcomes_[3].error);
  EXPECT_EQ(completions.outcomes_[3].message, "rule broken");
  EXPECT_TRUE(completions.outcomes_[4].ok);
  auto numbers = db_->read([](Connection& c) { return c.query("SELECT n FROM items ORDER BY n"); });
  ASSERT_EQ(numbers.size(), 3u);
  EXPECT_EQ(numbers[0].integer(0), 1);
  EXPECT_EQ(numbers[1].integer(0), 2);
  EXPECT_EQ(numbers[2].integer(0), 3);
}

TEST_F(WriterTest, WriteAndWaitRethrowsWithCode) {
  open(false);
  db_->write_and_wait(insert(7));
  try {
    db_->write_and_wait(insert(7));
    FAIL();
  } catch (const DbError& error) {
    EXPECT_EQ(error.code(), DbErrc::unique_violation);
  }
  EXPECT_THROW(db_->write_and_wait([](Connection&) { throw std::logic_error("x"); }),
               std::runtime_error);
}

TEST_F(WriterTest, CloseDrainsQueueAndLaterWritesFail) {
  open(false);
  Completions completions(100);
  for (std::size_t i = 0; i < 100; ++i)
    db_->write(insert(static_cast<std::int64_t>(i)), completions.callback(i));
  db_->close();
  completions.wait();
  EXPECT_EQ(completions.ok_, 100u);
  EXPECT_EQ(count(), 100);  // readers still work after close

  std::optional<WriteOutcome> late;
  db_->write(insert(1000), [&](WriteOutcome outcome) { late = std::move(outcome); });
  ASSERT_TRUE(late);  // delivered at once, on this thread
  EXPECT_FALSE(late->ok);
  EXPECT_THROW(db_->write_and_wait(insert(1001)), DbError);
  EXPECT_THROW(db_->migrate(), std::runtime_error);
  db_->close();  // twice is harmless
}

// A hand-run executor standing in for the server's I/O threads.
class ManualExecutor {
 public:
  CompletionExecutor executor() {
    return [this](core::UniqueFunction<void()> work) {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(work));
      changed_.notify_all();
    };
  }
  // Runs queued completions on the calling thread until `count` have run.
  void run(std::size_t count) {
    for (std::size_t ran = 0; ran < count; ++ran) {
      core::UniqueFunction<void()> work;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !queue_.empty(); });
        work = std::move(queue_.front());
        queue_.erase(queue_.begin());
      }
      work();
    }
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<core::UniqueFunction<void()>> queue_;
};

TEST_F(WriterTest, CompletionsRunOnTheInstalledExecutorNotTheWriterThread) {
  open(false);
  ManualExecutor io;
  db_->set_completion_executor(io.executor());
  std::thread::id writer_thread;
  std::thread::id completion_thread;
  db_->write(
      [&](Connection& c) {
        writer_thread = std::this_thread::get_id();
        c.execute("INSERT INTO items (n) VALUES (1)");
      },
      [&](WriteOutcome outcome) {
        EXPECT_TRUE(outcome.ok);
        completion_thread = std::this_thread::get_id();
      });
  io.run(1);
  EXPECT_EQ(completion_thread, std::this_thread::get_id());
  EXPECT_NE(completion_thread, writer_thread);
  // write_and_wait (CLI, tests) completes on the writer, so it cannot wait on itself.
  db_->write_and_wait(insert(2));
  db_->set_completion_executor(nullptr);
  EXPECT_EQ(count(), 2);
}

TEST_F(WriterTest, TypedWritesDeliverTheJobsValueOrItsFailure) {
  open(false);
  std::promise<Result<std::int64_t>> inserted;
  db_->write(
      [](Connection& c) {
        c.execute("INSERT INTO items (n) VALUES (5)");
        return c.last_insert_id();
      },
      [&](Result<std::int64_t> id) { inserted.set_value(std::move(id)); });
  auto id = inserted.get_future().get();
  ASSERT_TRUE(id.ok());
  EXPECT_GT(*id, 0);

  std::promise<Result<std::string>> duplicate;
  db_->write(
      [](Connection& c) {
        c.execute("INSERT INTO items (n) VALUES (5)");
        return std::string("never");
      },
      [&](Result<std::string> r) { duplicate.set_value(std::move(r)); });
  auto refused = duplicate.get_future().get();
  EXPECT_FALSE(refused.ok());
  EXPECT_TRUE(refused.failed_with(DbErrc::unique_violation));
  EXPECT_EQ(count(), 1);  // the failed job left nothing behind
}

TEST_F(WriterTest, ACompletionThatThrowsDoesNotCostTheOthersTheirCall) {
  open(false);
  Completions completions(3);
  std::atomic<int> threw = 0;
  db_->write(insert(1), completions.callback(0));
  db_->write(insert(2), [&](WriteOutcome) {
    ++threw;
    throw std::runtime_error("a completion failed");
  });
  db_->write(insert(3), completions.callback(1));
  db_->write(insert(4), completions.callback(2));
  completions.wait();
  EXPECT_EQ(threw, 1);
  EXPECT_EQ(completions.ok_, 3u);
}

TEST_F(WriterTest, ReadersSeeCommittedDataWhileWriting) {
  open(false);
  std::atomic<bool> stop{false};
  std::atomic<std::int64_t> last_seen{0};
  std::atomic<bool> went_backwards{false};
  std::thread reader([&] {
    while (!stop) {
      auto seen = count();
      if (seen < last_seen) went_backwards = true;
      last_seen = seen;
    }
  });
  for (int i = 0; i < 300; ++i) {
    db_->write_and_wait(insert(i));
    ASSERT_GE(count(), i + 1);  // an acknowledged write is visible to readers at once
  }
  stop = true;
  reader.join();
  EXPECT_FALSE(went_backwards);
  EXPECT_EQ(count(), 300);
}

TEST_F(WriterTest, ThroughputWithSynchronousFull) {
  open(true);
  constexpr std::size_t kJobs = 200000;
  Completions completions(kJobs);
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  constexpr std::size_t kThreads = 2;
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = t; i < kJobs; i += kThreads) {
        db_->write(insert(static_cast<std::int64_t>(i)), completions.callback(i));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  completions.wait();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(completions.ok_, kJobs);
  std::printf("[ writer   ] %zu single-row inserts, synchronous=FULL: %.0f jobs/s\n", kJobs,
              static_cast<double>(kJobs) / seconds);

  // One at a time: each write waits for its own fsync (the cost batching avoids).
  start = std::chrono::steady_clock::now();
  constexpr int kSerial = 200;
  for (int i = 0; i < kSerial; ++i)
    db_->write_and_wait(insert(static_cast<std::int64_t>(kJobs) + i));
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("[ writer   ] one write at a time, synchronous=FULL: %.0f jobs/s\n",
              kSerial / seconds);
}

}  // namespace
}  // namespace rynek::store
