#include "accounts/session.hpp"

#include "core/tokens.hpp"

namespace rynek::accounts {
namespace {

core::TimePoint parse_time(const std::string& text) {
  return core::parse_iso8601(text).value_or(core::TimePoint{});
}

}  // namespace

SessionState session_state(const SessionRecord& session, core::TimePoint now) {
  if (now - session.created_at >= kAbsoluteTimeout) return SessionState::absolute_expired;
  if (now - session.last_seen_at >= kIdleTimeout) return SessionState::idle_expired;
  return SessionState::valid;
}

bool needs_touch(const SessionRecord& session, core::TimePoint now) {
  return now - session.last_seen_at >= kTouchInterval;
}

NewSession make_session_values() {
  NewSession session;
  session.cookie_value = core::random_token();
  session.id_hash = core::token_hash(session.cookie_value);
  session.csrf = core::random_token();
  return session;
}

std::optional<SessionRecord> find_session(store::Connection& db, std::string_view id_hash) {
  auto row = db.query_one(
      "SELECT id_hash, account_id, csrf, created_at, last_seen_at FROM sessions WHERE id_hash = ?",
      {std::string(id_hash)});
  if (!row) return std::nullopt;
  return SessionRecord{row->text(0), row->integer(1), row->text(2), parse_time(row->text(3)),
                       parse_time(row->text(4))};
}

void insert_session(store::Connection& db, const NewSession& session, std::int64_t account_id,
                    std::string_view user_agent, core::TimePoint now) {
  const auto at = core::format_iso8601(now);
  db.execute(
      "INSERT INTO sessions (id_hash, account_id, csrf, created_at, last_seen_at, user_agent) VALUES (?, ?, ?, ?, ?, ?)",
      {session.id_hash, account_id, session.csrf, at, at, std::string(user_agent.substr(0, 200))});
}

void touch_session(store::Connection& db, std::string_view id_hash, core::TimePoint now) {
  db.execute("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?",
             {core::format_iso8601(now), std::string(id_hash)});
}

void delete_session(store::Connection& db, std::string_view id_hash) {
  db.execute("DELETE FROM sessions WHERE id_hash = ?", {std::string(id_hash)});
}

void delete_sessions_of(store::Connection& db, std::int64_t account_id) {
  db.execute("DELETE FROM sessions WHERE account_id = ?", {account_id});
}

std::int64_t delete_expired_sessions(store::Connection& db, core::TimePoint now) {
  db.execute(
      "DELETE FROM sessions WHERE created_at <= ? OR last_seen_at <= ?",
      {core::format_iso8601(now - kAbsoluteTimeout), core::format_iso8601(now - kIdleTimeout)});
  return db.changes();
}

}  // namespace rynek::accounts
