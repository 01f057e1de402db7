// Reads for the back office: seminars in any status (seminar_editing.hpp).
#include "events/seminar_editing.hpp"

namespace rynek::events {
namespace {

core::TimePoint parse_time(const std::string& text) {
  return core::parse_iso8601(text).value_or(core::TimePoint{});
}

SeminarStatus status_from(const std::string& name) {
  return content::parse_status(name).value_or(SeminarStatus::draft);
}

}  // namespace

std::optional<EditableSeminar> load_seminar_for_editing(store::Connection& db, std::int64_t id) {
  auto row = db.query_one(
      "SELECT status, created_at, updated_at, revision,"
      " EXISTS (SELECT 1 FROM registrations WHERE seminar_id = seminars.id)"
      " FROM seminars WHERE id = ?",
      {id});
  if (!row) return std::nullopt;
  auto seminar = find_seminar_by_id(db, id);
  if (!seminar) return std::nullopt;
  EditableSeminar editable;
  editable.seminar = std::move(*seminar);
  editable.status = status_from(row->text(0));
  editable.created_at = parse_time(row->text(1));
  editable.updated_at = parse_time(row->text(2));
  editable.revision = row->integer(3);
  editable.has_registrations = row->integer(4) != 0;
  for (const auto& m :
       db.query("SELECT m.id, m.title, m.filename, m.media_sha256, media.content_type, media.size, "
                "m.audience"
                " FROM seminar_materials m JOIN media ON media.sha256 = m.media_sha256"
                " WHERE m.seminar_id = ? ORDER BY m.position",
                {id})) {
    editable.materials.push_back(
        {m.integer(0),
         {m.text(1), m.text(2), m.text(3), m.text(4), m.integer(5),
          m.text(6) == "participants" ? Audience::participants : Audience::everyone}});
  }
  return editable;
}

std::optional<Seminar> seminar_for_preview(store::Connection& db, std::int64_t id) {
  return find_seminar_by_id(db, id);
}

std::optional<std::int64_t> seminar_revision(store::Connection& db, std::int64_t id) {
  auto row = db.query_one("SELECT revision FROM seminars WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return row->integer(0);
}

bool seminar_is_public(store::Connection& db, std::int64_t id, core::TimePoint now) {
  return db
      .query_one(
          "SELECT 1 FROM seminars WHERE id = ? AND status = 'published' AND published_at <= ?",
          {id, core::format_iso8601(now)})
      .has_value();
}

std::map<std::string, std::set<std::string>> used_consent_versions(store::Connection& db,
                                                                   std::int64_t seminar_id) {
  std::map<std::string, std::set<std::string>> used;
  for (const auto& row :
       db.query("SELECT DISTINCT c.consent_key, c.version FROM registration_consents c"
                " JOIN registrations r ON r.id = c.registration_id WHERE r.seminar_id = ?",
                {seminar_id})) {
    used[row.text(0)].insert(row.text(1));
  }
  return used;
}

std::set<std::string> used_privacy_versions(store::Connection& db, std::int64_t seminar_id) {
  std::set<std::string> used;
  for (const auto& row :
       db.query("SELECT DISTINCT privacy_version FROM registrations WHERE seminar_id = ?",
                {seminar_id})) {
    used.insert(row.text(0));
  }
  return used;
}

SeminarStatus seminar_status(store::Connection& db, std::int64_t id) {
  auto row = db.query_one("SELECT status FROM seminars WHERE id = ?", {id});
  return row ? status_from(row->text(0)) : SeminarStatus::draft;
}

std::vector<SeminarListItem> list_seminars_for_editing(store::Connection& db,
                                                       std::optional<std::int64_t> organiser_id) {
  constexpr std::string_view kColumns =
      "SELECT s.id, s.slug, s.title, s.status, s.starts_at, s.ends_at, s.published_at FROM "
      "seminars s";
  auto rows =
      organiser_id
          ? db.query(std::string(kColumns) +
                         " JOIN seminar_organisers o ON o.seminar_id = s.id WHERE o.account_id = ?"
                         " ORDER BY s.starts_at DESC, s.id DESC",
                     {*organiser_id})
          : db.query(std::string(kColumns) + " ORDER BY s.starts_at DESC, s.id DESC");
  std::vector<SeminarListItem> items;
  for (const auto& row : rows) {
    items.push_back({row.integer(0), row.text(1), row.text(2), status_from(row.text(3)),
                     parse_time(row.text(4)), parse_time(row.text(5)), parse_time(row.text(6))});
  }
  return items;
}

}  // namespace rynek::events
