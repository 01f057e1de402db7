// Deleting a draft from the back office, for articles and seminars alike (the
// two differ only in how a record is loaded, deleted and linked: DraftKind):
//
//   GET  /admin/artykuly/{id}/usun, /admin/seminaria/{id}/usun   the confirmation page
//   POST the same URLs                                           delete (csrf, revision)
//
// Only a draft, never public, may be deleted. Anything that was ever published
// (also one merely scheduled) keeps its row — links, registrations and the
// audit history stay — and is taken down by unpublishing instead. The POST's
// write job reads the record again and writes nothing, answering 409 with the
// reason on the confirmation page, when it is no longer a draft, has a
// registration, or its revision is not the one the page was drawn with
// (optimistic locking, as in the edit forms: the page drawn with the 409
// carries the stored revision, so confirming again is deliberate). Otherwise
// it deletes the record and writes "<type>.delete" to the audit log in the
// same transaction, then answers 303 to the list with a notice.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "content/editing.hpp"
#include "web/admin/access.hpp"
#include "web/app.hpp"

namespace rynek::web::admin {

// What the confirmation page and the write job need to know about the record.
struct DraftSummary {
  std::string title;
  std::string slug;
  content::ArticleStatus status = content::ArticleStatus::draft;
  std::int64_t revision = 1;
  bool has_registrations = false;  // seminars
};

struct DraftKind {
  const char* object_type;  // "article", "seminar": the audit entry's type and action prefix
  const char* list_path;    // "/admin/artykuly"; the record's URLs are "<list_path>/<id>..."
  const char* list_label;   // msgid of the list's name (breadcrumbs)
  const char* edit_suffix;  // the edit page is "<list_path>/<id><edit_suffix>"
  std::optional<DraftSummary> (*load)(store::Connection& db, std::int64_t id);
  content::DraftDeletion (*remove)(store::Connection& db, std::int64_t id);
};

// The notice of the list page after a deletion (?usunieto=1), "" otherwise.
std::string draft_deleted_notice(const std::string& lang, const http::Request& list_request);

http::Response draft_delete_form(App& app, http::Request& request, const Session& session,
                                 const DraftKind& kind);
// `kind` must outlive the write (a constant with static storage).
void draft_delete(App& app, http::Request& request, const Session& session, http::Responder respond,
                  const DraftKind& kind);

}  // namespace rynek::web::admin
