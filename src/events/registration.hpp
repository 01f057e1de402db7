// Registration rules: who gets a place, who waits, what e-mail goes out.
//
// Every function that changes state runs inside a write job of the single
// writer (store/database.hpp), so a capacity check and the insert that depends
// on it can never interleave with another registration: the seminar is never
// oversold. Each change and the e-mail it causes are written in the same
// transaction (mail/outbox.hpp).
//
// States:
//   registered        holds a place (confirmed_at set once the person pressed
//                     "confirm" on their personal link)
//   waitlisted        in the queue, ordered by queued_at
//   pending_approval  the seminar requires an organiser's decision
//   rejected, cancelled
// A cancelled place goes to the first in the queue, who is told by e-mail. If a
// seminar sets confirm_within_hours, an unconfirmed place is moved to the end of
// the queue once that time has passed, and the place goes to the first waiting.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "events/seminar.hpp"
#include "store/database.hpp"

namespace rynek::events {

enum class RegistrationState { registered, waitlisted, pending_approval, rejected, cancelled };
std::string_view state_name(RegistrationState state);
std::optional<RegistrationState> parse_state(std::string_view name);

struct Registration {
  std::int64_t id = 0;
  std::int64_t seminar_id = 0;
  std::string email;
  std::string name;
  std::string lang;
  std::string answers_json;
  RegistrationState state = RegistrationState::registered;
  std::string token_nonce;
  core::TimePoint created_at;
  std::optional<core::TimePoint> queued_at;
  std::optional<core::TimePoint> confirmed_at;
  std::optional<core::TimePoint> first_seen_at;
  std::optional<core::TimePoint> last_seen_at;
  std::int64_t attended_seconds = 0;
};

// A validated form submission (see form.hpp).
struct Submission {
  std::string name;
  std::string email;  // normalised
  std::string lang;
  std::map<std::string, std::vector<std::string>> answers;  // field key -> values
  std::set<std::string> consents;                           // keys of the consents given
};

enum class RegisterResult {
  registered,        // new, holds a place
  waitlisted,        // new, in the queue
  pending_approval,  // new, waits for an organiser
  resent,            // already registered: the fitting e-mail was sent again
  throttled,         // already registered and re-sent recently: nothing sent
  // Refused when the job runs (the seminar changed after the request was
  // accepted); nothing stored, nothing sent:
  not_public,  // not published (hidden, scheduled again) or deleted
  closed,      // registration not open (closed, or not yet open)
};

struct RegisterOutcome {
  RegisterResult result;
  std::int64_t registration_id = 0;
};

// Inside a write job. `nonce` and `token_hash` come from core::random_nonce() and the
// Secret (computed outside the job, as hashing is not the writer's work).
RegisterOutcome register_participant(store::Connection& db, const Seminar& seminar,
                                     const Submission& submission, const std::string& nonce,
                                     const std::string& token_hash, core::TimePoint now);

std::optional<Registration> find_registration_by_token_hash(store::Connection& db,
                                                            const std::string& token_hash);
std::optional<Registration> find_registration(store::Connection& db, std::int64_t id);
// 1-based place in the waiting list, for a waitlisted registration.
std::optional<int> queue_position(store::Connection& db, const Registration& registration);

struct SeminarCounts {
  int registered = 0;
  int confirmed = 0;
  int waitlisted = 0;
  int pending_approval = 0;
  int rejected = 0;
  int cancelled = 0;
};
SeminarCounts count_registrations(store::Connection& db, std::int64_t seminar_id);

// Whether the form accepts registrations at `now`: from registration_opens_at
// (default: publication) until registration_closes_at (default: the start).
bool registration_open(const Seminar& seminar, core::TimePoint now);

enum class ChangeResult { done, already, not_allowed };

// The person pressed "confirm participation" (POST from their link).
ChangeResult confirm_participation(store::Connection& db, std::int64_t registration_id,
                                   core::TimePoint now);
// Cancels (by the person or an organiser) and promotes the first in the queue.
ChangeResult cancel_registration(store::Connection& db, std::int64_t registration_id,
                                 core::TimePoint now);
// Organiser's decisions on pending registrations; approval respects capacity
// (a full seminar puts the approved person in the queue).
ChangeResult approve_registration(store::Connection& db, std::int64_t registration_id,
                                  core::TimePoint now);
ChangeResult reject_registration(store::Connection& db, std::int64_t registration_id,
                                 core::TimePoint now);

// Housekeeping, run by the scheduler every minute and safe to repeat:
// moves expired unconfirmed places to the queue and fills free places from it;
// enqueues the 24 h and 1 h reminders (each at most once per registration, ever).
// Returns the number of e-mails enqueued.
int run_housekeeping(store::Connection& db, core::TimePoint now);

// Attendance: the first visit during the seminar counts; heartbeats add time.
void record_visit(store::Connection& db, std::int64_t registration_id, core::TimePoint now);
void record_heartbeat(store::Connection& db, std::int64_t registration_id, core::TimePoint now);

}  // namespace rynek::events
