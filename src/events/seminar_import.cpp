#include "events/seminar_import.hpp"

#include <algorithm>
#include <set>

#include "content/article.hpp"
#include "events/seminar_parser.hpp"
#include "events/seminar_write.hpp"

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
  const auto now = core::Clock::now();
  for (const auto& entry : prepared.seminars) {
    const auto& s = entry.seminar;
    if (entry.hero) {
      content::record_media(db, *entry.hero);
      content::record_variants(db, entry.hero->sha256, entry.hero_variants);
    }
    // The row keeps its status: a seminar taken down in the back office stays down.
    auto existing = db.query_one("SELECT id FROM seminars WHERE slug = ?", {s.slug});
    const auto before =
        existing ? detail::imported_state(db, existing->integer(0)) : std::vector<store::Row>{};
    const auto row = detail::upsert_seminar_row(db, s, now);
    detail::write_agenda(db, row.id, s.agenda);
    detail::write_materials(db, row.id, s.materials);
    detail::write_fields(db, row.id, s.fields);
    detail::write_consents(db, row.id, s.consents);
    if (!row.created && detail::imported_state(db, row.id) != before) {
      db.execute("UPDATE seminars SET updated_at = ?, revision = revision + 1 WHERE id = ?",
                 {core::format_iso8601(now), row.id});
    }
    ++(row.created ? created : updated);
  }
  if (!prepared.seminars.empty()) content::bump_content_version(db);
}

}  // namespace rynek::events
