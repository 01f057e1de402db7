// The transactional outbox.
//
// A message is a row in `outbox`, written by enqueue() inside the same write job
// (so the same transaction) as the change that causes it: a registration and its
// confirmation e-mail commit together or not at all, and a crash after the commit
// loses nothing. The row holds what to send and to whom, not the finished e-mail:
// the mail worker composes it when it sends (see worker.hpp), in the recipient's
// language, from current data.
//
// Delivery is at-least-once towards the SMTP server, made effectively once by
// marking a row sent right after the server accepts it; every row has a stable
// Message-ID (<outbox-ID.TIMESTAMP@host>) so a duplicate after a crash between
// "accepted" and "marked" can be recognised by receiving systems.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "mail/kind.hpp"
#include "store/database.hpp"

namespace rynek::mail {

struct NewMessage {
  MailKind kind;  // stored as its key (mail/kind.hpp)
  std::string to_address;
  std::string to_name;
  std::string lang = "pl";
  std::string payload = "{}";            // JSON object for the composer
  std::optional<std::string> dedup_key;  // at most one row per key, ever
};

// Inside a write job. Returns the new row id, or nullopt when dedup_key was already used.
std::optional<std::int64_t> enqueue(store::Connection& db, const NewMessage& message,
                                    core::TimePoint now);

struct QueuedMessage {
  std::int64_t id = 0;
  std::string kind;  // the stored key, as read: parse_mail_kind() names its kind
  std::string to_address;
  std::string to_name;
  std::string lang;
  std::string payload;
  int attempts = 0;
  core::TimePoint created_at;
};

struct OutboxStats {
  std::int64_t queued = 0;
  std::int64_t sent = 0;
  std::int64_t failed = 0;
};
OutboxStats outbox_stats(store::Connection& db);

// For the mail worker. Up to `limit` rows that are queued and due at `now`,
// the longest-waiting first (next_attempt_at, then id).
std::vector<QueuedMessage> due_messages(store::Connection& db, core::TimePoint now, int limit);

// Outcomes, inside a write job. Each touches only rows still 'queued', so a
// late or repeated mark never turns a sent row back into a queued or failed one.
void mark_sent(store::Connection& db, std::span<const std::int64_t> ids, core::TimePoint now);
void mark_retry(store::Connection& db, std::int64_t id, int attempts, core::TimePoint next,
                std::string_view error);
void mark_failed(store::Connection& db, std::int64_t id, int attempts, std::string_view error);

}  // namespace rynek::mail
