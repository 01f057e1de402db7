// What the back office reads and changes about a seminar's registrations:
// the filtered list (search, state, confirmation, paging), the consents given,
// the audiences of an organiser's message, and the organiser's own moves
// (taking someone off the waiting list, messaging registrants).
//
// Readers run on a read connection; the functions that change state run inside
// a write job and enqueue their e-mails in the same transaction, as the rules in
// registration.hpp do.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "events/registration.hpp"

namespace rynek::events {

inline constexpr int kAdminPageSize = 50;

struct RegistrationFilter {
  std::string search;                      // substring of name or e-mail, any case
  std::optional<RegistrationState> state;  // nullopt: every state
  std::optional<bool> confirmed;           // nullopt: either
};

// The WHERE clause (" WHERE seminar_id = ? ...") for the state and confirmation
// filters, with its parameters appended to `params`. The search is applied in
// C++ (matches_search), because SQLite's LIKE folds ASCII only and "Łukasz"
// must be found by "łuk".
std::string registration_filter_sql(std::int64_t seminar_id, const RegistrationFilter& filter,
                                    store::Params& params);
// Case-insensitive (Unicode case folding) substring match on name or e-mail;
// an empty search matches everything.
bool matches_search(const Registration& registration, std::string_view search);

struct RegistrationList {
  std::vector<Registration> rows;
  int total = 0;  // rows matching the filter, across pages
};

// One page (1-based) in order of registration; `page_size` 0 = everything.
RegistrationList list_registrations(store::Connection& db, std::int64_t seminar_id,
                                    const RegistrationFilter& filter, int page,
                                    int page_size = kAdminPageSize);

// Consent key -> version, per registration id, for a seminar's registrations.
using ConsentsGiven = std::map<std::int64_t, std::map<std::string, std::string>>;
ConsentsGiven consents_given(store::Connection& db, std::int64_t seminar_id);

// Whether a seminar is assigned to an account (seminar_organisers). Organisers
// see only the seminars assigned to them; the web layer decides who is one.
bool seminar_assigned(store::Connection& db, std::int64_t seminar_id, std::int64_t account_id);

// Inside a write job. An organiser's decision to give a waiting person a place,
// even when the seminar is full (the organiser knows the room); the person gets
// the "registration.promoted" e-mail.
ChangeResult promote_registration(store::Connection& db, std::int64_t registration_id,
                                  core::TimePoint now);

enum class MessageAudience { registered, waitlisted, active, selected };
std::optional<MessageAudience> parse_audience(std::string_view name);

// Ids of the registrations an organiser's message goes to. For `selected`, the
// ids given that belong to the seminar and are not cancelled or rejected.
std::vector<std::int64_t> audience_ids(store::Connection& db, std::int64_t seminar_id,
                                       MessageAudience audience,
                                       const std::vector<std::int64_t>& selected = {});

// Inside a write job: one "admin.message" outbox row per registration.
// Returns the number of rows enqueued.
int enqueue_admin_message(store::Connection& db, const std::vector<std::int64_t>& registration_ids,
                          const std::string& subject, const std::string& body, core::TimePoint now);

// Registrations that opened the seminar (first_seen_at set), earliest first.
std::vector<Registration> attendees(store::Connection& db, std::int64_t seminar_id);

}  // namespace rynek::events
