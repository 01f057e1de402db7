// Back-office sessions, kept in the database so that several instances share
// them and a logout or a password reset ends them everywhere.
//
// The cookie carries a random 128-bit id (core::random_token); the sessions
// table holds only its SHA-256, so a copy of the database opens no session. A
// login always makes a new id (no fixation). A session ends after kIdleTimeout
// without requests, or kAbsoluteTimeout after the login whatever happens; an
// expired session is refused and its row deleted. last_seen_at is refreshed at
// most once per kTouchInterval, so browsing costs no write per request.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace rynek::accounts {

inline constexpr std::chrono::seconds kIdleTimeout = std::chrono::hours(2);
inline constexpr std::chrono::seconds kAbsoluteTimeout = std::chrono::hours(12);
inline constexpr std::chrono::seconds kTouchInterval = std::chrono::minutes(1);

struct SessionRecord {
  std::string id_hash;
  std::int64_t account_id = 0;
  std::string csrf;
  core::TimePoint created_at;
  core::TimePoint last_seen_at;
};

enum class SessionState { valid, idle_expired, absolute_expired };
SessionState session_state(const SessionRecord& session, core::TimePoint now);
bool needs_touch(const SessionRecord& session, core::TimePoint now);

struct NewSession {
  std::string cookie_value;  // goes to the browser, never stored
  std::string id_hash;
  std::string csrf;
};
// Fresh random values for a login (no database access).
NewSession make_session_values();

std::optional<SessionRecord> find_session(store::Connection& db, std::string_view id_hash);
// Inside write jobs.
void insert_session(store::Connection& db, const NewSession& session, std::int64_t account_id,
                    std::string_view user_agent, core::TimePoint now);
void touch_session(store::Connection& db, std::string_view id_hash, core::TimePoint now);
void delete_session(store::Connection& db, std::string_view id_hash);
void delete_sessions_of(store::Connection& db, std::int64_t account_id);
// Removes every session past either timeout; returns how many.
std::int64_t delete_expired_sessions(store::Connection& db, core::TimePoint now);

}  // namespace rynek::accounts
