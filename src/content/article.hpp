// News articles: the model and the queries that read it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace rynek::content {

struct Tag {
  std::string slug;
  std::string name;
};

struct Attachment {
  std::string title;
  std::string filename;
  std::string sha256;
  std::string content_type;
  std::int64_t size = 0;
};

struct ArticleSummary {
  std::int64_t id = 0;
  std::string slug;
  std::string title;
  std::string lead;
  std::optional<std::string> hero_sha256;
  std::string hero_alt;
  core::TimePoint published_at;
};

struct Article : ArticleSummary {
  std::string body_md;
  core::TimePoint updated_at;
  std::vector<Tag> tags;
  std::vector<Attachment> attachments;
};

// Only articles whose publication time has come are ever returned.
std::vector<ArticleSummary> latest_articles(store::Connection& db, core::TimePoint now, int limit,
                                            int offset = 0);
std::int64_t count_published(store::Connection& db, core::TimePoint now);
std::optional<Article> find_article(store::Connection& db, const std::string& slug,
                                    core::TimePoint now);
// Recent articles other than `exclude_id`, for "Other articles".
std::vector<ArticleSummary> other_articles(store::Connection& db, std::int64_t exclude_id,
                                           core::TimePoint now, int limit);

std::optional<Tag> find_tag(store::Connection& db, const std::string& slug);
std::vector<ArticleSummary> articles_with_tag(store::Connection& db, const std::string& tag_slug,
                                              core::TimePoint now, int limit, int offset);
std::int64_t count_with_tag(store::Connection& db, const std::string& tag_slug,
                            core::TimePoint now);
// Tags that have at least one published article, with article counts.
std::vector<std::pair<Tag, std::int64_t>> tags_in_use(store::Connection& db, core::TimePoint now);

// The earliest publication time after `now`, so caches know when to expire.
std::optional<core::TimePoint> next_publication(store::Connection& db, core::TimePoint now);

// Incremented by every change to public content; page caches compare against it.
std::int64_t content_version(store::Connection& db);
void bump_content_version(store::Connection& db);

}  // namespace rynek::content
