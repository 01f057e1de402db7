#include "events/registration.hpp"

#include <boost/json.hpp>

#include "core/tokens.hpp"
#include "events/form.hpp"
#include "events/registration_store.hpp"

namespace rynek::events {
namespace {

using namespace std::chrono_literals;

// A repeated registration re-sends its e-mail at most this often.
constexpr auto kResendInterval = 10min;

// Multiselect answers are arrays, everything else a string (the schema's contract).
std::string answers_json(const Seminar& seminar, const Submission& submission) {
  boost::json::object answers;
  for (const auto& [key, values] : submission.answers) {
    bool multiple = values.size() > 1;
    for (const auto& field : seminar.fields) {
      if (field.key == key) multiple = field.type == FieldType::multiselect;
    }
    if (multiple) {
      boost::json::array array;
      for (const auto& value : values) array.emplace_back(value);
      answers[key] = std::move(array);
    } else {
      answers[key] = values.empty() ? std::string() : values.front();
    }
  }
  return boost::json::serialize(answers);
}

RegistrationState state_for_new(store::Connection& db, const Seminar& seminar,
                                const detail::SeminarRules& rules, core::TimePoint now) {
  if (rules.requires_approval) return RegistrationState::pending_approval;
  // A place freed earlier (or capacity raised by an import) goes to those waiting first.
  detail::fill_from_queue(db, seminar.id, rules, now);
  if (rules.capacity && detail::registered_count(db, seminar.id) >= *rules.capacity) {
    return RegistrationState::waitlisted;
  }
  return RegistrationState::registered;
}

enum class Fresh { new_row, reused_row };

void store_consents(store::Connection& db, std::int64_t id, const Seminar& seminar,
                    const Submission& submission, const std::string& at, Fresh fresh) {
  if (fresh == Fresh::reused_row) {
    db.execute("DELETE FROM registration_consents WHERE registration_id = ?", {id});
  }
  for (const auto& consent : seminar.consents) {
    if (!submission.consents.contains(consent.key)) continue;
    db.execute(
        "INSERT INTO registration_consents (registration_id, consent_key, version, given_at)"
        " VALUES (?, ?, ?, ?)",
        {id, consent.key, consent.version, at});
  }
}

RegisterResult result_for(RegistrationState state) {
  switch (state) {
    case RegistrationState::waitlisted:
      return RegisterResult::waitlisted;
    case RegistrationState::pending_approval:
      return RegisterResult::pending_approval;
    default:
      return RegisterResult::registered;
  }
}

}  // namespace

std::string_view state_name(RegistrationState state) {
  switch (state) {
    case RegistrationState::registered:
      return "registered";
    case RegistrationState::waitlisted:
      return "waitlisted";
    case RegistrationState::pending_approval:
      return "pending_approval";
    case RegistrationState::rejected:
      return "rejected";
    case RegistrationState::cancelled:
      return "cancelled";
  }
  return "registered";
}

std::optional<RegistrationState> parse_state(std::string_view name) {
  for (auto state : {RegistrationState::registered, RegistrationState::waitlisted,
                     RegistrationState::pending_approval, RegistrationState::rejected,
                     RegistrationState::cancelled}) {
    if (state_name(state) == name) return state;
  }
  return std::nullopt;
}

// The request handler checked that the seminar was public and its form open,
// but the job runs later, and the seminar may have been taken down or its
// window moved in between: the same checks are made again here, inside the
// transaction, on the row itself (the one SELECT the capacity rules need
// anyway). A refused job stores nothing and sends nothing.
//
// A person registering again gets no second row. A live registration (or a
// rejected one: an organiser's decision is not undone by asking again) re-sends
// the e-mail of its state, at most every kResendInterval. A cancelled one is
// registered anew in the same row, keeping its nonce, so the person's link
// stays the same.
RegisterOutcome register_participant(store::Connection& db, const Seminar& seminar,
                                     const Submission& submission, const std::string& nonce,
                                     const std::string& token_hash, core::TimePoint now) {
  const auto rules = detail::seminar_rules(db, seminar.id);
  if (!rules || !rules->published || rules->published_at > now) {
    return {RegisterResult::not_public, 0};
  }
  if (!detail::registration_open(*rules, now)) return {RegisterResult::closed, 0};
  const auto email = normalise_email(submission.email).value_or(submission.email);
  const auto at = core::format_iso8601(now);
  const auto answers = answers_json(seminar, submission);
  auto existing = db.query_one(
      "SELECT id, state, coalesce(last_resent_at, created_at) FROM registrations"
      " WHERE seminar_id = ? AND email = ?",
      {seminar.id, email});
  if (existing && existing->text(1) != "cancelled") {
    const auto id = existing->integer(0);
    auto last = core::parse_iso8601(existing->text(2));
    if (last && now - *last < kResendInterval) return {RegisterResult::throttled, id};
    auto state = parse_state(existing->text(1)).value_or(RegistrationState::registered);
    db.execute("UPDATE registrations SET last_resent_at = ? WHERE id = ?", {at, id});
    detail::notify(db, id, detail::state_mail_kind(state), now);
    return {RegisterResult::resent, id};
  }
  const auto state = state_for_new(db, seminar, *rules, now);
  store::Value queued =
      state == RegistrationState::waitlisted ? store::Value(at) : store::Value(nullptr);
  std::int64_t id = 0;
  if (existing) {
    id = existing->integer(0);
    db.execute(
        "UPDATE registrations SET name = ?, lang = ?, answers = ?, state = ?, privacy_version = ?,"
        " created_at = ?, state_changed_at = ?, queued_at = ?, confirmed_at = NULL,"
        " last_resent_at = NULL WHERE id = ?",
        {submission.name, submission.lang, answers, std::string(state_name(state)),
         seminar.privacy_clause_version, at, at, queued, id});
  } else {
    db.execute(
        "INSERT INTO registrations (seminar_id, email, name, lang, answers, state, token_nonce,"
        " token_hash, privacy_version, created_at, state_changed_at, queued_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {seminar.id, email, submission.name, submission.lang, answers,
         std::string(state_name(state)), nonce, token_hash, seminar.privacy_clause_version, at, at,
         queued});
    id = db.last_insert_id();
  }
  store_consents(db, id, seminar, submission, at, existing ? Fresh::reused_row : Fresh::new_row);
  detail::notify(db, id, detail::Recipient{email, submission.name, submission.lang},
                 detail::state_mail_kind(state), now);
  return {result_for(state), id};
}

std::optional<Registration> find_registration_by_token_hash(store::Connection& db,
                                                            const std::string& token_hash) {
  auto row =
      db.query_one("SELECT id, token_hash FROM registrations WHERE token_hash = ?", {token_hash});
  // The index found the row; the comparison that decides is constant-time.
  if (!row || !core::constant_time_equals(row->text(1), token_hash)) return std::nullopt;
  return find_registration(db, row->integer(0));
}

std::optional<Registration> find_registration(store::Connection& db, std::int64_t id) {
  auto row = db.query_one(std::string(detail::kRegistrationColumns) + "WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return detail::registration_from_row(*row);
}

std::optional<int> queue_position(store::Connection& db, const Registration& registration) {
  if (registration.state != RegistrationState::waitlisted || !registration.queued_at)
    return std::nullopt;
  const auto queued = core::format_iso8601(*registration.queued_at);
  auto row = db.query_one(
      "SELECT count(*) FROM registrations WHERE seminar_id = ? AND state = 'waitlisted'"
      " AND (queued_at < ? OR (queued_at = ? AND id < ?))",
      {registration.seminar_id, queued, queued, registration.id});
  return static_cast<int>(row->integer(0)) + 1;
}

SeminarCounts count_registrations(store::Connection& db, std::int64_t seminar_id) {
  SeminarCounts counts;
  for (const auto& row : db.query(
           "SELECT state, count(*), count(confirmed_at) FROM registrations WHERE seminar_id = ?"
           " GROUP BY state",
           {seminar_id})) {
    const int n = static_cast<int>(row.integer(1));
    switch (parse_state(row.text(0)).value_or(RegistrationState::cancelled)) {
      case RegistrationState::registered:
        counts.registered = n;
        counts.confirmed = static_cast<int>(row.integer(2));
        break;
      case RegistrationState::waitlisted:
        counts.waitlisted = n;
        break;
      case RegistrationState::pending_approval:
        counts.pending_approval = n;
        break;
      case RegistrationState::rejected:
        counts.rejected = n;
        break;
      case RegistrationState::cancelled:
        counts.cancelled = n;
        break;
    }
  }
  return counts;
}

bool registration_open(const Seminar& seminar, core::TimePoint now) {
  detail::SeminarRules rules;
  rules.starts_at = seminar.starts_at;
  rules.published_at = seminar.published_at;
  rules.registration_opens_at = seminar.registration_opens_at;
  rules.registration_closes_at = seminar.registration_closes_at;
  return detail::registration_open(rules, now);
}

}  // namespace rynek::events
