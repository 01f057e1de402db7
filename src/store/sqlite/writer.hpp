// The single writer with group commit.
//
// SQLite allows one writer at a time, and with synchronous=FULL every commit
// costs an fsync: about 5k commits a second here, however small each is. So all
// writes go through one thread that owns the only read-write connection. write()
// only enqueues a (job, done) pair; the thread takes everything queued — at most
// kMaxBatch jobs per transaction — and runs
//
//   BEGIN IMMEDIATE
//     SAVEPOINT job; job 1; RELEASE job      (or ROLLBACK TO job if it threw)
//     SAVEPOINT job; job 2; RELEASE job
//     ...
//   COMMIT                                   (one fsync for the whole batch)
//
// and only then hands every `done`, in submission order, to the deliverer the
// database gave it (which posts it to the I/O threads or, for the CLI and tests,
// runs it on the writer thread: store/database.hpp).
// What this guarantees:
//   * `done` is called exactly once per job, and an ok outcome means the job's
//     changes are durable. A caller never hears "ok" before the fsync.
//   * Jobs are isolated: a job that throws (DbError or any std::exception) has
//     its own changes rolled back to its savepoint and receives the error; the
//     other jobs of the batch still commit.
//   * If SQLite rolls the whole transaction back by itself (disk full, I/O
//     error), or COMMIT fails, every job whose work was lost gets the error.
//   * Jobs run one after another, in submission order, each seeing the ones
//     before it: a job may read-then-write (capacity checks) without races.
//   * close() drains what was queued before it, then joins; later writes get an
//     error outcome at once, on the caller's thread.
// Under load the batches grow by themselves: while one commit is in its fsync,
// the next batch queues up. When idle a single write commits immediately, so
// latency never waits for a batch to fill.
//
// Jobs run on the writer thread and must be short and never block on anything
// but the database; in particular they must not wait for another write.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

#include "store/sqlite/connection.hpp"

namespace rynek::store::sqlite {

class Writer {
 public:
  static constexpr std::size_t kMaxBatch = 1024;

  // Hands a finished task's completion on; called on the writer thread.
  using Deliver = std::function<void(WriteDone&, WriteOutcome, CompleteOn)>;

  Writer(std::unique_ptr<SqliteConnection> connection, Deliver deliver);
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void write(WriteTask task);
  // Runs fn on the writer thread between batches, outside any transaction, and
  // waits for it; rethrows what fn throws. For migrations, which need their own
  // transactions.
  void run_exclusive(const std::function<void(SqliteConnection&)>& fn);
  void close();

 private:
  using Item = WriteTask;

  void run();
  void commit_batch(std::span<Item> batch);
  bool begin_transaction(std::span<Item> batch, std::size_t from);
  bool run_job(Item& item, WriteOutcome& outcome);
  void fail_open_jobs(std::size_t from, std::size_t to, const WriteOutcome& cause);
  void deliver(std::span<Item> batch);

  std::unique_ptr<SqliteConnection> connection_;
  Deliver deliver_;
  std::vector<WriteOutcome> outcomes_;  // reused per batch; only the writer thread touches it

  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Item> queue_;
  std::vector<core::UniqueFunction<void()>> exclusive_;
  bool closing_ = false;
  bool sleeping_ = false;  // lets write() skip the notify syscall while the thread is busy

  std::mutex close_mutex_;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace rynek::store::sqlite
