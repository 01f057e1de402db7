#include "accounts/lockout.hpp"

#include "accounts/account_store.hpp"

namespace rynek::accounts {

bool is_locked(const std::optional<FailureState>& state, core::TimePoint now) {
  return state && state->locked_until && now < *state->locked_until;
}

FailureState after_failure(const std::optional<FailureState>& state, core::TimePoint now) {
  // A new window starts when the last one is over, or when a lock has run out.
  bool fresh = !state || now - state->first_failed_at >= kFailureWindow ||
               (state->locked_until && now >= *state->locked_until);
  FailureState next;
  next.count = fresh ? 1 : state->count + 1;
  next.first_failed_at = fresh ? now : state->first_failed_at;
  if (!fresh && state->locked_until && now < *state->locked_until)
    next.locked_until = state->locked_until;
  if (next.count >= kMaxFailures && !next.locked_until) next.locked_until = now + kLockDuration;
  return next;
}

std::optional<FailureState> load_failures(store::Connection& db, std::string_view email) {
  auto row = db.query_one(
      "SELECT count, first_failed_at, locked_until FROM login_failures WHERE email = ?",
      {normalise_email(email)});
  if (!row) return std::nullopt;
  FailureState state;
  state.count = static_cast<int>(row->integer(0));
  state.first_failed_at = core::parse_iso8601(row->text(1)).value_or(core::TimePoint{});
  if (auto until = row->optional_text(2)) state.locked_until = core::parse_iso8601(*until);
  return state;
}

FailureState record_failure(store::Connection& db, std::string_view email, core::TimePoint now) {
  auto next = after_failure(load_failures(db, email), now);
  db.execute(
      "INSERT INTO login_failures (email, count, first_failed_at, locked_until) VALUES (?, ?, ?, ?)"
      " ON CONFLICT (email) DO UPDATE SET count = excluded.count, first_failed_at = excluded.first_failed_at,"
      " locked_until = excluded.locked_until",
      {normalise_email(email), std::int64_t{next.count}, core::format_iso8601(next.first_failed_at),
       next.locked_until ? store::Value(core::format_iso8601(*next.locked_until))
                         : store::Value(nullptr)});
  return next;
}

void clear_failures(store::Connection& db, std::string_view email) {
  db.execute("DELETE FROM login_failures WHERE email = ?", {normalise_email(email)});
}

}  // namespace rynek::accounts
