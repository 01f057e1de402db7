// Housekeeping, run every minute by the scheduler; every step is safe to repeat.
//
// Expiry. A seminar with confirm_within_hours gives a new place-holder that
// long (counted from when they got the place: registration or promotion) to
// press "confirm" on their link. Past the deadline an unconfirmed place is given
// up only when someone is waiting for it — the rule exists to hand places to
// people who want them, and moving a person to the queue with nobody behind them
// would only promote them straight back. The expired person goes to the end of
// the queue ("registration.expired") and the first waiting takes the place
// ("registration.promoted"). Nothing expires once the seminar has started, nor
// while it is hidden (a draft or taken down): its waiting list does not move
// then (fill_from_queue), so an expired person would lose the place to nobody.
// Once it is published again the deadlines apply at the next run. A scheduled
// seminar (published, not yet public) expires and promotes as usual.
//
// Reminders. "reminder.24h" goes from 24 h to 1 h before the start to those
// registered, except people who registered within the last 23 h before it
// (their confirmation is fresh). "reminder.1h" goes in the last hour to all
// registered. Each carries the dedup key "reminder-24h:<id>" / "reminder-1h:<id>",
// so the outbox holds at most one per registration, ever, across restarts.
#include <algorithm>

#include "events/registration_store.hpp"

namespace rynek::events {
namespace {

using namespace std::chrono_literals;

int expire_unconfirmed(store::Connection& db, core::TimePoint now) {
  const auto at = core::format_iso8601(now);
  int sent = 0;
  auto seminars = db.query(
      "SELECT id, confirm_within_hours FROM seminars"
      " WHERE confirm_within_hours IS NOT NULL AND starts_at > ? AND status = 'published'",
      {at});
  for (const auto& seminar : seminars) {
    const auto seminar_id = seminar.integer(0);
    const auto deadline = core::format_iso8601(now - std::chrono::hours(seminar.integer(1)));
    const auto waiting = detail::count_in_state(db, seminar_id, RegistrationState::waitlisted);
    if (waiting == 0) continue;
    auto expired = db.query(
        "SELECT id FROM registrations WHERE seminar_id = ? AND state = 'registered'"
        " AND confirmed_at IS NULL AND state_changed_at <= ? ORDER BY state_changed_at, id LIMIT ?",
        {seminar_id, deadline, waiting});
    std::vector<std::int64_t> moved;
    for (const auto& row : expired) {
      moved.push_back(row.integer(0));
      db.execute(
          "UPDATE registrations SET state = 'waitlisted', queued_at = ?, state_changed_at = ?"
          " WHERE id = ?",
          {at, at, row.integer(0)});
      sent += detail::notify(db, row.integer(0), mail::MailKind::registration_expired, now) ? 1 : 0;
    }
    sent += detail::fill_from_queue(db, seminar_id, now, moved);
  }
  return sent;
}

int send_reminders(store::Connection& db, core::TimePoint now) {
  int sent = 0;
  auto seminars =
      db.query("SELECT id, starts_at FROM seminars WHERE starts_at > ? AND starts_at <= ?",
               {core::format_iso8601(now), core::format_iso8601(now + 24h)});
  for (const auto& seminar : seminars) {
    auto starts = core::parse_iso8601(seminar.text(1));
    if (!starts) continue;
    const bool last_hour = now >= *starts - 1h;
    const std::string prefix = last_hour ? "reminder-1h:" : "reminder-24h:";
    const auto kind = last_hour ? mail::MailKind::reminder_1h : mail::MailKind::reminder_24h;
    // Registered until 23 h before the start: everyone does for the 1 h reminder.
    const auto registered_by = core::format_iso8601(last_hour ? *starts : *starts - 23h);
    auto due = db.query(
        "SELECT r.id FROM registrations r WHERE r.seminar_id = ? AND r.state = 'registered'"
        " AND r.created_at <= ? AND NOT EXISTS"
        " (SELECT 1 FROM outbox o WHERE o.dedup_key = ? || r.id) ORDER BY r.id",
        {seminar.integer(0), registered_by, prefix});
    for (const auto& row : due) {
      const auto id = row.integer(0);
      sent += detail::notify(db, id, kind, now, prefix + std::to_string(id)) ? 1 : 0;
    }
  }
  return sent;
}

}  // namespace

int run_housekeeping(store::Connection& db, core::TimePoint now) {
  return expire_unconfirmed(db, now) + send_reminders(db, now);
}

}  // namespace rynek::events
