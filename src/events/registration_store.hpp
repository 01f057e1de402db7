// Private helpers shared by the registration rules (registration.cpp,
// registration_changes.cpp, housekeeping.cpp, attendance.cpp). All of them run
// inside a write job, except the readers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/registration.hpp"
#include "mail/kind.hpp"

namespace rynek::events::detail {

inline constexpr std::string_view kRegistrationColumns =
    "SELECT id, seminar_id, email, name, lang, answers, state, token_nonce, created_at,"
    " queued_at, confirmed_at, first_seen_at, last_seen_at, attended_seconds"
    " FROM registrations ";

Registration registration_from_row(const store::Row& row);

// What a seminar's registration rules need, read inside the job (never from a
// possibly stale copy held by the caller): one SELECT on the seminar's row.
struct SeminarRules {
  std::optional<int> capacity;
  bool requires_approval = false;
  std::optional<int> confirm_within_hours;
  core::TimePoint starts_at;
  core::TimePoint ends_at;
  // status = 'published': public now, or scheduled (published_at in the future).
  // A draft or a seminar taken down is not; its waiting list does not move.
  bool published = false;
  core::TimePoint published_at;
  std::optional<core::TimePoint> registration_opens_at;
  std::optional<core::TimePoint> registration_closes_at;
};
std::optional<SeminarRules> seminar_rules(store::Connection& db, std::int64_t seminar_id);

// The registration window (registration_open in registration.hpp) from the rules.
bool registration_open(const SeminarRules& rules, core::TimePoint now);

// How many registrations of the seminar are in `state`.
int count_in_state(store::Connection& db, std::int64_t seminar_id, RegistrationState state);
inline int registered_count(store::Connection& db, std::int64_t seminar_id) {
  return count_in_state(db, seminar_id, RegistrationState::registered);
}

// Enqueues the e-mail `kind` for a registration (payload {"registration_id": ID}).
// Returns false when dedup_key was already used.
bool notify(store::Connection& db, std::int64_t registration_id, mail::MailKind kind,
            core::TimePoint now, std::optional<std::string> dedup_key = std::nullopt);

// The same, for a registration whose recipient the caller already has in hand
// (saves re-reading the row just written).
struct Recipient {
  const std::string& email;
  const std::string& name;
  const std::string& lang;
};
bool notify(store::Connection& db, std::int64_t registration_id, const Recipient& recipient,
            mail::MailKind kind, core::TimePoint now,
            std::optional<std::string> dedup_key = std::nullopt);

// The e-mail that tells a person the state their registration is in.
mail::MailKind state_mail_kind(RegistrationState state);

// Moves the first waiting registrations (by queued_at, id) into free places,
// each told by a "registration.promoted" e-mail; a seminar without capacity
// takes everyone waiting. Nothing moves once the seminar has ended, nor while
// it is not published (see fill_from_queue in registration_changes.cpp).
// `skip` lists registrations that must not be promoted now (those that just lost
// their place). Returns the number promoted.
int fill_from_queue(store::Connection& db, std::int64_t seminar_id, core::TimePoint now,
                    const std::vector<std::int64_t>& skip = {});
// The same with the seminar's rules already read in this job.
int fill_from_queue(store::Connection& db, std::int64_t seminar_id, const SeminarRules& rules,
                    core::TimePoint now, const std::vector<std::int64_t>& skip = {});

}  // namespace rynek::events::detail
