// Writes for the back office (seminar_editing.hpp). Each function runs inside a
// write job; the rows are written by the same code as the import
// (seminar_write.hpp), so an edited seminar and an imported one cannot differ.
#include "events/seminar_editing.hpp"

#include "content/article.hpp"
#include "core/change_set.hpp"
#include "events/registration_store.hpp"
#include "events/seminar_write.hpp"

namespace rynek::events {
namespace {

std::string time_text(const std::optional<core::TimePoint>& t) {
  return t ? core::format_iso8601(*t) : "";
}

std::string int_text(const std::optional<int>& n) {
  return n ? std::to_string(*n) : "";
}

std::string bool_text(bool value) {
  return value ? "true" : "false";
}

std::string visibility_text(BroadcastVisibility visibility) {
  return visibility == BroadcastVisibility::everyone ? "public" : "participants";
}

// Every column of the seminars row and the three lists the form replaces.
void compare(core::ChangeSet& changes, const Seminar& old, const Seminar& s) {
  changes.compare("slug", old.slug, s.slug);
  changes.compare("title", old.title, s.title);
  changes.compare("lead", old.lead, s.lead);
  changes.mark("description", old.description_md != s.description_md);
  changes.compare("starts_at", core::format_iso8601(old.starts_at),
                  core::format_iso8601(s.starts_at));
  changes.compare("ends_at", core::format_iso8601(old.ends_at), core::format_iso8601(s.ends_at));
  changes.compare("format", std::string(format_name(old.format)),
                  std::string(format_name(s.format)));
  changes.compare("venue", old.venue, s.venue);
  changes.compare("broadcast_url", old.broadcast_url, s.broadcast_url);
  changes.compare("broadcast_visibility", visibility_text(old.broadcast_visibility),
                  visibility_text(s.broadcast_visibility));
  changes.compare("recording_url", old.recording_url, s.recording_url);
  changes.compare("capacity", int_text(old.capacity), int_text(s.capacity));
  changes.compare("registration_opens_at", time_text(old.registration_opens_at),
                  time_text(s.registration_opens_at));
  changes.compare("registration_closes_at", time_text(old.registration_closes_at),
                  time_text(s.registration_closes_at));
  changes.compare("requires_approval", bool_text(old.requires_approval),
                  bool_text(s.requires_approval));
  changes.compare("confirm_within_hours", int_text(old.confirm_within_hours),
                  int_text(s.confirm_within_hours));
  changes.compare("contact_email", old.contact_email, s.contact_email);
  changes.mark("privacy_clause", old.privacy_clause_md != s.privacy_clause_md);
  changes.compare("privacy_clause_version", old.privacy_clause_version, s.privacy_clause_version);
  changes.compare("hero", old.hero_sha256.value_or(""), s.hero_sha256.value_or(""));
  changes.compare("hero_alt", old.hero_alt, s.hero_alt);
  changes.compare("published_at", core::format_iso8601(old.published_at),
                  core::format_iso8601(s.published_at));
  changes.mark("agenda", old.agenda != s.agenda);
  changes.mark("fields", old.fields != s.fields);
  changes.mark("consents", old.consents != s.consents);
}

// More places than before, or no limit any more: the waiting list moves up.
bool capacity_grew(const std::optional<int>& before, const std::optional<int>& after) {
  if (!before) return false;
  return !after || *after > *before;
}

bool is_published(store::Connection& db, std::int64_t id) {
  auto row = db.query_one("SELECT status FROM seminars WHERE id = ?", {id});
  return row && row->text(0) == content::status_name(SeminarStatus::published);
}

void touch(store::Connection& db, std::int64_t id, core::TimePoint now) {
  db.execute("UPDATE seminars SET updated_at = ?, revision = revision + 1 WHERE id = ?",
             {core::format_iso8601(now), id});
}

}  // namespace

std::int64_t create_seminar(store::Connection& db, const Seminar& seminar, SeminarStatus status,
                            core::TimePoint now) {
  const auto id = detail::insert_seminar_row(db, seminar, status, now);
  detail::write_agenda(db, id, seminar.agenda);
  detail::write_fields(db, id, seminar.fields);
  detail::write_consents(db, id, seminar.consents);
  content::bump_content_version(db);
  return id;
}

std::optional<std::string> update_seminar(store::Connection& db, std::int64_t id,
                                          const Seminar& seminar, core::TimePoint now) {
  auto before = find_seminar_by_id(db, id);
  if (!before) return std::nullopt;
  core::ChangeSet changes;
  compare(changes, *before, seminar);
  if (changes.empty()) return changes.json();
  detail::update_seminar_row(db, id, seminar, now);
  if (before->agenda != seminar.agenda) detail::write_agenda(db, id, seminar.agenda);
  if (before->fields != seminar.fields) detail::write_fields(db, id, seminar.fields);
  if (before->consents != seminar.consents) detail::write_consents(db, id, seminar.consents);
  // Only a public seminar moves its waiting list: the e-mail links its page,
  // which a draft or a taken-down seminar does not have. Publishing it again
  // promotes then (set_seminar_status).
  if (capacity_grew(before->capacity, seminar.capacity) && is_published(db, id)) {
    // Reads the new capacity in this job; each person moved up gets the same
    // e-mail as when a place is freed by a cancellation.
    if (int promoted = detail::fill_from_queue(db, id, now); promoted > 0)
      changes.set("promoted", promoted);
  }
  content::bump_content_version(db);
  return changes.json();
}

std::optional<std::string> set_seminar_status(store::Connection& db, std::int64_t id,
                                              SeminarStatus status,
                                              std::optional<core::TimePoint> published_at,
                                              core::TimePoint now) {
  auto row = db.query_one("SELECT status, published_at FROM seminars WHERE id = ?", {id});
  if (!row) return std::nullopt;
  const auto when = published_at ? core::format_iso8601(*published_at) : row->text(1);
  core::ChangeSet changes;
  changes.compare("status", row->text(0), std::string(content::status_name(status)));
  changes.compare("published_at", row->text(1), when);
  if (changes.empty()) return changes.json();
  db.execute(
      "UPDATE seminars SET status = ?, published_at = ?, updated_at = ?, revision = revision + 1 WHERE id = ?",
      {std::string(content::status_name(status)), when, core::format_iso8601(now), id});
  // Places that grew while it was hidden go to those waiting now, by e-mail.
  if (status == SeminarStatus::published && row->text(0) != content::status_name(status)) {
    if (int promoted = detail::fill_from_queue(db, id, now); promoted > 0)
      changes.set("promoted", promoted);
  }
  content::bump_content_version(db);
  return changes.json();
}

std::int64_t add_material(store::Connection& db, std::int64_t seminar_id, const std::string& title,
                          const std::string& filename, Audience audience,
                          const content::StoredMedia& media, core::TimePoint now) {
  content::record_media(db, media);
  // Imported positions start at 0; coalesce keeps a first material at 0 too.
  db.execute(
      "INSERT INTO seminar_materials (seminar_id, position, title, filename, media_sha256, "
      "audience)"
      " SELECT ?, coalesce(max(position) + 1, 0), ?, ?, ?, ? FROM seminar_materials WHERE "
      "seminar_id = ?",
      {seminar_id, title, filename, media.sha256, detail::audience_name(audience), seminar_id});
  const auto id = db.last_insert_id();
  touch(db, seminar_id, now);
  content::bump_content_version(db);
  return id;
}

bool remove_material(store::Connection& db, std::int64_t seminar_id, std::int64_t material_id,
                     core::TimePoint now) {
  db.execute("DELETE FROM seminar_materials WHERE id = ? AND seminar_id = ?",
             {material_id, seminar_id});
  if (db.changes() == 0) return false;
  touch(db, seminar_id, now);
  content::bump_content_version(db);
  return true;
}

}  // namespace rynek::events
