// Attendance through the personal link. A visit counts only around the seminar
// (from 30 minutes before the start to 30 minutes after the end) and only for a
// registered person; heartbeats, sent every 60 s by the page's script, add the
// time since the last sign of life, capped so that a laptop waking from sleep
// does not claim the hours it slept.
#include <algorithm>

#include "events/registration_store.hpp"

namespace rynek::events {
namespace {

using namespace std::chrono_literals;

constexpr auto kWindowMargin = 30min;
constexpr auto kMaxHeartbeatGap = 90s;

std::optional<Registration> attending(store::Connection& db, std::int64_t registration_id,
                                      core::TimePoint now) {
  auto registration = find_registration(db, registration_id);
  if (!registration || registration->state != RegistrationState::registered) return std::nullopt;
  auto rules = detail::seminar_rules(db, registration->seminar_id);
  if (!rules || now < rules->starts_at - kWindowMargin || now > rules->ends_at + kWindowMargin) {
    return std::nullopt;
  }
  return registration;
}

}  // namespace

// Opening the link during the seminar is itself proof the address is the
// person's, so a first visit also confirms participation.
void record_visit(store::Connection& db, std::int64_t registration_id, core::TimePoint now) {
  if (!attending(db, registration_id, now)) return;
  const auto at = core::format_iso8601(now);
  db.execute(
      "UPDATE registrations SET first_seen_at = coalesce(first_seen_at, ?), last_seen_at = ?,"
      " confirmed_at = coalesce(confirmed_at, ?) WHERE id = ?",
      {at, at, at, registration_id});
}

void record_heartbeat(store::Connection& db, std::int64_t registration_id, core::TimePoint now) {
  auto registration = attending(db, registration_id, now);
  if (!registration) return;
  if (!registration->last_seen_at) {
    record_visit(db, registration_id, now);
    return;
  }
  auto gap =
      std::clamp<std::chrono::seconds>(now - *registration->last_seen_at, 0s, kMaxHeartbeatGap);
  db.execute(
      "UPDATE registrations SET attended_seconds = attended_seconds + ?, last_seen_at = ?"
      " WHERE id = ?",
      {static_cast<std::int64_t>(gap.count()), core::format_iso8601(now), registration_id});
}

}  // namespace rynek::events
