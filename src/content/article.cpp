#include "content/article.hpp"

namespace rynek::content {
namespace {

constexpr const char* kSummaryColumns =
    "a.id, a.slug, a.title, a.lead, a.hero_sha256, a.hero_alt, a.published_at";

core::TimePoint parse_time(const std::string& text) {
  return core::parse_iso8601(text).value_or(core::TimePoint{});
}

ArticleSummary summary_from(const store::Row& row) {
  ArticleSummary summary;
  summary.id = row.integer(0);
  summary.slug = row.text(1);
  summary.title = row.text(2);
  summary.lead = row.text(3);
  summary.hero_sha256 = row.optional_text(4);
  summary.hero_alt = row.text(5);
  summary.published_at = parse_time(row.text(6));
  return summary;
}

std::vector<ArticleSummary> summaries(store::Connection& db, const std::string& sql,
                                      const store::Params& params) {
  std::vector<ArticleSummary> result;
  for (const auto& row : db.query(sql, params)) result.push_back(summary_from(row));
  return result;
}

}  // namespace

std::vector<ArticleSummary> latest_articles(store::Connection& db, core::TimePoint now, int limit,
                                            int offset) {
  static const std::string sql =
      std::string("SELECT ") + kSummaryColumns +
      " FROM articles a WHERE a.status = 'published' AND a.published_at <= ?"
      " ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?";
  return summaries(db, sql, {core::format_iso8601(now), std::int64_t{limit}, std::int64_t{offset}});
}

std::int64_t count_published(store::Connection& db, core::TimePoint now) {
  auto row =
      db.query_one("SELECT count(*) FROM articles WHERE status = 'published' AND published_at <= ?",
                   {core::format_iso8601(now)});
  return row ? row->integer(0) : 0;
}

std::optional<Article> find_article(store::Connection& db, const std::string& slug,
                                    core::TimePoint now) {
  static const std::string sql =
      std::string("SELECT ") + kSummaryColumns +
      ", a.body_md, a.updated_at FROM articles a"
      " WHERE a.slug = ? AND a.status = 'published' AND a.published_at <= ?";
  auto row = db.query_one(sql, {slug, core::format_iso8601(now)});
  if (!row) return std::nullopt;
  Article article;
  static_cast<ArticleSummary&>(article) = summary_from(*row);
  article.body_md = row->text(7);
  article.updated_at = parse_time(row->text(8));
  for (const auto& tag :
       db.query("SELECT t.slug, t.name FROM tags t JOIN article_tags at ON at.tag_id = t.id"
                " WHERE at.article_id = ? ORDER BY t.name",
                {article.id})) {
    article.tags.push_back({tag.text(0), tag.text(1)});
  }
  for (const auto& file :
       db.query("SELECT f.title, f.filename, f.media_sha256, m.content_type, m.size"
                " FROM attachments f JOIN media m ON m.sha256 = f.media_sha256"
                " WHERE f.article_id = ? ORDER BY f.position",
                {article.id})) {
    article.attachments.push_back(
        {file.text(0), file.text(1), file.text(2), file.text(3), file.integer(4)});
  }
  return article;
}

std::vector<ArticleSummary> other_articles(store::Connection& db, std::int64_t exclude_id,
                                           core::TimePoint now, int limit) {
  static const std::string sql =
      std::string("SELECT ") + kSummaryColumns +
      " FROM articles a WHERE a.status = 'published' AND a.published_at <= ? AND a.id <> ?"
      " ORDER BY a.published_at DESC, a.id DESC LIMIT ?";
  return summaries(db, sql, {core::format_iso8601(now), exclude_id, std::int64_t{limit}});
}

std::optional<Tag> find_tag(store::Connection& db, const std::string& slug) {
  auto row = db.query_one("SELECT slug, name FROM tags WHERE slug = ?", {slug});
  if (!row) return std::nullopt;
  return Tag{row->text(0), row->text(1)};
}

std::vector<ArticleSummary> articles_with_tag(store::Connection& db, const std::string& tag_slug,
                                              core::TimePoint now, int limit, int offset) {
  static const std::string sql =
      std::string("SELECT ") + kSummaryColumns +
      " FROM articles a JOIN article_tags at ON at.article_id = a.id"
      " JOIN tags t ON t.id = at.tag_id WHERE t.slug = ? AND a.status = 'published' AND a.published_at <= ?"
      " ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?";
  return summaries(
      db, sql, {tag_slug, core::format_iso8601(now), std::int64_t{limit}, std::int64_t{offset}});
}

std::int64_t count_with_tag(store::Connection& db, const std::string& tag_slug,
                            core::TimePoint now) {
  auto row = db.query_one(
      "SELECT count(*) FROM articles a JOIN article_tags at ON at.article_id = a.id"
      " JOIN tags t ON t.id = at.tag_id WHERE t.slug = ? AND a.status = 'published' AND a.published_at <= ?",
      {tag_slug, core::format_iso8601(now)});
  return row ? row->integer(0) : 0;
}

std::vector<std::pair<Tag, std::int64_t>> tags_in_use(store::Connection& db, core::TimePoint now) {
  std::vector<std::pair<Tag, std::int64_t>> result;
  for (const auto& row : db.query(
           "SELECT t.slug, t.name, count(*) FROM tags t"
           " JOIN article_tags at ON at.tag_id = t.id JOIN articles a ON a.id = at.article_id"
           " WHERE a.status = 'published' AND a.published_at <= ? GROUP BY t.id ORDER BY t.name",
           {core::format_iso8601(now)})) {
    result.push_back({Tag{row.text(0), row.text(1)}, row.integer(2)});
  }
  return result;
}

std::optional<core::TimePoint> next_publication(store::Connection& db, core::TimePoint now) {
  // Scheduled seminars count too: a cached list or home page must show one on time.
  const auto at = core::format_iso8601(now);
  auto row = db.query_one(
      "SELECT min(t) FROM (SELECT min(published_at) AS t FROM articles WHERE status = 'published' AND published_at > ?"
      " UNION ALL SELECT min(published_at) FROM seminars WHERE status = 'published' AND published_at > ?)",
      {at, at});
  if (!row || row->is_null(0)) return std::nullopt;
  return core::parse_iso8601(row->text(0));
}

std::int64_t content_version(store::Connection& db) {
  auto row = db.query_one("SELECT value FROM meta WHERE key = 'content_version'");
  return row ? std::stoll(row->text(0)) : 0;
}

void bump_content_version(store::Connection& db) {
  db.execute(
      "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)"
      " WHERE key = 'content_version'");
}

}  // namespace rynek::content
