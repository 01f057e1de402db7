// The outbox's SQL: rows in, due rows out, outcomes back (see outbox.hpp).
#include "mail/outbox.hpp"

#include <algorithm>

namespace rynek::mail {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO outbox (kind, dedup_key, to_address, to_name, lang, payload, next_attempt_at, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING";
constexpr std::string_view kStats = "SELECT state, COUNT(*) FROM outbox GROUP BY state";
constexpr std::string_view kDue =
    "SELECT id, kind, to_address, to_name, lang, payload, attempts, created_at FROM outbox "
    "WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?";
constexpr std::string_view kMarkSent =
    "UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_error = '' "
    "WHERE id = ? AND state = 'queued'";
constexpr std::string_view kMarkRetry =
    "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? "
    "WHERE id = ? AND state = 'queued'";
constexpr std::string_view kMarkFailed =
    "UPDATE outbox SET state = 'failed', attempts = ?, last_error = ? "
    "WHERE id = ? AND state = 'queued'";

// last_error is for operators; a server's multi-kilobyte answer is not.
// Cut on a character boundary so the column stays valid UTF-8.
std::string clip(std::string_view error) {
  std::size_t end = std::min<std::size_t>(error.size(), 500);
  while (end < error.size() && end > 0 && (static_cast<unsigned char>(error[end]) & 0xC0) == 0x80) {
    --end;
  }
  return std::string(error.substr(0, end));
}

}  // namespace

std::optional<std::int64_t> enqueue(store::Connection& db, const NewMessage& message,
                                    core::TimePoint now) {
  const std::string at = core::format_iso8601(now);
  store::Value dedup = nullptr;
  if (message.dedup_key) dedup = *message.dedup_key;
  db.execute(kInsert, {std::string(key(message.kind)), dedup, message.to_address, message.to_name,
                       message.lang, message.payload, at, at});
  if (db.changes() == 0) return std::nullopt;
  return db.last_insert_id();
}

OutboxStats outbox_stats(store::Connection& db) {
  OutboxStats stats;
  for (const auto& row : db.query(kStats)) {
    const std::string state = row.text(0);
    if (state == "queued") stats.queued = row.integer(1);
    if (state == "sent") stats.sent = row.integer(1);
    if (state == "failed") stats.failed = row.integer(1);
  }
  return stats;
}

std::vector<QueuedMessage> due_messages(store::Connection& db, core::TimePoint now, int limit) {
  std::vector<QueuedMessage> messages;
  for (const auto& row : db.query(kDue, {core::format_iso8601(now), std::int64_t{limit}})) {
    QueuedMessage m;
    m.id = row.integer(0);
    m.kind = row.text(1);
    m.to_address = row.text(2);
    m.to_name = row.text(3);
    m.lang = row.text(4);
    m.payload = row.text(5);
    m.attempts = static_cast<int>(row.integer(6));
    m.created_at = core::parse_iso8601(row.text(7)).value_or(core::TimePoint{});
    messages.push_back(std::move(m));
  }
  return messages;
}

void mark_sent(store::Connection& db, std::span<const std::int64_t> ids, core::TimePoint now) {
  const std::string at = core::format_iso8601(now);
  for (std::int64_t id : ids) db.execute(kMarkSent, {at, id});
}

void mark_retry(store::Connection& db, std::int64_t id, int attempts, core::TimePoint next,
                std::string_view error) {
  db.execute(kMarkRetry, {std::int64_t{attempts}, core::format_iso8601(next), clip(error), id});
}

void mark_failed(store::Connection& db, std::int64_t id, int attempts, std::string_view error) {
  db.execute(kMarkFailed, {std::int64_t{attempts}, clip(error), id});
}

}  // namespace rynek::mail
