#include "events/seminar_write.hpp"

#include <array>
#include <boost/json.hpp>

#include "content/media.hpp"

namespace rynek::events::detail {
namespace {

// The seminars columns a Seminar fills, in the order of row_values().
// clang-format off
constexpr std::array<std::string_view, 22> kColumns = {
    "slug", "title", "lead", "description_md", "starts_at", "ends_at", "format", "venue",
    "broadcast_url", "broadcast_visibility", "recording_url", "capacity", "registration_opens_at",
    "registration_closes_at", "requires_approval", "confirm_within_hours", "contact_email",
    "privacy_clause_md", "privacy_clause_version", "hero_sha256", "hero_alt", "published_at"};
// clang-format on

store::Value optional_time(const std::optional<core::TimePoint>& t) {
  return t ? store::Value(core::format_iso8601(*t)) : store::Value(nullptr);
}

store::Value optional_int(const std::optional<int>& n) {
  return n ? store::Value(std::int64_t{*n}) : store::Value(nullptr);
}

store::Params row_values(const Seminar& s) {
  return {s.slug,
          s.title,
          s.lead,
          s.description_md,
          core::format_iso8601(s.starts_at),
          core::format_iso8601(s.ends_at),
          std::string(format_name(s.format)),
          s.venue,
          s.broadcast_url,
          std::string(s.broadcast_visibility == BroadcastVisibility::everyone ? "public"
                                                                              : "participants"),
          s.recording_url,
          optional_int(s.capacity),
          optional_time(s.registration_opens_at),
          optional_time(s.registration_closes_at),
          std::int64_t{s.requires_approval},
          optional_int(s.confirm_within_hours),
          s.contact_email,
          s.privacy_clause_md,
          s.privacy_clause_version,
          s.hero_sha256 ? store::Value(*s.hero_sha256) : store::Value(nullptr),
          s.hero_alt,
          core::format_iso8601(s.published_at)};
}

// "a, b, c" + extra columns, and as many placeholders.
std::string insert_sql(const std::vector<std::string_view>& extra) {
  std::string names, marks;
  auto add = [&](std::string_view name) {
    names += std::string(names.empty() ? "" : ", ") + std::string(name);
    marks += marks.empty() ? "?" : ", ?";
  };
  for (auto name : kColumns) add(name);
  for (auto name : extra) add(name);
  return "INSERT INTO seminars (" + names + ") VALUES (" + marks + ")";
}

std::string upsert_sql() {
  std::string sql = insert_sql({"created_at", "updated_at"}) + " ON CONFLICT (slug) DO UPDATE SET ";
  for (auto name : kColumns) {
    if (name == "slug") continue;
    sql += std::string(name) + " = excluded." + std::string(name) + ", ";
  }
  sql.resize(sql.size() - 2);  // the last ", "
  return sql;
}

std::string state_sql() {
  std::string sql = "SELECT ";
  for (auto name : kColumns) sql += std::string(name) + ", ";
  sql.resize(sql.size() - 2);
  return sql + " FROM seminars WHERE id = ?";
}

std::string update_sql() {
  std::string sql = "UPDATE seminars SET ";
  for (auto name : kColumns) sql += std::string(name) + " = ?, ";
  return sql + "updated_at = ?, revision = revision + 1 WHERE id = ?";
}

std::string options_json(const std::vector<std::string>& options) {
  boost::json::array array;
  for (const auto& option : options) array.emplace_back(option);
  return boost::json::serialize(array);
}

}  // namespace

std::string audience_name(Audience audience) {
  return audience == Audience::participants ? "participants" : "public";
}

UpsertResult upsert_seminar_row(store::Connection& db, const Seminar& seminar,
                                core::TimePoint now) {
  static const std::string sql = upsert_sql();
  const bool exists =
      db.query_one("SELECT 1 FROM seminars WHERE slug = ?", {seminar.slug}).has_value();
  auto params = row_values(seminar);
  const auto stamp = core::format_iso8601(now);
  params.insert(params.end(), {stamp, stamp});
  db.execute(sql, params);
  const auto id =
      db.query_one("SELECT id FROM seminars WHERE slug = ?", {seminar.slug})->integer(0);
  return {id, !exists};
}

std::vector<store::Row> imported_state(store::Connection& db, std::int64_t id) {
  static const std::string row_sql = state_sql();
  auto rows = db.query(row_sql, {id});
  for (
      const char* sql :
      {"SELECT i.position, i.starts_at, i.ends_at, i.title, i.description, s.position, s.name, s.affiliation,"
       " s.city FROM agenda_items i LEFT JOIN agenda_speakers s ON s.agenda_item_id = i.id"
       " WHERE i.seminar_id = ? ORDER BY i.position, s.position",
       "SELECT position, key, type, label, help, required, options FROM form_fields WHERE seminar_id = ?"
       " ORDER BY position",
       "SELECT position, key, text, version, required FROM consents WHERE seminar_id = ? ORDER BY position",
       "SELECT position, title, filename, media_sha256, audience FROM seminar_materials WHERE seminar_id = ?"
       " ORDER BY position"}) {
    for (auto& row : db.query(sql, {id})) rows.push_back(std::move(row));
  }
  return rows;
}

std::int64_t insert_seminar_row(store::Connection& db, const Seminar& seminar,
                                content::ArticleStatus status, core::TimePoint now) {
  static const std::string sql = insert_sql({"status", "created_at", "updated_at"});
  auto params = row_values(seminar);
  const auto stamp = core::format_iso8601(now);
  params.insert(params.end(), {std::string(content::status_name(status)), stamp, stamp});
  db.execute(sql, params);
  return db.last_insert_id();
}

void update_seminar_row(store::Connection& db, std::int64_t id, const Seminar& seminar,
                        core::TimePoint now) {
  static const std::string sql = update_sql();
  auto params = row_values(seminar);
  params.insert(params.end(), {core::format_iso8601(now), id});
  db.execute(sql, params);
}

void write_agenda(store::Connection& db, std::int64_t seminar_id,
                  const std::vector<AgendaItem>& agenda) {
  db.execute(
      "DELETE FROM agenda_speakers WHERE agenda_item_id IN"
      " (SELECT id FROM agenda_items WHERE seminar_id = ?)",
      {seminar_id});
  db.execute("DELETE FROM agenda_items WHERE seminar_id = ?", {seminar_id});
  std::int64_t position = 0;
  for (const auto& item : agenda) {
    db.execute(
        "INSERT INTO agenda_items (seminar_id, position, starts_at, ends_at, title, description)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        {seminar_id, position++, core::format_iso8601(item.starts_at), optional_time(item.ends_at),
         item.title, item.description});
    const auto item_id = db.last_insert_id();
    std::int64_t speaker_position = 0;
    for (const auto& speaker : item.speakers) {
      db.execute(
          "INSERT INTO agenda_speakers (agenda_item_id, position, name, affiliation, city)"
          " VALUES (?, ?, ?, ?, ?)",
          {item_id, speaker_position++, speaker.name, speaker.affiliation, speaker.city});
    }
  }
}

void write_fields(store::Connection& db, std::int64_t seminar_id,
                  const std::vector<FormField>& fields) {
  db.execute("DELETE FROM form_fields WHERE seminar_id = ?", {seminar_id});
  std::int64_t position = 0;
  for (const auto& f : fields) {
    db.execute(
        "INSERT INTO form_fields (seminar_id, position, key, type, label, help, required, options)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {seminar_id, position++, f.key, std::string(field_type_name(f.type)), f.label, f.help,
         std::int64_t{f.required}, options_json(f.options)});
  }
}

void write_consents(store::Connection& db, std::int64_t seminar_id,
                    const std::vector<Consent>& consents) {
  db.execute("DELETE FROM consents WHERE seminar_id = ?", {seminar_id});
  std::int64_t position = 0;
  for (const auto& c : consents) {
    db.execute(
        "INSERT INTO consents (seminar_id, position, key, text, version, required)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        {seminar_id, position++, c.key, c.text, c.version, std::int64_t{c.required}});
  }
}

void write_materials(store::Connection& db, std::int64_t seminar_id,
                     const std::vector<Material>& materials) {
  db.execute("DELETE FROM seminar_materials WHERE seminar_id = ?", {seminar_id});
  std::int64_t position = 0;
  for (const auto& m : materials) {
    content::record_media(db, {m.sha256, m.content_type, m.size});
    db.execute(
        "INSERT INTO seminar_materials (seminar_id, position, title, filename, media_sha256, "
        "audience)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        {seminar_id, position++, m.title, m.filename, m.sha256, audience_name(m.audience)});
  }
}

}  // namespace rynek::events::detail
