#include "events/admin_queries.hpp"

#include <unicode/unistr.h>

#include <algorithm>
#include <boost/json.hpp>

#include "events/registration_store.hpp"
#include "mail/outbox.hpp"

namespace rynek::events {
namespace {

std::string folded(std::string_view text) {
  auto unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  unicode.foldCase();
  std::string out;
  unicode.toUTF8String(out);
  return out;
}

}  // namespace

std::string registration_filter_sql(std::int64_t seminar_id, const RegistrationFilter& filter,
                                    store::Params& params) {
  std::string sql = " WHERE seminar_id = ?";
  params.emplace_back(seminar_id);
  if (filter.state) {
    sql += " AND state = ?";
    params.emplace_back(std::string(state_name(*filter.state)));
  }
  if (filter.confirmed) {
    sql += *filter.confirmed ? " AND confirmed_at IS NOT NULL" : " AND confirmed_at IS NULL";
  }
  return sql;
}

bool matches_search(const Registration& registration, std::string_view search) {
  if (search.empty()) return true;
  const auto needle = folded(search);
  return folded(registration.name).find(needle) != std::string::npos ||
         folded(registration.email).find(needle) != std::string::npos;
}

RegistrationList list_registrations(store::Connection& db, std::int64_t seminar_id,
                                    const RegistrationFilter& filter, int page, int page_size) {
  store::Params params;
  std::string sql(detail::kRegistrationColumns);
  sql += registration_filter_sql(seminar_id, filter, params);
  sql += " ORDER BY created_at, id";
  RegistrationList list;
  const std::int64_t first =
      page_size > 0 ? static_cast<std::int64_t>(std::max(page, 1) - 1) * page_size : 0;
  for (const auto& row : db.query(sql, params)) {
    auto registration = detail::registration_from_row(row);
    if (!matches_search(registration, filter.search)) continue;
    const auto index = list.total++;
    if (page_size > 0 && (index < first || index >= first + page_size)) continue;
    list.rows.push_back(std::move(registration));
  }
  return list;
}

ConsentsGiven consents_given(store::Connection& db, std::int64_t seminar_id) {
  ConsentsGiven given;
  for (const auto& row :
       db.query("SELECT c.registration_id, c.consent_key, c.version FROM registration_consents c"
                " JOIN registrations r ON r.id = c.registration_id WHERE r.seminar_id = ?",
                {seminar_id})) {
    given[row.integer(0)][row.text(1)] = row.text(2);
  }
  return given;
}

bool seminar_assigned(store::Connection& db, std::int64_t seminar_id, std::int64_t account_id) {
  return db
      .query_one("SELECT 1 FROM seminar_organisers WHERE seminar_id = ? AND account_id = ?",
                 {seminar_id, account_id})
      .has_value();
}

ChangeResult promote_registration(store::Connection& db, std::int64_t registration_id,
                                  core::TimePoint now) {
  auto registration = find_registration(db, registration_id);
  if (!registration) return ChangeResult::not_allowed;
  if (registration->state == RegistrationState::registered) return ChangeResult::already;
  if (registration->state != RegistrationState::waitlisted) return ChangeResult::not_allowed;
  db.execute(
      "UPDATE registrations SET state = 'registered', queued_at = NULL, state_changed_at = ?"
      " WHERE id = ?",
      {core::format_iso8601(now), registration_id});
  detail::notify(db, registration_id, mail::MailKind::registration_promoted, now);
  return ChangeResult::done;
}

std::optional<MessageAudience> parse_audience(std::string_view name) {
  if (name == "registered") return MessageAudience::registered;
  if (name == "waitlisted") return MessageAudience::waitlisted;
  if (name == "active") return MessageAudience::active;
  if (name == "selected") return MessageAudience::selected;
  return std::nullopt;
}

std::vector<std::int64_t> audience_ids(store::Connection& db, std::int64_t seminar_id,
                                       MessageAudience audience,
                                       const std::vector<std::int64_t>& selected) {
  std::string states;
  switch (audience) {
    case MessageAudience::registered:
      states = "('registered')";
      break;
    case MessageAudience::waitlisted:
      states = "('waitlisted')";
      break;
    case MessageAudience::active:
    case MessageAudience::selected:
      states = "('registered', 'waitlisted', 'pending_approval')";
      break;
  }
  std::vector<std::int64_t> ids;
  for (const auto& row :
       db.query("SELECT id FROM registrations WHERE seminar_id = ? AND state IN " + states +
                    " ORDER BY id",
                {seminar_id})) {
    const auto id = row.integer(0);
    if (audience == MessageAudience::selected &&
        std::find(selected.begin(), selected.end(), id) == selected.end()) {
      continue;
    }
    ids.push_back(id);
  }
  return ids;
}

int enqueue_admin_message(store::Connection& db, const std::vector<std::int64_t>& registration_ids,
                          const std::string& subject, const std::string& body,
                          core::TimePoint now) {
  int enqueued = 0;
  for (const auto id : registration_ids) {
    auto row = db.query_one("SELECT email, name, lang FROM registrations WHERE id = ?", {id});
    if (!row) continue;
    mail::NewMessage message;
    message.kind = mail::MailKind::admin_message;
    message.to_address = row->text(0);
    message.to_name = row->text(1);
    message.lang = row->text(2);
    boost::json::object payload;
    payload["registration_id"] = id;
    payload["subject"] = subject;
    payload["body"] = body;
    message.payload = boost::json::serialize(payload);
    if (mail::enqueue(db, message, now)) ++enqueued;
  }
  return enqueued;
}

std::vector<Registration> attendees(store::Connection& db, std::int64_t seminar_id) {
  std::vector<Registration> rows;
  for (const auto& row : db.query(std::string(detail::kRegistrationColumns) +
                                      "WHERE seminar_id = ? AND first_seen_at IS NOT NULL"
                                      " ORDER BY first_seen_at, id",
                                  {seminar_id})) {
    rows.push_back(detail::registration_from_row(row));
  }
  return rows;
}

}  // namespace rynek::events
