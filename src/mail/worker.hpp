// The mail worker: delivers outbox rows over SMTP.
//
// It wakes when told that new rows were committed (wake()) and otherwise polls
// every poll_interval, so rows written by another process (rynek import, another
// instance) go out too. Due rows (state 'queued', next_attempt_at <= now) are
// composed by the Composer and sent over `connections` SMTP connections that are
// kept open between messages. Outcomes are written back through the single
// writer in batches:
//   accepted by the server      -> 'sent', sent_at
//   temporary failure (4xx, connection refused, timeout)
//                               -> attempts+1, next_attempt_at = now + backoff
//                                  (base * 2^(attempts-1) with the new count,
//                                  capped at max_backoff)
//   permanent failure (5xx), composer gives up, or max_attempts reached
//                               -> 'failed', last_error
// After a crash, rows left 'queued' are simply sent on the next start.
//
// Threads: one dispatcher reads due rows and hands them to `connections` sender
// threads, each with its own SMTP connection. A row is claimed in memory from
// the moment it is read until its outcome is durable, so no two threads (and no
// later read, which still sees the row as queued) take it twice. Outcomes are
// not written one by one: they collect for up to 50 ms or 64 outcomes and go to
// the writer as one job, so sending never waits for an fsync.
// stop() lets each thread finish the message it is sending, leaves the rest
// queued in the database, writes the collected outcomes and waits for them to
// be durable.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "mail/message.hpp"
#include "mail/outbox.hpp"
#include "store/database.hpp"

namespace rynek::mail {

// Builds the e-mail for a row; nullopt means "cannot ever be sent" (the row fails),
// an exception means "not now" (the row is retried). Called from the sender
// threads, several at once. An empty to_address is filled from the row, an
// empty message_id with the row's stable one.
using Composer = std::function<std::optional<Message>(const QueuedMessage&)>;

struct WorkerOptions {
  std::string smtp_url;      // smtp://host:port, smtps://user:pass@host:port
  unsigned connections = 2;  // parallel SMTP connections
  int max_attempts = 12;
  std::chrono::seconds base_backoff{15};
  std::chrono::seconds max_backoff{3600};
  std::chrono::milliseconds poll_interval{2000};
  std::chrono::seconds smtp_timeout{30};
  // Host part of the Message-ID the worker gives a message the composer left
  // without one: "<outbox-ID.CREATED@host>", stable for the row. Empty: the
  // domain of the From address.
  std::string message_id_host;
};

// base * 2^(attempts-1), capped at max_backoff; attempts counts this failure.
std::chrono::seconds retry_delay(const WorkerOptions& options, int attempts);

class MailWorker {
 public:
  MailWorker(store::Database& db, Composer composer, WorkerOptions options);
  ~MailWorker();  // stops
  void start();
  void wake();  // new rows were committed
  void stop();  // finishes the messages in hand, then returns

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rynek::mail
