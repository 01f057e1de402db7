// `rynek import DIR`: loads content from a folder so it can be scripted before the
// back office exists. Articles are Markdown files with TOML front matter between
// "+++" lines (see docs/CONTENT.md for the format), in DIR/articles/ (either
// <slug>.md or <slug>/index.md with its files beside it).
//
// An import is all or nothing: every file is parsed and checked first, and only
// when all are valid is everything written, in one transaction. Articles are
// matched by slug, so importing twice updates instead of duplicating. Hero
// images get their WebP variants while being checked (content/images.hpp), so
// imported articles offer srcset like uploaded ones.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "content/media.hpp"
#include "store/database.hpp"

namespace rynek::content {

struct ImportReport {
  int created = 0;
  int updated = 0;
  std::vector<std::string> errors;  // "articles/x.md: hero.alt is required"
};

// Splits "+++\n<toml>\n+++\n<markdown>" into its two parts; nullopt when there is no front matter.
struct FrontMatter {
  std::string toml;
  std::string body;
};
std::optional<FrontMatter> split_front_matter(std::string_view text);

// The two phases, for callers that import articles together with other content
// (rynek import): prepare everything first, then write it in one transaction.
struct PreparedArticle;
struct PreparedArticles {
  PreparedArticles();
  ~PreparedArticles();
  PreparedArticles(PreparedArticles&&) noexcept;
  std::vector<PreparedArticle> articles;
};
// Parses and checks DIR/articles (stores media files, which are content-addressed
// and harmless if the import stops later); appends errors.
PreparedArticles prepare_articles(const MediaStore& media, const std::filesystem::path& dir,
                                  std::vector<std::string>& errors);
// Inside a write job: upserts every prepared article and bumps the content version.
void write_articles(store::Connection& db, const PreparedArticles& prepared, ImportReport& report);

ImportReport import_articles(store::Database& db, const MediaStore& media,
                             const std::filesystem::path& dir);

}  // namespace rynek::content
