// The mail worker's threads; what happens to one row is in delivery.cpp.
#include "mail/worker.hpp"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <vector>

#include "mail/delivery.hpp"

namespace rynek::mail {
namespace {

constexpr int kFetchBatch = 256;
constexpr std::size_t kFlushCount = 64;
constexpr std::chrono::milliseconds kFlushDelay{50};

using Steady = std::chrono::steady_clock;

}  // namespace

struct MailWorker::Impl {
  store::Database& db;
  Composer composer;
  WorkerOptions options;

  std::mutex mutex;
  std::condition_variable dispatcher_wake;  // wake(), a short queue, outcomes, stop
  std::condition_variable work_ready;       // senders
  std::condition_variable writes_done;      // stop() waits for durable outcomes
  std::deque<QueuedMessage> queue;
  std::unordered_set<std::int64_t> claimed;  // read and not yet durably marked
  // Rows whose outcome became durable while a read was running: that read's
  // snapshot may be older than the mark and still show them as queued.
  std::unordered_set<std::int64_t> released_during_fetch;
  bool fetching = false;
  std::vector<Outcome> outcomes;
  Steady::time_point first_outcome_at;
  int writes_pending = 0;
  bool wake_requested = false;
  bool more_due = false;  // the last read was full: more rows may be waiting
  bool stopping = false;
  bool running = false;

  std::thread dispatcher;
  std::vector<std::thread> senders;

  Impl(store::Database& d, Composer c, WorkerOptions o)
      : db(d), composer(std::move(c)), options(std::move(o)) {}

  void dispatch_loop();
  void send_loop();
  void fetch();
  void submit(std::vector<Outcome> batch);  // called without the mutex held
  void record(Outcome outcome);
};

void MailWorker::Impl::fetch() {
  std::size_t skip;
  {
    std::lock_guard lock(mutex);
    skip = claimed.size();
    // Marks that completed before this point are visible to the read below,
    // which starts later; marks completing from now on are remembered.
    fetching = true;
  }
  // Rows claimed but not yet marked still read as due: ask for enough more.
  const int limit = kFetchBatch + static_cast<int>(skip);
  std::vector<QueuedMessage> rows;
  try {
    rows =
        db.read([&](store::Connection& c) { return due_messages(c, core::Clock::now(), limit); });
  } catch (const std::exception& error) {
    spdlog::error("mail: reading the outbox failed: {}", error.what());
  }
  std::lock_guard lock(mutex);
  fetching = false;
  more_due = static_cast<int>(rows.size()) == limit;
  for (auto& row : rows) {
    if (released_during_fetch.count(row.id)) continue;
    if (claimed.insert(row.id).second) queue.push_back(std::move(row));
  }
  released_during_fetch.clear();
  if (!queue.empty()) work_ready.notify_all();
}

void MailWorker::Impl::submit(std::vector<Outcome> batch) {
  if (batch.empty()) return;
  {
    std::lock_guard lock(mutex);
    ++writes_pending;
  }
  auto shared = std::make_shared<std::vector<Outcome>>(std::move(batch));
  db.write([shared](store::Connection& c) { record_outcomes(c, *shared, core::Clock::now()); },
           [this, shared](store::WriteOutcome outcome) {
             if (!outcome.ok) {
               // The rows stay queued and go out again: at least once, never lost.
               spdlog::error("mail: recording {} outcomes failed: {}", shared->size(),
                             outcome.message);
             }
             std::lock_guard lock(mutex);
             for (const Outcome& o : *shared) {
               claimed.erase(o.id);
               if (fetching) released_during_fetch.insert(o.id);
             }
             --writes_pending;
             writes_done.notify_all();
             dispatcher_wake.notify_one();
           },
           // The worker's own bookkeeping, not a request's: no need for an I/O thread.
           store::CompleteOn::writer_thread);
}

void MailWorker::Impl::record(Outcome outcome) {
  std::vector<Outcome> full;
  {
    std::lock_guard lock(mutex);
    if (outcomes.empty()) {
      first_outcome_at = Steady::now();
      dispatcher_wake.notify_one();  // it flushes after kFlushDelay
    }
    outcomes.push_back(std::move(outcome));
    if (outcomes.size() >= kFlushCount) full.swap(outcomes);
  }
  submit(std::move(full));
}

void MailWorker::Impl::send_loop() {
  std::optional<SmtpSender> sender;
  try {
    sender.emplace(options.smtp_url, options.smtp_timeout);
  } catch (const std::exception& error) {
    spdlog::error("mail: cannot start an SMTP sender: {}", error.what());
    return;
  }
  while (true) {
    QueuedMessage row;
    {
      std::unique_lock lock(mutex);
      work_ready.wait(lock, [&] { return stopping || !queue.empty(); });
      if (stopping) return;  // rows still in the queue stay 'queued' in the database
      row = std::move(queue.front());
      queue.pop_front();
      if (more_due && queue.size() < kFetchBatch / 2) dispatcher_wake.notify_one();
    }
    record(deliver(*sender, composer, options, row));
  }
}

void MailWorker::Impl::dispatch_loop() {
  auto next_poll = Steady::now();
  std::unique_lock lock(mutex);
  while (!stopping) {
    const auto now = Steady::now();
    if (!outcomes.empty() && now - first_outcome_at >= kFlushDelay) {
      std::vector<Outcome> batch;
      batch.swap(outcomes);
      lock.unlock();
      submit(std::move(batch));
      lock.lock();
      continue;
    }
    const bool short_queue = more_due && queue.size() < kFetchBatch / 2;
    if (wake_requested || now >= next_poll || short_queue) {
      wake_requested = false;
      lock.unlock();
      fetch();
      lock.lock();
      next_poll = Steady::now() + options.poll_interval;
      continue;
    }
    auto until = next_poll;
    if (!outcomes.empty()) until = std::min(until, first_outcome_at + kFlushDelay);
    // No predicate: whatever woke us (an outcome, a short queue, wake()), the
    // loop above decides again, with a fresh deadline.
    dispatcher_wake.wait_until(lock, until);
  }
}

MailWorker::MailWorker(store::Database& db, Composer composer, WorkerOptions options)
    : impl_(std::make_unique<Impl>(db, std::move(composer), std::move(options))) {}

MailWorker::~MailWorker() {
  stop();
}

void MailWorker::start() {
  std::lock_guard lock(impl_->mutex);
  if (impl_->running) return;
  impl_->running = true;
  impl_->stopping = false;
  const unsigned count = std::max(1u, impl_->options.connections);
  for (unsigned i = 0; i < count; ++i) {
    impl_->senders.emplace_back([impl = impl_.get()] { impl->send_loop(); });
  }
  impl_->dispatcher = std::thread([impl = impl_.get()] { impl->dispatch_loop(); });
}

void MailWorker::wake() {
  std::lock_guard lock(impl_->mutex);
  impl_->wake_requested = true;
  impl_->dispatcher_wake.notify_one();
}

void MailWorker::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    if (!impl_->running) return;
    impl_->stopping = true;
    impl_->work_ready.notify_all();
    impl_->dispatcher_wake.notify_all();
  }
  // Senders finish the message in hand and record its outcome before they return.
  for (auto& thread : impl_->senders) thread.join();
  impl_->senders.clear();
  impl_->dispatcher.join();
  std::vector<Outcome> rest;
  {
    std::lock_guard lock(impl_->mutex);
    rest.swap(impl_->outcomes);
  }
  impl_->submit(std::move(rest));
  std::unique_lock lock(impl_->mutex);
  impl_->writes_done.wait(lock, [&] { return impl_->writes_pending == 0; });
  impl_->queue.clear();
  impl_->claimed.clear();
  impl_->more_due = false;
  impl_->wake_requested = false;
  impl_->running = false;
}

}  // namespace rynek::mail
