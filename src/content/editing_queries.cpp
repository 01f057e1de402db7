// Reads for the back office: articles in any status (editing.hpp).
#include <charconv>

#include "content/editing.hpp"
#include "core/text.hpp"

namespace rynek::content {
namespace {

core::TimePoint parse_time(const std::string& text) {
  return core::parse_iso8601(text).value_or(core::TimePoint{});
}

}  // namespace

std::string_view status_name(ArticleStatus status) {
  switch (status) {
    case ArticleStatus::draft:
      return "draft";
    case ArticleStatus::published:
      return "published";
    case ArticleStatus::unpublished:
      return "unpublished";
  }
  return "draft";
}

std::optional<ArticleStatus> parse_status(std::string_view name) {
  if (name == "draft") return ArticleStatus::draft;
  if (name == "published") return ArticleStatus::published;
  if (name == "unpublished") return ArticleStatus::unpublished;
  return std::nullopt;
}

DisplayStatus display_status(ArticleStatus status, core::TimePoint published_at,
                             core::TimePoint now) {
  switch (status) {
    case ArticleStatus::draft:
      return DisplayStatus::draft;
    case ArticleStatus::unpublished:
      return DisplayStatus::unpublished;
    case ArticleStatus::published:
      return published_at > now ? DisplayStatus::scheduled : DisplayStatus::published;
  }
  return DisplayStatus::draft;
}

std::string_view display_status_name(DisplayStatus status) {
  switch (status) {
    case DisplayStatus::draft:
      return "draft";
    case DisplayStatus::scheduled:
      return "scheduled";
    case DisplayStatus::published:
      return "published";
    case DisplayStatus::unpublished:
      return "unpublished";
  }
  return "draft";
}

std::optional<EditableArticle> load_article(store::Connection& db, std::int64_t id) {
  auto row = db.query_one(
      "SELECT id, title, slug, lead, body_md, published_at, hero_sha256, hero_alt, status,"
      " created_at, updated_at, revision FROM articles WHERE id = ?",
      {id});
  if (!row) return std::nullopt;
  EditableArticle article;
  article.id = row->integer(0);
  article.fields.title = row->text(1);
  article.fields.slug = row->text(2);
  article.fields.lead = row->text(3);
  article.fields.body_md = row->text(4);
  article.fields.published_at = parse_time(row->text(5));
  article.fields.hero_sha256 = row->optional_text(6);
  article.fields.hero_alt = row->text(7);
  article.status = parse_status(row->text(8)).value_or(ArticleStatus::draft);
  article.created_at = parse_time(row->text(9));
  article.updated_at = parse_time(row->text(10));
  article.revision = row->integer(11);
  for (const auto& tag :
       db.query("SELECT t.name FROM tags t JOIN article_tags at ON at.tag_id = t.id"
                " WHERE at.article_id = ? ORDER BY t.name",
                {id})) {
    article.fields.tags.push_back(tag.text(0));
  }
  for (const auto& file :
       db.query("SELECT f.id, f.title, f.filename, f.media_sha256, m.content_type, m.size"
                " FROM attachments f JOIN media m ON m.sha256 = f.media_sha256"
                " WHERE f.article_id = ? ORDER BY f.position",
                {id})) {
    article.attachments.push_back(
        {file.integer(0),
         {file.text(1), file.text(2), file.text(3), file.text(4), file.integer(5)}});
  }
  return article;
}

RevisionCheck check_revision(std::string_view sent, std::int64_t stored) {
  // Digits only: from_chars alone would take "-1" or "+1" and stop at "1x".
  if (sent.empty() || sent.size() > 19 ||
      sent.find_first_not_of("0123456789") != std::string_view::npos) {
    return RevisionCheck::unknown;
  }
  std::int64_t number = 0;
  auto [end, error] = std::from_chars(sent.data(), sent.data() + sent.size(), number);
  if (error != std::errc() || end != sent.data() + sent.size() || number < 1)
    return RevisionCheck::unknown;
  // A revision newer than the stored one was never shown by a form: hand-made.
  if (number > stored) return RevisionCheck::unknown;
  return number == stored ? RevisionCheck::current : RevisionCheck::stale;
}

std::optional<std::int64_t> article_revision(store::Connection& db, std::int64_t id) {
  auto row = db.query_one("SELECT revision FROM articles WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return row->integer(0);
}

std::vector<ArticleListItem> list_articles_for_editing(store::Connection& db,
                                                       const std::string& search, int limit,
                                                       int offset) {
  // LIKE with escaped wildcards, so a search for "100%" finds just that.
  std::string pattern = "%";
  for (char c : core::to_lower_ascii(core::trim(search))) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += "%";
  std::vector<ArticleListItem> result;
  for (const auto& row :
       db.query("SELECT id, title, slug, status, published_at, updated_at FROM articles"
                " WHERE lower(title) LIKE ? ESCAPE '\\' OR slug LIKE ? ESCAPE '\\'"
                " ORDER BY published_at DESC, id DESC LIMIT ? OFFSET ?",
                {pattern, pattern, std::int64_t{limit}, std::int64_t{offset}})) {
    result.push_back({row.integer(0), row.text(1), row.text(2),
                      parse_status(row.text(3)).value_or(ArticleStatus::draft),
                      parse_time(row.text(4)), parse_time(row.text(5))});
  }
  return result;
}

std::optional<Article> article_for_preview(store::Connection& db, std::int64_t id) {
  auto editable = load_article(db, id);
  if (!editable) return std::nullopt;
  Article article;
  article.id = editable->id;
  article.slug = editable->fields.slug;
  article.title = editable->fields.title;
  article.lead = editable->fields.lead;
  article.hero_sha256 = editable->fields.hero_sha256;
  article.hero_alt = editable->fields.hero_alt;
  article.published_at = editable->fields.published_at;
  article.body_md = editable->fields.body_md;
  article.updated_at = editable->updated_at;
  for (const auto& name : editable->fields.tags)
    article.tags.push_back({core::slugify(name), name});
  for (const auto& file : editable->attachments) article.attachments.push_back(file.file);
  return article;
}

}  // namespace rynek::content
