#include "events/seminar.hpp"

#include <boost/json.hpp>
#include <stdexcept>

#include "events/broadcast_url.hpp"
#include "events/seminar_rules.hpp"

namespace rynek::events {
namespace {

constexpr std::string_view kSeminarColumns =
    "SELECT id, slug, title, lead, description_md, starts_at, ends_at, format, venue,"
    " broadcast_url, broadcast_visibility, recording_url, capacity, registration_opens_at,"
    " registration_closes_at, requires_approval, confirm_within_hours, contact_email,"
    " privacy_clause_md, privacy_clause_version, hero_sha256, hero_alt, published_at"
    " FROM seminars ";

constexpr std::string_view kAgendaQuery =
    "SELECT id, starts_at, ends_at, title, description FROM agenda_items"
    " WHERE seminar_id = ? ORDER BY position";
constexpr std::string_view kSpeakersQuery =
    "SELECT s.agenda_item_id, s.name, s.affiliation, s.city FROM agenda_speakers s"
    " JOIN agenda_items a ON a.id = s.agenda_item_id WHERE a.seminar_id = ?"
    " ORDER BY s.agenda_item_id, s.position";
constexpr std::string_view kMaterialsQuery =
    "SELECT m.title, m.filename, m.media_sha256, media.content_type, media.size, m.audience"
    " FROM seminar_materials m JOIN media ON media.sha256 = m.media_sha256"
    " WHERE m.seminar_id = ? ORDER BY m.position";
constexpr std::string_view kFieldsQuery =
    "SELECT key, type, label, help, required, options FROM form_fields"
    " WHERE seminar_id = ? ORDER BY position";
constexpr std::string_view kConsentsQuery =
    "SELECT key, text, version, required FROM consents WHERE seminar_id = ? ORDER BY position";

core::TimePoint time_at(const store::Row& row, std::size_t i) {
  auto parsed = core::parse_iso8601(row.text(i));
  if (!parsed) throw std::runtime_error("malformed time in the seminars tables: " + row.text(i));
  return *parsed;
}

std::optional<core::TimePoint> optional_time_at(const store::Row& row, std::size_t i) {
  if (row.is_null(i)) return std::nullopt;
  return time_at(row, i);
}

std::optional<int> optional_int_at(const store::Row& row, std::size_t i) {
  if (row.is_null(i)) return std::nullopt;
  return static_cast<int>(row.integer(i));
}

Format parse_format(std::string_view name) {
  if (name == "hybrid") return Format::hybrid;
  if (name == "onsite") return Format::onsite;
  return Format::online;
}

std::vector<std::string> parse_options(const std::string& json) {
  std::vector<std::string> options;
  boost::system::error_code error;
  auto value = boost::json::parse(json, error);
  if (error || !value.is_array()) return options;
  for (const auto& item : value.as_array()) {
    if (item.is_string()) options.emplace_back(item.as_string());
  }
  return options;
}

Seminar seminar_from_row(const store::Row& row) {
  Seminar s;
  s.id = row.integer(0);
  s.slug = row.text(1);
  s.title = row.text(2);
  s.lead = row.text(3);
  s.description_md = row.text(4);
  s.starts_at = time_at(row, 5);
  s.ends_at = time_at(row, 6);
  s.format = parse_format(row.text(7));
  s.venue = row.text(8);
  s.broadcast_url = row.text(9);
  s.broadcast_visibility =
      row.text(10) == "public" ? BroadcastVisibility::everyone : BroadcastVisibility::participants;
  s.recording_url = row.text(11);
  s.capacity = optional_int_at(row, 12);
  s.registration_opens_at = optional_time_at(row, 13);
  s.registration_closes_at = optional_time_at(row, 14);
  s.requires_approval = row.integer(15) != 0;
  s.confirm_within_hours = optional_int_at(row, 16);
  s.contact_email = row.text(17);
  s.privacy_clause_md = row.text(18);
  s.privacy_clause_version = row.text(19);
  s.hero_sha256 = row.optional_text(20);
  s.hero_alt = row.text(21);
  s.published_at = time_at(row, 22);
  return s;
}

void load_agenda(store::Connection& db, Seminar& seminar) {
  std::vector<std::int64_t> ids;
  for (const auto& row : db.query(kAgendaQuery, {seminar.id})) {
    AgendaItem item;
    item.starts_at = time_at(row, 1);
    item.ends_at = optional_time_at(row, 2);
    item.title = row.text(3);
    item.description = row.text(4);
    ids.push_back(row.integer(0));
    seminar.agenda.push_back(std::move(item));
  }
  for (const auto& row : db.query(kSpeakersQuery, {seminar.id})) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] == row.integer(0)) {
        seminar.agenda[i].speakers.push_back({row.text(1), row.text(2), row.text(3)});
        break;
      }
    }
  }
}

void load_children(store::Connection& db, Seminar& seminar) {
  load_agenda(db, seminar);
  for (const auto& row : db.query(kMaterialsQuery, {seminar.id})) {
    seminar.materials.push_back(
        {row.text(0), row.text(1), row.text(2), row.text(3), row.integer(4),
         row.text(5) == "participants" ? Audience::participants : Audience::everyone});
  }
  for (const auto& row : db.query(kFieldsQuery, {seminar.id})) {
    FormField field;
    field.key = row.text(0);
    field.type = parse_field_type(row.text(1)).value_or(FieldType::text);
    field.label = row.text(2);
    field.help = row.text(3);
    field.required = row.integer(4) != 0;
    field.options = parse_options(row.text(5));
    seminar.fields.push_back(std::move(field));
  }
  for (const auto& row : db.query(kConsentsQuery, {seminar.id})) {
    seminar.consents.push_back({row.text(0), row.text(1), row.text(2), row.integer(3) != 0});
  }
}

std::vector<Seminar> load_list(store::Connection& db, std::string_view where,
                               const store::Params& params) {
  std::vector<Seminar> seminars;
  for (const auto& row : db.query(std::string(kSeminarColumns) + std::string(where), params)) {
    seminars.push_back(seminar_from_row(row));
  }
  for (auto& seminar : seminars) load_children(db, seminar);
  return seminars;
}

}  // namespace

bool valid_key(std::string_view key) {
  return !key.empty() && key.size() <= kMaxKey &&
         key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string_view::npos;
}

bool valid_link(std::string_view url) {
  return bool(validate_broadcast_url(url));
}

std::string_view format_name(Format format) {
  switch (format) {
    case Format::online:
      return "online";
    case Format::hybrid:
      return "hybrid";
    case Format::onsite:
      return "onsite";
  }
  return "online";
}

std::string_view field_type_name(FieldType type) {
  switch (type) {
    case FieldType::text:
      return "text";
    case FieldType::email:
      return "email";
    case FieldType::phone:
      return "phone";
    case FieldType::select:
      return "select";
    case FieldType::multiselect:
      return "multiselect";
    case FieldType::checkbox:
      return "checkbox";
    case FieldType::textarea:
      return "textarea";
  }
  return "text";
}

std::optional<FieldType> parse_field_type(std::string_view name) {
  for (auto type : {FieldType::text, FieldType::email, FieldType::phone, FieldType::select,
                    FieldType::multiselect, FieldType::checkbox, FieldType::textarea}) {
    if (field_type_name(type) == name) return type;
  }
  return std::nullopt;
}

std::optional<Seminar> find_seminar(store::Connection& db, const std::string& slug,
                                    core::TimePoint now) {
  auto list = load_list(db, "WHERE slug = ? AND status = 'published' AND published_at <= ?",
                        {slug, core::format_iso8601(now)});
  if (list.empty()) return std::nullopt;
  return std::move(list.front());
}

std::optional<Seminar> find_seminar_by_id(store::Connection& db, std::int64_t id) {
  auto list = load_list(db, "WHERE id = ?", {id});
  if (list.empty()) return std::nullopt;
  return std::move(list.front());
}

std::vector<Seminar> upcoming_seminars(store::Connection& db, core::TimePoint now, int limit) {
  auto at = core::format_iso8601(now);
  return load_list(db,
                   "WHERE status = 'published' AND published_at <= ? AND ends_at > ?"
                   " ORDER BY starts_at, id LIMIT ?",
                   {at, at, std::int64_t{limit}});
}

std::vector<Seminar> past_seminars(store::Connection& db, core::TimePoint now, int limit,
                                   int offset) {
  auto at = core::format_iso8601(now);
  return load_list(db,
                   "WHERE status = 'published' AND published_at <= ? AND ends_at <= ?"
                   " ORDER BY starts_at DESC, id DESC"
                   " LIMIT ? OFFSET ?",
                   {at, at, std::int64_t{limit}, std::int64_t{offset}});
}

}  // namespace rynek::events
