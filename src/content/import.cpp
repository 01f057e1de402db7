#include "content/import.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "content/article.hpp"
#include "content/images.hpp"
#include "content/uploads.hpp"
#include "core/clock.hpp"
#include "core/text.hpp"

namespace rynek::content {

struct PendingFile {
  std::string title;
  std::string filename;
  StoredMedia media;
};

struct PreparedArticle {
  std::string source;  // for messages
  std::string slug, title, lead, body;
  std::string published_at;
  std::optional<StoredMedia> hero;
  std::vector<ImageVariant> hero_variants;  // WebP sizes for srcset, made while checking
  std::string hero_alt;
  std::vector<std::string> tags;
  std::vector<PendingFile> attachments;
};

namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// TOML date-times keep their offset; plain strings go through our ISO parser.
std::optional<std::string> published_time(const toml::node* node) {
  if (!node) return std::nullopt;
  if (auto text = node->value<std::string>()) {
    auto parsed = core::parse_iso8601(*text);
    if (!parsed) return std::nullopt;
    return core::format_iso8601(*parsed);
  }
  if (auto dt = node->value<toml::date_time>()) {
    std::ostringstream out;
    out << *dt;
    auto parsed = core::parse_iso8601(out.str());
    if (!parsed) return std::nullopt;
    return core::format_iso8601(*parsed);
  }
  return std::nullopt;
}

class ArticleParser {
 public:
  ArticleParser(const MediaStore& media, std::vector<std::string>& errors)
      : media_(media), errors_(errors) {}

  std::optional<PreparedArticle> parse(const std::filesystem::path& file, std::string default_slug,
                                       const std::string& source) {
    source_ = source;
    std::string text = read_text(file);
    if (!core::is_valid_utf8(text)) return fail("the file is not valid UTF-8");
    auto parts = split_front_matter(text);
    if (!parts) return fail("missing front matter between '+++' lines");
    toml::table table;
    try {
      table = toml::parse(parts->toml, file.string());
    } catch (const toml::parse_error& e) {
      return fail("front matter line " + std::to_string(e.source().begin.line) + ": " +
                  std::string(e.description()));
    }
    PreparedArticle article;
    article.source = source;
    article.body = parts->body;
    article.slug = table["slug"].value_or(default_slug);
    article.title = std::string(core::trim(table["title"].value_or(std::string())));
    article.lead = std::string(core::trim(table["lead"].value_or(std::string())));
    if (!core::is_slug(article.slug))
      return fail("slug '" + article.slug + "' must be lowercase a-z, 0-9 and '-'");
    if (article.title.empty()) return fail("title is required");
    auto published = published_time(table.get("published"));
    if (!published)
      return fail("published is required, e.g. published = 2026-03-01T09:00:00+01:00");
    article.published_at = *published;
    if (auto tags = table["tags"].as_array()) {
      for (const auto& tag : *tags) {
        auto name = tag.value<std::string>();
        if (!name || core::slugify(*name).empty()) return fail("tags must be non-empty strings");
        article.tags.push_back(std::string(core::trim(*name)));
      }
    }
    auto base = file.parent_path();
    if (auto hero = table["hero"].as_table()) {
      auto image = (*hero)["image"].value<std::string>();
      article.hero_alt = std::string(core::trim((*hero)["alt"].value_or(std::string())));
      if (!image) return fail("hero.image is required when [hero] is given");
      if (article.hero_alt.empty())
        return fail("hero.alt is required: describe the image for people who cannot see it");
      auto stored = load(base, *image);
      if (!stored) return std::nullopt;
      if (!stored->content_type.starts_with("image/"))
        return fail("hero.image '" + *image + "' is not an image");
      // The variants go through the same (staged) store, so a failed import writes none of them.
      auto variants = make_import_variants(
          media_, read_text(base / std::filesystem::path(*image).lexically_normal()));
      if (!variants) {
        return fail("hero.image '" + *image +
                    "' cannot be resized: it is damaged, over 10 MB or over 40 megapixels");
      }
      article.hero = *stored;
      article.hero_variants = std::move(*variants);
    }
    if (auto attachments = table["attachments"].as_array()) {
      for (const auto& item : *attachments) {
        auto* entry = item.as_table();
        if (!entry) return fail("attachments must be tables with title and file");
        auto title = (*entry)["title"].value<std::string>();
        auto name = (*entry)["file"].value<std::string>();
        if (!title || core::trim(*title).empty() || !name)
          return fail("each attachment needs title and file");
        auto stored = load(base, *name);
        if (!stored) return std::nullopt;
        if (is_allowed_image_type(stored->content_type) &&
            !std::holds_alternative<AcceptedUpload>(check_attachment_upload(
                read_text(base / std::filesystem::path(*name).lexically_normal()))))
          return fail(
              "attachment '" + *name +
              "' is an image that is damaged or over the upload limits (20 MB, 40 megapixels)");
        article.attachments.push_back({std::string(core::trim(*title)),
                                       std::filesystem::path(*name).filename().string(), *stored});
      }
    }
    return article;
  }

 private:
  std::nullopt_t fail(const std::string& message) {
    errors_.push_back(source_ + ": " + message);
    return std::nullopt;
  }

  std::optional<StoredMedia> load(const std::filesystem::path& base, const std::string& name) {
    auto relative = std::filesystem::path(name).lexically_normal();
    if (relative.is_absolute() || name.find("..") != std::string::npos) {
      fail("file '" + name + "' must be a path inside the article's folder");
      return std::nullopt;
    }
    auto path = base / relative;
    if (!std::filesystem::is_regular_file(path)) {
      fail("file '" + name + "' not found");
      return std::nullopt;
    }
    return media_.store_file(path);
  }

  const MediaStore& media_;
  std::vector<std::string>& errors_;
  std::string source_;
};

std::vector<std::pair<std::filesystem::path, std::string>> article_files(
    const std::filesystem::path& dir) {
  std::vector<std::pair<std::filesystem::path, std::string>> files;
  if (!std::filesystem::is_directory(dir)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    auto name = entry.path().filename().string();
    if (entry.is_regular_file() && entry.path().extension() == ".md") {
      files.emplace_back(entry.path(), entry.path().stem().string());
    } else if (entry.is_directory() &&
               std::filesystem::is_regular_file(entry.path() / "index.md")) {
      files.emplace_back(entry.path() / "index.md", name);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Everything an import writes about an article, to tell a re-import of the same
// file (which must not look like someone's edit to an open back-office form:
// same revision, same updated_at) from a real change.
std::vector<store::Row> imported_state(store::Connection& db, std::int64_t id) {
  auto rows = db.query(
      "SELECT title, lead, body_md, hero_sha256, hero_alt, published_at FROM articles WHERE id = ?",
      {id});
  for (auto& row : db.query(
           "SELECT position, title, filename, media_sha256 FROM attachments WHERE article_id = ?"
           " ORDER BY position",
           {id})) {
    rows.push_back(std::move(row));
  }
  for (auto& row :
       db.query("SELECT t.slug, t.name FROM article_tags a JOIN tags t ON t.id = a.tag_id"
                " WHERE a.article_id = ? ORDER BY t.slug",
                {id})) {
    rows.push_back(std::move(row));
  }
  return rows;
}

void write_article(store::Connection& db, const PreparedArticle& article, ImportReport& report) {
  auto now = core::format_iso8601(core::Clock::now());
  if (article.hero) {
    record_media(db, *article.hero);
    record_variants(db, article.hero->sha256, article.hero_variants);
  }
  for (const auto& file : article.attachments) record_media(db, file.media);
  auto existing = db.query_one("SELECT id FROM articles WHERE slug = ?", {article.slug});
  const bool exists = existing.has_value();
  const auto before = exists ? imported_state(db, existing->integer(0)) : std::vector<store::Row>{};
  store::Value hero = article.hero ? store::Value(article.hero->sha256) : store::Value(nullptr);
  db.execute(
      "INSERT INTO articles (slug, title, lead, body_md, hero_sha256, hero_alt, published_at,"
      " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (slug) DO UPDATE SET title = excluded.title, lead = excluded.lead,"
      " body_md = excluded.body_md, hero_sha256 = excluded.hero_sha256,"
      " hero_alt = excluded.hero_alt, published_at = excluded.published_at",
      {article.slug, article.title, article.lead, article.body, hero, article.hero_alt,
       article.published_at, now, now});
  auto id = db.query_one("SELECT id FROM articles WHERE slug = ?", {article.slug})->integer(0);
  db.execute("DELETE FROM attachments WHERE article_id = ?", {id});
  db.execute("DELETE FROM article_tags WHERE article_id = ?", {id});
  std::int64_t position = 0;
  for (const auto& file : article.attachments) {
    db.execute(
        "INSERT INTO attachments (article_id, position, title, filename, media_sha256)"
        " VALUES (?, ?, ?, ?, ?)",
        {id, position++, file.title, file.filename, file.media.sha256});
  }
  for (const auto& name : article.tags) {
    auto slug = core::slugify(name);
    db.execute("INSERT INTO tags (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING",
               {slug, name});
    db.execute(
        "INSERT INTO article_tags (article_id, tag_id) SELECT ?, id FROM tags WHERE slug = ?"
        " ON CONFLICT DO NOTHING",
        {id, slug});
  }
  if (exists && imported_state(db, id) != before) {
    db.execute("UPDATE articles SET updated_at = ?, revision = revision + 1 WHERE id = ?",
               {now, id});
  }
  ++(exists ? report.updated : report.created);
}

}  // namespace

std::optional<FrontMatter> split_front_matter(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 BOM
  if (!text.starts_with("+++\n") && !text.starts_with("+++\r\n")) return std::nullopt;
  auto start = text.find('\n') + 1;
  for (auto pos = start; pos < text.size();) {
    auto end = text.find('\n', pos);
    auto line = text.substr(pos, end == std::string_view::npos ? text.npos : end - pos);
    if (core::trim(line) == "+++") {
      FrontMatter parts;
      parts.toml = std::string(text.substr(start, pos - start));
      parts.body = end == std::string_view::npos ? "" : std::string(text.substr(end + 1));
      return parts;
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return std::nullopt;
}

PreparedArticles::PreparedArticles() = default;
PreparedArticles::~PreparedArticles() = default;
PreparedArticles::PreparedArticles(PreparedArticles&&) noexcept = default;

PreparedArticles prepare_articles(const MediaStore& media, const std::filesystem::path& dir,
                                  std::vector<std::string>& errors) {
  PreparedArticles prepared;
  auto articles_dir = std::filesystem::is_directory(dir / "articles") ? dir / "articles" : dir;
  ArticleParser parser(media, errors);
  std::set<std::string> slugs;
  for (const auto& [file, slug] : article_files(articles_dir)) {
    auto source = file.lexically_relative(dir).generic_string();
    auto article = parser.parse(file, slug, source);
    if (!article) continue;
    if (!slugs.insert(article->slug).second) {
      errors.push_back(source + ": slug '" + article->slug + "' is used twice");
      continue;
    }
    prepared.articles.push_back(std::move(*article));
  }
  return prepared;
}

void write_articles(store::Connection& db, const PreparedArticles& prepared, ImportReport& report) {
  for (const auto& article : prepared.articles) write_article(db, article, report);
  if (!prepared.articles.empty()) bump_content_version(db);
}

ImportReport import_articles(store::Database& db, const MediaStore& media,
                             const std::filesystem::path& dir) {
  ImportReport report;
  // Files are only described while checking; they are written once everything passed.
  MediaStore staging(media.root_dir(), MediaStore::Mode::staged);
  auto prepared = prepare_articles(staging, dir, report.errors);
  if (!report.errors.empty() || prepared.articles.empty()) return report;
  staging.commit_staged();
  ImportReport counts;
  db.write_and_wait([&](store::Connection& connection) {
    counts = ImportReport{};
    write_articles(connection, prepared, counts);
  });
  report.created = counts.created;
  report.updated = counts.updated;
  return report;
}

}  // namespace rynek::content
