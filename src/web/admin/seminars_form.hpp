// The seminar form of the back office: what the browser sends (every field the
// seminar files of `rynek import` have, docs/CONTENT.md), read into plain
// strings; checked by the same rules as the import (events/seminar_parser.cpp);
// turned into an events::Seminar; and rendered back with the values kept.
//
// Repeating rows (agenda, registration form fields, consents) work without
// JavaScript: inputs are named "<section>_<n>_<what>", rows whose inputs are all
// empty are ignored, a ticked "remove" drops a row, and the form always offers
// a few blank rows (the "More rows" button asks for more, storing nothing).
// Rows are renumbered on every render, and errors name the renumbered inputs,
// so the error summary links to the right row.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "events/seminar_editing.hpp"
#include "events/seminar_rules.hpp"
#include "http/multipart.hpp"
#include "web/admin/access.hpp"
#include "web/admin/articles_form.hpp"
#include "web/admin/form_view.hpp"

namespace rynek::web::admin {

struct AgendaRow {
  std::string starts, ends, title, description,
      speakers;  // speakers: "Name; affiliation; city" per line
  bool remove = false;
};

struct FieldRow {
  std::string label, key, type = "text", help, options;  // options: one per line
  bool required = false, remove = false;
};

struct ConsentRow {
  std::string text, key, version;
  bool required = false, remove = false;
};

struct SeminarFormInput {
  std::string title, slug, lead, description, published_at, hero_alt;
  bool remove_hero = false;
  std::string hero_bytes;  // a newly uploaded hero image, "" when none
  std::string starts, ends, format = "online", venue;
  std::string broadcast_url, broadcast_visibility = "participants", recording_url;
  std::string capacity, registration_opens, registration_closes, confirm_within_hours,
      contact_email;
  bool requires_approval = false;
  std::string privacy_text, privacy_version;
  std::vector<AgendaRow> agenda;  // non-blank rows only, in the order given
  std::vector<FieldRow> fields;
  std::vector<ConsentRow> consents;
  int blank_rows = 2;  // blank rows to offer in each repeating section
  // More than kMaxRows non-blank rows were sent: the rest were dropped, which
  // validation reports on the section rather than saving a shortened list.
  bool agenda_overflow = false, fields_overflow = false, consents_overflow = false;
  // The seminar's revision when the form was opened, sent back hidden: a save
  // over a newer one, or without one, is refused (409) instead of undoing
  // someone's edit (content::check_revision). Kept as typed.
  std::string revision;
  std::string action;
};

// At most this many parts in one form (the multipart parser's default of 64 is
// for small forms; a seminar with a long agenda has hundreds of inputs).
inline constexpr std::size_t kSeminarFormMaxParts = 2000;
inline constexpr std::size_t kMaxRows = events::kMaxSeminarRows;  // per repeating section

SeminarFormInput read_seminar_form(const http::Multipart& form);
SeminarFormInput form_from_seminar(const events::EditableSeminar& seminar);

// What validation gives besides errors: notices for the versions given
// automatically (a consent's or the clause's text changed, its version did not).
struct VersionChange {
  std::string what;  // "privacy" or the consent's key
  std::string version;
};

// The versions people already agreed to (events::used_consent_versions and
// used_privacy_versions): a changed text never gets one of them.
struct UsedVersions {
  std::map<std::string, std::set<std::string>> consents;
  std::set<std::string> privacy;
};

// Fills `out` (everything but id, materials and the hero image itself) from the
// input; the errors, translated, in form order. `out.hero_sha256` keeps the
// existing image unless removed. `today` is "YYYY-MM-DD" (Warsaw) for new versions.
// The rules are events::check_seminar's (the import's too); `problems`, when
// given, receives what they found, typed, before translation.
std::vector<FieldError> validate_seminar_form(
    const std::string& lang, const SeminarFormInput& input,
    const std::optional<events::EditableSeminar>& existing, core::TimePoint now,
    events::Seminar& out, std::vector<VersionChange>& versions,
    const UsedVersions& used = UsedVersions{},
    std::vector<events::SeminarProblem>* problems = nullptr);

// What a "preview" or "More rows" can report without saving: sections with too
// many rows, and Markdown too long to preview (it is not rendered then).
std::vector<FieldError> check_before_preview(const std::string& lang,
                                             const SeminarFormInput& input);

// Speakers as the form edits them: "Name; affiliation; city" per line.
std::string speakers_text(const std::vector<events::Speaker>& speakers);
// Errors on the agenda items whose stored speakers have a ';' inside a part
// (the line format cannot show it): the editor must rewrite them, and a save
// sending those lines back unchanged is refused (never silently re-split).
std::vector<FieldError> stored_speaker_errors(const std::string& lang,
                                              const events::EditableSeminar& seminar);

// The next version of a text whose wording changed: "3" -> "4"; otherwise
// `today`, or "today-2", "today-3"... when `today` is what it was already.
std::string next_version(const std::string& version, const std::string& today);

// "organizacja_pozarzadowa": a key from a label ([a-z0-9_], at most 40).
std::string key_from_label(std::string_view label);

struct SeminarFormExtras {
  std::string notice;
  bool preview = false;       // show the Markdown of the description and clause under them
  bool hero_dropped = false;  // a re-render could not keep an uploaded image: say so
  // Not current: someone else saved meanwhile (or the form's revision was
  // missing or unreadable); nothing was stored (409).
  content::RevisionCheck conflict = content::RevisionCheck::current;
};

http::Response render_seminar_form(const App& app, const http::Request& request,
                                   const Session& session, const SeminarFormInput& values,
                                   const std::optional<events::EditableSeminar>& existing,
                                   const std::vector<FieldError>& errors,
                                   const SeminarFormExtras& extras, int status = 200);

}  // namespace rynek::web::admin
