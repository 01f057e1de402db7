// The changes a registration goes through after it is made: confirmation,
// cancellation (which promotes the first waiting), and an organiser's decision.
// Each runs inside a write job; each e-mail is an outbox row in the same job.
#include <algorithm>
#include <stdexcept>

#include "events/registration_store.hpp"
#include "mail/outbox.hpp"

namespace rynek::events {
namespace detail {

namespace {

core::TimePoint parse_time(const std::string& text) {
  auto parsed = core::parse_iso8601(text);
  if (!parsed) throw std::runtime_error("malformed time in registrations: " + text);
  return *parsed;
}

std::optional<core::TimePoint> optional_time(const store::Row& row, std::size_t i) {
  if (row.is_null(i)) return std::nullopt;
  return parse_time(row.text(i));
}

}  // namespace

Registration registration_from_row(const store::Row& row) {
  Registration r;
  r.id = row.integer(0);
  r.seminar_id = row.integer(1);
  r.email = row.text(2);
  r.name = row.text(3);
  r.lang = row.text(4);
  r.answers_json = row.text(5);
  r.state = parse_state(row.text(6)).value_or(RegistrationState::cancelled);
  r.token_nonce = row.text(7);
  r.created_at = parse_time(row.text(8));
  r.queued_at = optional_time(row, 9);
  r.confirmed_at = optional_time(row, 10);
  r.first_seen_at = optional_time(row, 11);
  r.last_seen_at = optional_time(row, 12);
  r.attended_seconds = row.integer(13);
  return r;
}

std::optional<SeminarRules> seminar_rules(store::Connection& db, std::int64_t seminar_id) {
  auto row = db.query_one(
      "SELECT capacity, requires_approval, confirm_within_hours, starts_at, ends_at, status,"
      " published_at, registration_opens_at, registration_closes_at FROM seminars WHERE id = ?",
      {seminar_id});
  if (!row) return std::nullopt;
  SeminarRules rules;
  if (!row->is_null(0)) rules.capacity = static_cast<int>(row->integer(0));
  rules.requires_approval = row->integer(1) != 0;
  if (!row->is_null(2)) rules.confirm_within_hours = static_cast<int>(row->integer(2));
  rules.starts_at = parse_time(row->text(3));
  rules.ends_at = parse_time(row->text(4));
  rules.published = row->text(5) == "published";
  rules.published_at = parse_time(row->text(6));
  rules.registration_opens_at = optional_time(*row, 7);
  rules.registration_closes_at = optional_time(*row, 8);
  return rules;
}

bool registration_open(const SeminarRules& rules, core::TimePoint now) {
  auto opens = rules.registration_opens_at.value_or(rules.published_at);
  auto closes = rules.registration_closes_at.value_or(rules.starts_at);
  return now >= opens && now < closes;
}

int count_in_state(store::Connection& db, std::int64_t seminar_id, RegistrationState state) {
  return static_cast<int>(
      db.query_one("SELECT count(*) FROM registrations WHERE seminar_id = ? AND state = ?",
                   {seminar_id, std::string(state_name(state))})
          ->integer(0));
}

bool notify(store::Connection& db, std::int64_t registration_id, mail::MailKind kind,
            core::TimePoint now, std::optional<std::string> dedup_key) {
  auto row =
      db.query_one("SELECT email, name, lang FROM registrations WHERE id = ?", {registration_id});
  if (!row) throw std::runtime_error("notify: no registration " + std::to_string(registration_id));
  const auto email = row->text(0), name = row->text(1), lang = row->text(2);
  return notify(db, registration_id, Recipient{email, name, lang}, kind, now, std::move(dedup_key));
}

bool notify(store::Connection& db, std::int64_t registration_id, const Recipient& recipient,
            mail::MailKind kind, core::TimePoint now, std::optional<std::string> dedup_key) {
  mail::NewMessage message;
  message.kind = kind;
  message.to_address = recipient.email;
  message.to_name = recipient.name;
  message.lang = recipient.lang;
  message.payload = "{\"registration_id\":" + std::to_string(registration_id) + "}";
  message.dedup_key = std::move(dedup_key);
  return mail::enqueue(db, message, now).has_value();
}

mail::MailKind state_mail_kind(RegistrationState state) {
  switch (state) {
    case RegistrationState::registered:
      return mail::MailKind::registration_confirmation;
    case RegistrationState::waitlisted:
      return mail::MailKind::registration_waitlisted;
    case RegistrationState::pending_approval:
      return mail::MailKind::registration_pending;
    case RegistrationState::rejected:
      return mail::MailKind::registration_rejected;
    case RegistrationState::cancelled:
      return mail::MailKind::registration_cancelled;
  }
  return mail::MailKind::registration_confirmation;
}

int fill_from_queue(store::Connection& db, std::int64_t seminar_id, core::TimePoint now,
                    const std::vector<std::int64_t>& skip) {
  auto rules = seminar_rules(db, seminar_id);
  if (!rules) return 0;
  return fill_from_queue(db, seminar_id, *rules, now, skip);
}

// Every automatic promotion goes through here, so this is the one place that
// decides when a waiting list may move by itself. (An organiser moving someone
// up by hand, promote_registration, is their explicit decision and works on a
// hidden seminar too.)
//
// Not while the seminar is hidden (a draft, or taken down): the organiser took
// it off the site, perhaps to change it, and a person moved up now would be
// told "the place is yours" for an event that may be changing or cancelled.
// The places stay free; cancellations still work. Publishing it again moves the
// queue (set_seminar_status calls fill_from_queue).
//
// A scheduled seminar (published, published_at still in the future) does
// promote. Nothing runs at the moment it becomes public — housekeeping fills
// places only for the people whose confirmation expired, and the page turning
// public is a read, not a write — so a place freed while scheduled would stay
// empty until some later change happened to call this, stranding the people
// waiting. Moving them up is safe: the "promoted" e-mail carries their personal
// link, which works whatever the seminar's status.
int fill_from_queue(store::Connection& db, std::int64_t seminar_id, const SeminarRules& rules_in,
                    core::TimePoint now, const std::vector<std::int64_t>& skip) {
  const SeminarRules* rules = &rules_in;
  if (!rules->published || now >= rules->ends_at) return 0;
  std::int64_t free_places = 1'000'000'000;  // no capacity: everyone waiting
  if (rules->capacity) {
    free_places = *rules->capacity - registered_count(db, seminar_id);
    if (free_places <= 0) return 0;
  }
  auto waiting = db.query(
      "SELECT id FROM registrations WHERE seminar_id = ? AND state = 'waitlisted'"
      " ORDER BY queued_at, id LIMIT ?",
      {seminar_id, free_places + static_cast<std::int64_t>(skip.size())});
  const auto at = core::format_iso8601(now);
  int promoted = 0;
  for (const auto& row : waiting) {
    const auto id = row.integer(0);
    if (promoted == free_places) break;
    if (std::find(skip.begin(), skip.end(), id) != skip.end()) continue;
    db.execute(
        "UPDATE registrations SET state = 'registered', queued_at = NULL, state_changed_at = ?"
        " WHERE id = ?",
        {at, id});
    notify(db, id, mail::MailKind::registration_promoted, now);
    ++promoted;
  }
  return promoted;
}

}  // namespace detail

namespace {

std::optional<Registration> load(store::Connection& db, std::int64_t id) {
  return find_registration(db, id);
}

void set_state(store::Connection& db, std::int64_t id, RegistrationState state,
               core::TimePoint now) {
  const auto at = core::format_iso8601(now);
  store::Value queued =
      state == RegistrationState::waitlisted ? store::Value(at) : store::Value(nullptr);
  db.execute("UPDATE registrations SET state = ?, state_changed_at = ?, queued_at = ? WHERE id = ?",
             {std::string(state_name(state)), at, queued, id});
}

}  // namespace

ChangeResult confirm_participation(store::Connection& db, std::int64_t registration_id,
                                   core::TimePoint now) {
  auto registration = load(db, registration_id);
  if (!registration) return ChangeResult::not_allowed;
  if (registration->state != RegistrationState::registered &&
      registration->state != RegistrationState::waitlisted) {
    return ChangeResult::not_allowed;
  }
  if (registration->confirmed_at) return ChangeResult::already;
  db.execute("UPDATE registrations SET confirmed_at = ? WHERE id = ?",
             {core::format_iso8601(now), registration_id});
  return ChangeResult::done;
}

ChangeResult cancel_registration(store::Connection& db, std::int64_t registration_id,
                                 core::TimePoint now) {
  auto registration = load(db, registration_id);
  if (!registration || registration->state == RegistrationState::rejected) {
    return ChangeResult::not_allowed;
  }
  if (registration->state == RegistrationState::cancelled) return ChangeResult::already;
  set_state(db, registration_id, RegistrationState::cancelled, now);
  detail::notify(db, registration_id, mail::MailKind::registration_cancelled, now);
  if (registration->state == RegistrationState::registered) {
    detail::fill_from_queue(db, registration->seminar_id, now);
  }
  return ChangeResult::done;
}

ChangeResult approve_registration(store::Connection& db, std::int64_t registration_id,
                                  core::TimePoint now) {
  auto registration = load(db, registration_id);
  if (!registration) return ChangeResult::not_allowed;
  if (registration->state == RegistrationState::registered ||
      registration->state == RegistrationState::waitlisted) {
    return ChangeResult::already;
  }
  if (registration->state != RegistrationState::pending_approval) return ChangeResult::not_allowed;
  // Places freed earlier go to those already waiting before an approval can take them.
  auto rules = detail::seminar_rules(db, registration->seminar_id);
  if (rules) detail::fill_from_queue(db, registration->seminar_id, *rules, now);
  // While the seminar is hidden nobody was moved up, so the free places are
  // still owed to those waiting: the approved person joins the end of the queue.
  const bool owed = rules && rules->capacity && !rules->published;
  bool full = rules && rules->capacity &&
              detail::registered_count(db, registration->seminar_id) +
                      (owed ? detail::count_in_state(db, registration->seminar_id,
                                                     RegistrationState::waitlisted)
                            : 0) >=
                  *rules->capacity;
  set_state(db, registration_id,
            full ? RegistrationState::waitlisted : RegistrationState::registered, now);
  detail::notify(
      db, registration_id,
      full ? mail::MailKind::registration_waitlisted : mail::MailKind::registration_approved, now);
  return ChangeResult::done;
}

ChangeResult reject_registration(store::Connection& db, std::int64_t registration_id,
                                 core::TimePoint now) {
  auto registration = load(db, registration_id);
  if (!registration) return ChangeResult::not_allowed;
  if (registration->state == RegistrationState::rejected) return ChangeResult::already;
  if (registration->state != RegistrationState::pending_approval) return ChangeResult::not_allowed;
  set_state(db, registration_id, RegistrationState::rejected, now);
  detail::notify(db, registration_id, mail::MailKind::registration_rejected, now);
  return ChangeResult::done;
}

}  // namespace rynek::events
