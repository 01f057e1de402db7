#include "events/seminar_import.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "content/article.hpp"
#include "events/seminar_parser.hpp"

namespace rynek::events {
namespace {

namespace fs = std::filesystem;

std::vector<std::pair<fs::path, std::string>> seminar_files(const fs::path& dir) {
  std::vector<std::pair<fs::path, std::string>> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".md") {
      files.emplace_back(entry.path(), entry.path().stem().string());
    } else if (entry.is_directory() && fs::is_regular_file(entry.path() / "index.md")) {
      files.emplace_back(entry.path() / "index.md", entry.path().filename().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

store::Value optional_time(const std::optional<core::TimePoint>& t) {
  return t ? store::Value(core::format_iso8601(*t)) : store::Value(nullptr);
}

store::Value optional_int(const std::optional<int>& n) {
  return n ? store::Value(std::int64_t{*n}) : store::Value(nullptr);
}

std::string options_json(const std::vector<std::string>& options) {
  boost::json::array array;
  for (const auto& option : options) array.emplace_back(option);
  return boost::json::serialize(array);
}

constexpr std::string_view kUpsert =
    "INSERT INTO seminars (slug, title, lead, description_md, starts_at, ends_at, format, venue,"
    " broadcast_url, broadcast_visibility, recording_url, capacity, registration_opens_at,"
    " registration_closes_at, requires_approval, confirm_within_hours, contact_email,"
    " privacy_clause_md, privacy_clause_version, hero_sha256, hero_alt, published_at, created_at,"
    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (slug) DO UPDATE SET title = excluded.title, lead = excluded.lead,"
    " description_md = excluded.description_md, starts_at = excluded.starts_at,"
    " ends_at = excluded.ends_at, format = excluded.format, venue = excluded.venue,"
    " broadcast_url = excluded.broadcast_url, broadcast_visibility = excluded.broadcast_visibility,"
    " recording_url = excluded.recording_url, capacity = excluded.capacity,"
    " registration_opens_at = excluded.registration_opens_at,"
    " registration_closes_at = excluded.registration_closes_at,"
    " requires_approval = excluded.requires_approval,"
    " confirm_within_hours = excluded.confirm_within_hours, contact_email = excluded.contact_email,"
    " privacy_clause_md = excluded.privacy_clause_md,"
    " privacy_clause_version = excluded.privacy_clause_version, hero_sha256 = excluded.hero_sha256,"
    " hero_alt = excluded.hero_alt, published_at = excluded.published_at,"
    " updated_at = excluded.updated_at";

void write_children(store::Connection& db, std::int64_t id, const Seminar& s) {
  db.execute(
      "DELETE FROM agenda_speakers WHERE agenda_item_id IN (SELECT id FROM agenda_items WHERE "
      "seminar_id = ?)",
      {id});
  db.execute("DELETE FROM agenda_items WHERE seminar_id = ?", {id});
  db.execute("DELETE FROM seminar_materials WHERE seminar_id = ?", {id});
  db.execute("DELETE FROM form_fields WHERE seminar_id = ?", {id});
  db.execute("DELETE FROM consents WHERE seminar_id = ?", {id});
  std::int64_t position = 0;
  for (const auto& item : s.agenda) {
    db.execute(
        "INSERT INTO agenda_items (seminar_id, position, starts_at, ends_at, title, description)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        {id, position++, core::format_iso8601(item.starts_at), optional_time(item.ends_at),
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
  position = 0;
  for (const auto& m : s.materials) {
    content::record_media(db, {m.sha256, m.content_type, m.size});
    db.execute(
        "INSERT INTO seminar_materials (seminar_id, position, title, filename, media_sha256, "
        "audience)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        {id, position++, m.title, m.filename, m.sha256,
         std::string(m.audience == Audience::participants ? "participants" : "public")});
  }
  position = 0;
  for (const auto& f : s.fields) {
    db.execute(
        "INSERT INTO form_fields (seminar_id, position, key, type, label, help, required, options)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {id, position++, f.key, std::string(field_type_name(f.type)), f.label, f.help,
         std::int64_t{f.required}, options_json(f.options)});
  }
  position = 0;
  for (const auto& c : s.consents) {
    db.execute(
        "INSERT INTO consents (seminar_id, position, key, text, version, required)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        {id, position++, c.key, c.text, c.version, std::int64_t{c.required}});
  }
}

}  // namespace

PreparedSeminars prepare_seminars(const content::MediaStore& media, const fs::path& dir,
                                  core::TimePoint now, std::vector<std::string>& errors) {
  PreparedSeminars prepared;
  std::set<std::string> slugs;
  for (const auto& [file, slug] : seminar_files(dir / "seminars")) {
    auto source = file.lexically_relative(dir).generic_string();
    auto seminar = detail::parse_seminar_file(media, file, slug, source, now, errors);
    if (!seminar) continue;
    if (!slugs.insert(seminar->seminar.slug).second) {
      errors.push_back(source + ": slug '" + seminar->seminar.slug + "' is used twice");
      continue;
    }
    prepared.seminars.push_back(std::move(*seminar));
  }
  return prepared;
}

void write_seminars(store::Connection& db, const PreparedSeminars& prepared, int& created,
                    int& updated) {
  const auto now = core::format_iso8601(core::Clock::now());
  for (const auto& entry : prepared.seminars) {
    const auto& s = entry.seminar;
    if (entry.hero) content::record_media(db, *entry.hero);
    const bool exists = db.query_one("SELECT 1 FROM seminars WHERE slug = ?", {s.slug}).has_value();
    store::Value hero = s.hero_sha256 ? store::Value(*s.hero_sha256) : store::Value(nullptr);
    db.execute(kUpsert, {s.slug,
                         s.title,
                         s.lead,
                         s.description_md,
                         core::format_iso8601(s.starts_at),
                         core::format_iso8601(s.ends_at),
                         std::string(format_name(s.format)),
                         s.venue,
                         s.broadcast_url,
                         std::string(s.broadcast_visibility == BroadcastVisibility::everyone
                                         ? "public"
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
                         hero,
                         s.hero_alt,
                         core::format_iso8601(s.published_at),
                         now,
                         now});
    const auto id = db.query_one("SELECT id FROM seminars WHERE slug = ?", {s.slug})->integer(0);
    write_children(db, id, s);
    ++(exists ? updated : created);
  }
  if (!prepared.seminars.empty()) content::bump_content_version(db);
}

}  // namespace rynek::events
