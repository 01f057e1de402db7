// Editing articles from the back office. Every function that changes something
// runs inside a write job (store::Database::write) and returns a JSON object of
// what changed, which the caller records in the audit log in the same job, so
// the change and its audit entry commit together. Each change also bumps the
// content version, so cached public pages are rendered again.
//
// Status: 'draft' (never public), 'published' (public once published_at has
// come: before that it is "scheduled") and 'unpublished' (taken down). A slug
// conflict surfaces as DbError(DbErrc::unique_violation) from the UNIQUE index.
//
// Lost updates are prevented by revision numbers (optimistic locking): every
// write that changes an articles row (or a seminars or site_settings row)
// adds one to its `revision` in the same UPDATE. An edit form carries the
// revision it was opened with; the write job compares it with the stored one
// (check_revision) and writes nothing when they differ.
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
DisplayStatus display_status(ArticleStatus status, core::TimePoint published_at,
                             core::TimePoint now);
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
  std::int64_t revision = 1;  // see check_revision
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
std::vector<ArticleListItem> list_articles_for_editing(store::Connection& db,
                                                       const std::string& search, int limit,
                                                       int offset);

// What a form's revision says against the stored one: the same (the save may
// go on), older (someone saved meanwhile), or unknown (missing, not a decimal
// number, out of range, or newer than stored: an old page or a hand-made request).
enum class RevisionCheck { current, stale, unknown };
RevisionCheck check_revision(std::string_view sent, std::int64_t stored);

// The stored revision; nullopt when there is no such article.
std::optional<std::int64_t> article_revision(store::Connection& db, std::int64_t id);

// --- Inside write jobs ---
// Each function below that changes the row adds one to its revision.
std::int64_t create_article(store::Connection& db, const ArticleFields& fields,
                            ArticleStatus status, core::TimePoint now);
// nullopt when the article does not exist; otherwise the changes as a JSON object ("{}" if none).
std::optional<std::string> update_article(store::Connection& db, std::int64_t id,
                                          const ArticleFields& fields, core::TimePoint now);
std::optional<std::string> set_article_status(store::Connection& db, std::int64_t id,
                                              ArticleStatus status,
                                              std::optional<core::TimePoint> published_at,
                                              core::TimePoint now);
// Records the media row too. Returns the attachment's id.
std::int64_t add_attachment(store::Connection& db, std::int64_t article_id,
                            const std::string& title, const std::string& filename,
                            const StoredMedia& media, core::TimePoint now);
// False when the attachment does not belong to that article.
bool remove_attachment(store::Connection& db, std::int64_t article_id, std::int64_t attachment_id,
                       core::TimePoint now);

// Deleting a draft: only a record that was never public may go (anything ever
// published keeps its row, so links, registrations and the audit history stay;
// "unpublish" is how that is taken down). Shared by seminars.
enum class DraftDeletion {
  deleted,
  not_found,
  not_draft,          // published (also scheduled) or unpublished
  has_registrations,  // seminars only
};

// Inside a write job: deletes the article and what belongs only to it (its
// tag links, attachment rows, and tags no other article uses), and bumps the
// content version. Writes nothing unless the status is 'draft'. The media
// rows and files stay: they are content-addressed and may be shared.
DraftDeletion delete_draft_article(store::Connection& db, std::int64_t id);

// The public article's data for a preview, whatever its status.
std::optional<Article> article_for_preview(store::Connection& db, std::int64_t id);

}  // namespace rynek::content
