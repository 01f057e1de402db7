// Deleting a draft seminar (seminar_editing.hpp).
#include "content/article.hpp"
#include "events/seminar_editing.hpp"

namespace rynek::events {

content::DraftDeletion delete_draft_seminar(store::Connection& db, std::int64_t id) {
  auto row = db.query_one("SELECT status FROM seminars WHERE id = ?", {id});
  if (!row) return content::DraftDeletion::not_found;
  if (content::parse_status(row->text(0)) != SeminarStatus::draft)
    return content::DraftDeletion::not_draft;
  // Checked here, in the write job, not from the page: a registration that
  // committed after the confirmation page was drawn still blocks the delete.
  // (registrations.seminar_id has no ON DELETE CASCADE, so the DELETE would
  // fail on it anyway; this says why instead.)
  if (db.query_one("SELECT 1 FROM registrations WHERE seminar_id = ? LIMIT 1", {id})) {
    return content::DraftDeletion::has_registrations;
  }
  // agenda_items (and through them agenda_speakers), seminar_materials,
  // form_fields, consents and seminar_organisers are declared ON DELETE
  // CASCADE and foreign keys are on for every writing connection
  // (store/sqlite), so this one DELETE removes them in the same transaction.
  // The media rows and files of the materials and the hero stay: the store is
  // content-addressed and another record may use the same file.
  db.execute("DELETE FROM seminars WHERE id = ? AND status = 'draft'", {id});
  content::bump_content_version(db);
  return content::DraftDeletion::deleted;
}

}  // namespace rynek::events
