// Editing seminars from the back office. Mirrors content/editing.hpp: every
// function that changes something runs inside a write job and returns a JSON
// object of what changed, which the caller records in the audit log in the same
// job. Every change bumps the content version, so cached public pages are
// rendered again (web/content_write.hpp hands the new version to the cache).
//
// Status: 'draft' (never public), 'published' (public once published_at has
// come: before that it is "scheduled") and 'unpublished' (taken down: the public
// page and registration are gone, personal links of people already registered
// keep working). Imported seminars are published. A slug conflict surfaces as
// DbError(DbErrc::unique_violation).
//
// Saving the form replaces the agenda, the form fields and the consents as a
// whole (the rows are rewritten in the order given) and keeps the materials,
// which are added and removed one by one. Registrations stay; their answers are
// kept under the field keys they were given with.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "content/editing.hpp"
#include "content/media.hpp"
#include "core/clock.hpp"
#include "events/seminar.hpp"
#include "store/database.hpp"

namespace rynek::events {

// Same names and meaning as articles ("draft", "published", "unpublished").
using SeminarStatus = content::ArticleStatus;

struct EditableMaterial {
  std::int64_t id = 0;  // seminar_materials.id
  Material file;
};

struct EditableSeminar {
  Seminar seminar;  // every field; `materials` as well, in order
  SeminarStatus status = SeminarStatus::draft;
  core::TimePoint created_at;
  core::TimePoint updated_at;
  std::int64_t revision = 1;                // content::check_revision
  std::vector<EditableMaterial> materials;  // the same materials, with their ids
  bool has_registrations = false;           // any registration, in any state
};

struct SeminarListItem {
  std::int64_t id = 0;
  std::string slug;
  std::string title;
  SeminarStatus status = SeminarStatus::draft;
  core::TimePoint starts_at;
  core::TimePoint ends_at;
  core::TimePoint published_at;
};

// Any status; nullopt when there is no such seminar.
std::optional<EditableSeminar> load_seminar_for_editing(store::Connection& db, std::int64_t id);
// The stored revision (content/editing.hpp); nullopt when there is no such seminar.
std::optional<std::int64_t> seminar_revision(store::Connection& db, std::int64_t id);
// Any status, like find_seminar_by_id but also for drafts (for the preview).
std::optional<Seminar> seminar_for_preview(store::Connection& db, std::int64_t id);
// Whether the public may see it now: published and published_at <= now.
bool seminar_is_public(store::Connection& db, std::int64_t id, core::TimePoint now);
SeminarStatus seminar_status(store::Connection& db, std::int64_t id);  // draft when missing
// Latest start first; every status. With an organiser's account id, only the
// seminars assigned to them (seminar_organisers).
std::vector<SeminarListItem> list_seminars_for_editing(
    store::Connection& db, std::optional<std::int64_t> organiser_id = std::nullopt);

// The versions people have agreed to, per consent key (registration_consents
// of this seminar's registrations) and of the information clause. A changed
// text must never be stored under one of them (web/admin/seminars_form_check.cpp).
std::map<std::string, std::set<std::string>> used_consent_versions(store::Connection& db,
                                                                   std::int64_t seminar_id);
std::set<std::string> used_privacy_versions(store::Connection& db, std::int64_t seminar_id);

// --- Inside write jobs ---
// Each function below that changes the seminars row adds one to its revision
// (optimistic locking, as for articles in content/editing.hpp).
// `seminar.materials` is ignored (materials are added separately). Records no
// media: a hero, when set, must already be in the media table.
std::int64_t create_seminar(store::Connection& db, const Seminar& seminar, SeminarStatus status,
                            core::TimePoint now);
// nullopt when the seminar does not exist; otherwise the changes as a JSON
// object ("{}" when nothing changed). Agenda, fields and consents are rewritten
// when they differ; materials are left alone. When the capacity grows (or is
// removed) people on the waiting list move up, each told by e-mail, as on a
// cancellation.
std::optional<std::string> update_seminar(store::Connection& db, std::int64_t id,
                                          const Seminar& seminar, core::TimePoint now);
std::optional<std::string> set_seminar_status(store::Connection& db, std::int64_t id,
                                              SeminarStatus status,
                                              std::optional<core::TimePoint> published_at,
                                              core::TimePoint now);
// Records the media row too; appended after the existing materials. Returns the material's id.
std::int64_t add_material(store::Connection& db, std::int64_t seminar_id, const std::string& title,
                          const std::string& filename, Audience audience,
                          const content::StoredMedia& media, core::TimePoint now);
// False when the material does not belong to that seminar.
bool remove_material(store::Connection& db, std::int64_t seminar_id, std::int64_t material_id,
                     core::TimePoint now);
// Deletes a draft and what belongs only to it: agenda items with their
// speakers, form fields, consents, material rows, organiser assignments; bumps
// the content version. Writes nothing unless the status is 'draft' and there
// is no registration in any state (a draft cannot normally have one, but a
// registration row is someone's data and must never go with it). Media rows
// and files stay (content-addressed, possibly shared).
content::DraftDeletion delete_draft_seminar(store::Connection& db, std::int64_t id);

}  // namespace rynek::events
