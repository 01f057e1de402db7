// Editing articles from the back office. Every function that changes something
// runs inside a write job (store::Database::write) and returns a JSON object of
// what changed, which the caller records in the audit log in the same job, so
// the change and its audit entry commit together. Each change also bumps the
// content version, so cached public pages are rendered again.
//
// Status: 'draft' (never public), 'published' (public once published_at has
// come: before that it is "scheduled") and 'unpublished' (taken down). A slug
// conflict surfaces as DbError(DbErrc::unique_violation) from the UNIQUE index.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "content/article.hpp"
#include "content/media.hpp"
#include "core/clock.hpp"
#include "store/database.hpp"

namespace rynek::content {

enum class ArticleStatus { draft, published, unpublished };
// What editors see: a published article whose time has not come is "scheduled".
enum class DisplayStatus { draft, scheduled, published, unpublished };

std::string_view status_name(ArticleStatus status);
std::optional<ArticleStatus> parse_status(std::string_view name);
DisplayStatus display_status(ArticleStatus status, core::TimePoint published_at, core::TimePoint now);
std::string_view display_status_name(DisplayStatus status);

// The fields of the article form.
struct ArticleFields {
  std::string title;
  std::string slug;
  std::string lead;
  std::string body_md;
  std::vector<std::string> tags;  // names; slugs come from core::slugify
  core::TimePoint published_at;
  std::optional<std::string> hero_sha256;  // must already be recorded in media
  std::string hero_alt;
};

struct EditableAttachment {
  std::int64_t id = 0;
  Attachment file;
};

struct EditableArticle {
  std::int64_t id = 0;
  ArticleFields fields;
  ArticleStatus status = ArticleStatus::draft;
  core::TimePoint created_at;
  core::TimePoint updated_at;
  std::vector<EditableAttachment> attachments;
};

struct ArticleListItem {
  std::int64_t id = 0;
  std::string title;
  std::string slug;
  ArticleStatus status = ArticleStatus::draft;
  core::TimePoint published_at;
  core::TimePoint updated_at;
};

// Any status. nullopt when there is no such article.
std::optional<EditableArticle> load_article(store::Connection& db, std::int64_t id);
// Newest first; `search` (may be empty) matches title or slug, case-insensitively for ASCII.
std::vector<ArticleListItem> list_articles_for_editing(store::Connection& db, const std::string& search,
                                                       int limit, int offset);

// --- Inside write jobs ---
std::int64_t create_article(store::Connection& db, const ArticleFields& fields, ArticleStatus status,
                            core::TimePoint now);
// nullopt when the article does not exist; otherwise the changes as a JSON object ("{}" if none).
std::optional<std::string> update_article(store::Connection& db, std::int64_t id, const ArticleFields& fields,
                                          core::TimePoint now);
std::optional<std::string> set_article_status(store::Connection& db, std::int64_t id, ArticleStatus status,
                                              std::optional<core::TimePoint> published_at, core::TimePoint now);
// Records the media row too. Returns the attachment's id.
std::int64_t add_attachment(store::Connection& db, std::int64_t article_id, const std::string& title,
                            const std::string& filename, const StoredMedia& media, core::TimePoint now);
// False when the attachment does not belong to that article.
bool remove_attachment(store::Connection& db, std::int64_t article_id, std::int64_t attachment_id,
                       core::TimePoint now);

// The public article's data for a preview, whatever its status.
std::optional<Article> article_for_preview(store::Connection& db, std::int64_t id);

}  // namespace rynek::content
