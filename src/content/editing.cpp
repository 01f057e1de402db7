// Writes for the back office (editing.hpp). Each function runs inside a write job.
#include "content/editing.hpp"

#include <boost/json.hpp>

#include "core/change_set.hpp"
#include "core/text.hpp"

namespace rynek::content {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

void set_tags(store::Connection& db, std::int64_t article_id,
              const std::vector<std::string>& names) {
  db.execute("DELETE FROM article_tags WHERE article_id = ?", {article_id});
  for (const auto& name : names) {
    auto slug = core::slugify(name);
    if (slug.empty()) continue;
    db.execute("INSERT INTO tags (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING",
               {slug, name});
    db.execute(
        "INSERT INTO article_tags (article_id, tag_id) SELECT ?, id FROM tags WHERE slug = ?"
        " ON CONFLICT DO NOTHING",
        {article_id, slug});
  }
}

store::Value optional_value(const std::optional<std::string>& text) {
  return text ? store::Value(*text) : store::Value(nullptr);
}

}  // namespace

std::int64_t create_article(store::Connection& db, const ArticleFields& fields,
                            ArticleStatus status, core::TimePoint now) {
  const auto stamp = core::format_iso8601(now);
  db.execute(
      "INSERT INTO articles (slug, title, lead, body_md, hero_sha256, hero_alt, published_at, status,"
      " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {fields.slug, fields.title, fields.lead, fields.body_md, optional_value(fields.hero_sha256),
       fields.hero_alt, core::format_iso8601(fields.published_at), std::string(status_name(status)),
       stamp, stamp});
  auto id = db.last_insert_id();
  set_tags(db, id, fields.tags);
  bump_content_version(db);
  return id;
}

std::optional<std::string> update_article(store::Connection& db, std::int64_t id,
                                          const ArticleFields& fields, core::TimePoint now) {
  auto before = load_article(db, id);
  if (!before) return std::nullopt;
  const auto& old = before->fields;
  core::ChangeSet changes;
  changes.compare("title", old.title, fields.title);
  changes.compare("slug", old.slug, fields.slug);
  changes.compare("lead", old.lead, fields.lead);
  changes.mark("body", old.body_md != fields.body_md);
  changes.compare("tags", joined(old.tags), joined(fields.tags));
  changes.compare("published_at", core::format_iso8601(old.published_at),
                  core::format_iso8601(fields.published_at));
  changes.compare("hero", old.hero_sha256.value_or(""), fields.hero_sha256.value_or(""));
  changes.compare("hero_alt", old.hero_alt, fields.hero_alt);
  if (changes.empty()) return changes.json();
  db.execute(
      "UPDATE articles SET slug = ?, title = ?, lead = ?, body_md = ?, hero_sha256 = ?, hero_alt = ?,"
      " published_at = ?, updated_at = ?, revision = revision + 1 WHERE id = ?",
      {fields.slug, fields.title, fields.lead, fields.body_md, optional_value(fields.hero_sha256),
       fields.hero_alt, core::format_iso8601(fields.published_at), core::format_iso8601(now), id});
  set_tags(db, id, fields.tags);
  bump_content_version(db);
  return changes.json();
}

std::optional<std::string> set_article_status(store::Connection& db, std::int64_t id,
                                              ArticleStatus status,
                                              std::optional<core::TimePoint> published_at,
                                              core::TimePoint now) {
  auto before = load_article(db, id);
  if (!before) return std::nullopt;
  auto when = published_at.value_or(before->fields.published_at);
  core::ChangeSet changes;
  changes.compare("status", std::string(status_name(before->status)),
                  std::string(status_name(status)));
  changes.compare("published_at", core::format_iso8601(before->fields.published_at),
                  core::format_iso8601(when));
  if (changes.empty()) return changes.json();
  db.execute(
      "UPDATE articles SET status = ?, published_at = ?, updated_at = ?, revision = revision + 1 WHERE id = ?",
      {std::string(status_name(status)), core::format_iso8601(when), core::format_iso8601(now),
       id});
  bump_content_version(db);
  return changes.json();
}

std::int64_t add_attachment(store::Connection& db, std::int64_t article_id,
                            const std::string& title, const std::string& filename,
                            const StoredMedia& media, core::TimePoint now) {
  record_media(db, media);
  db.execute(
      "INSERT INTO attachments (article_id, position, title, filename, media_sha256)"
      " SELECT ?, coalesce(max(position), 0) + 1, ?, ?, ? FROM attachments WHERE article_id = ?",
      {article_id, title, filename, media.sha256, article_id});
  auto id = db.last_insert_id();
  db.execute("UPDATE articles SET updated_at = ?, revision = revision + 1 WHERE id = ?",
             {core::format_iso8601(now), article_id});
  bump_content_version(db);
  return id;
}

bool remove_attachment(store::Connection& db, std::int64_t article_id, std::int64_t attachment_id,
                       core::TimePoint now) {
  db.execute("DELETE FROM attachments WHERE id = ? AND article_id = ?",
             {attachment_id, article_id});
  if (db.changes() == 0) return false;
  db.execute("UPDATE articles SET updated_at = ?, revision = revision + 1 WHERE id = ?",
             {core::format_iso8601(now), article_id});
  bump_content_version(db);
  return true;
}

}  // namespace rynek::content
