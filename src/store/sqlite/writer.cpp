#include "store/sqlite/writer.hpp"

#include <spdlog/spdlog.h>

#include <future>

namespace rynek::store::sqlite {
namespace {

WriteOutcome outcome_of(const DbError& error) {
  return {false, error.code(), error.what()};
}

}  // namespace

Writer::Writer(std::unique_ptr<SqliteConnection> connection, Deliver deliver)
    : connection_(std::move(connection)),
      deliver_(std::move(deliver)),
      thread_([this] { run(); }) {}

Writer::~Writer() {
  close();
}

void Writer::write(WriteTask task) {
  bool wake = false;
  {
    std::unique_lock lock(mutex_);
    if (!closing_) {
      queue_.push_back(std::move(task));
      wake = sleeping_;
      sleeping_ = false;  // one notify per wake-up is enough
    } else {
      lock.unlock();
      deliver_(task.done, WriteOutcome{false, DbErrc::other, "the database writer is closed"},
               CompleteOn::writer_thread);
      return;
    }
  }
  if (wake) wake_.notify_one();
}

void Writer::run_exclusive(const std::function<void(SqliteConnection&)>& fn) {
  std::packaged_task<void()> task([&] { fn(*connection_); });
  auto finished = task.get_future();
  {
    std::lock_guard lock(mutex_);
    if (closing_) throw std::runtime_error("the database writer is closed");
    // The task lives on this stack until get().
    exclusive_.emplace_back([&task] { task(); });
    sleeping_ = false;
  }
  wake_.notify_one();
  finished.get();
}

void Writer::close() {
  std::lock_guard close_lock(close_mutex_);
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void Writer::run() {
  std::vector<Item> batch;
  std::vector<core::UniqueFunction<void()>> tasks;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      while (queue_.empty() && exclusive_.empty() && !closing_) {
        sleeping_ = true;
        wake_.wait(lock);
      }
      sleeping_ = false;
      if (queue_.empty() && exclusive_.empty()) return;  // closing and drained
      // Swapping keeps both buffers' capacity: no allocation per batch.
      batch.swap(queue_);
      tasks.swap(exclusive_);
    }
    for (std::size_t from = 0; from < batch.size(); from += kMaxBatch) {
      commit_batch(std::span(batch).subspan(from, std::min(kMaxBatch, batch.size() - from)));
    }
    batch.clear();
    for (auto& task : tasks) task();
    tasks.clear();
  }
}

void Writer::commit_batch(std::span<Item> batch) {
  outcomes_.assign(batch.size(), WriteOutcome{});
  // Jobs [open_from, i) have their work in the currently open transaction.
  std::size_t open_from = 0;
  if (!begin_transaction(batch, 0)) return;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (run_job(batch[i], outcomes_[i]) || !connection_->in_autocommit()) continue;
    // SQLite rolled the whole transaction back (disk full, I/O error): the work of
    // the jobs before this one is gone too. Start afresh for the rest.
    fail_open_jobs(open_from, i, outcomes_[i]);
    open_from = i + 1;
    if (open_from < batch.size() && !begin_transaction(batch, open_from)) return;
  }
  if (open_from < batch.size()) {
    try {
      connection_->execute("COMMIT");
    } catch (const DbError& error) {
      if (!connection_->in_autocommit()) {
        try {
          connection_->execute("ROLLBACK");
        } catch (const DbError& rollback_error) {
          spdlog::error("store: ROLLBACK after failed COMMIT failed: {}", rollback_error.what());
        }
      }
      WriteOutcome cause = outcome_of(error);
      cause.message = "COMMIT failed: " + cause.message;
      fail_open_jobs(open_from, batch.size(), cause);
    }
  }
  deliver(batch);
}

bool Writer::begin_transaction(std::span<Item> batch, std::size_t from) {
  try {
    connection_->execute("BEGIN IMMEDIATE");
    return true;
  } catch (const DbError& error) {
    WriteOutcome cause = outcome_of(error);
    cause.message = "BEGIN failed: " + cause.message;
    fail_open_jobs(from, batch.size(), cause);
    deliver(batch);
    return false;
  }
}

bool Writer::run_job(Item& item, WriteOutcome& outcome) {
  try {
    connection_->execute("SAVEPOINT job");
  } catch (const DbError& error) {
    outcome = outcome_of(error);
    return false;
  }
  try {
    item.job(*connection_);
    connection_->execute("RELEASE job");
    return true;
  } catch (const DbError& error) {
    outcome = outcome_of(error);
  } catch (const std::exception& error) {
    outcome = WriteOutcome{false, std::nullopt, error.what()};
  } catch (...) {
    outcome = WriteOutcome{false, std::nullopt, "write job threw a non-standard exception"};
  }
  if (!connection_->in_autocommit()) {
    try {
      connection_->execute("ROLLBACK TO job");
      connection_->execute("RELEASE job");
    } catch (const DbError& error) {
      // The savepoint cannot be undone alone: give up the whole transaction, which
      // commit_batch sees through in_autocommit() and reports to the other jobs.
      spdlog::error("store: ROLLBACK TO savepoint failed: {}", error.what());
      try {
        connection_->execute("ROLLBACK");
      } catch (const DbError&) {
      }
    }
  }
  return false;
}

void Writer::fail_open_jobs(std::size_t from, std::size_t to, const WriteOutcome& cause) {
  for (std::size_t i = from; i < to; ++i) {
    if (outcomes_[i].ok) outcomes_[i] = cause;
  }
}

void Writer::deliver(std::span<Item> batch) {
  for (std::size_t i = 0; i < batch.size(); ++i) {
    // The job is done with: what it owned is released here, before its completion runs.
    batch[i].job = nullptr;
    deliver_(batch[i].done, std::move(outcomes_[i]), batch[i].complete_on);
  }
}

}  // namespace rynek::store::sqlite
