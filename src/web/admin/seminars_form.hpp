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

#include <optional>
#include <string>
#include <vector>

#include "events/seminar_editing.hpp"
#include "http/multipart.hpp"
#include "web/admin/access.hpp"
#include "web/admin/articles_form.hpp"

namespace rynek::web::admin {

struct AgendaRow {
  std::string starts, ends, title, description, speakers;  // speakers: "Name; affiliation; city" per line
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
  std::string capacity, registration_opens, registration_closes, confirm_within_hours, contact_email;
  bool requires_approval = false;
  std::string privacy_text, privacy_version;
  std::vector<AgendaRow> agenda;  // non-blank rows only, in the order given
  std::vector<FieldRow> fields;
  std::vector<ConsentRow> consents;
  int blank_rows = 2;  // blank rows to offer in each repeating section
  std::string action;
};

// At most this many parts in one form (the multipart parser's default of 64 is
// for small forms; a seminar with a long agenda has hundreds of inputs).
inline constexpr std::size_t kSeminarFormMaxParts = 2000;
inline constexpr std::size_t kMaxRows = 150;  // per repeating section

SeminarFormInput read_seminar_form(const http::Multipart& form);
SeminarFormInput form_from_seminar(const events::EditableSeminar& seminar);

// What validation gives besides errors: notices for the versions given
// automatically (a consent's or the clause's text changed, its version did not).
struct VersionChange {
  std::string what;  // "privacy" or the consent's key
  std::string version;
};

// Fills `out` (everything but id, materials and the hero image itself) from the
// input; the errors, translated, in form order. `out.hero_sha256` keeps the
// existing image unless removed. `today` is "YYYY-MM-DD" (Warsaw) for new versions.
std::vector<FieldError> validate_seminar_form(const std::string& lang, const SeminarFormInput& input,
                                              const std::optional<events::EditableSeminar>& existing,
                                              core::TimePoint now, events::Seminar& out,
                                              std::vector<VersionChange>& versions);

// The next version of a text whose wording changed: "3" -> "4"; otherwise
// `today`, or "today-2", "today-3"... when `today` is what it was already.
std::string next_version(const std::string& version, const std::string& today);

// "organizacja_pozarzadowa": a key from a label ([a-z0-9_], at most 40).
std::string key_from_label(std::string_view label);

struct SeminarFormExtras {
  std::string notice;
  bool preview = false;  // show the Markdown of the description and clause under them
  bool hero_dropped = false;  // a preview could not keep an uploaded image: say so
};

http::Response render_seminar_form(const App& app, const http::Request& request, const Session& session,
                                   const SeminarFormInput& values,
                                   const std::optional<events::EditableSeminar>& existing,
                                   const std::vector<FieldError>& errors, const SeminarFormExtras& extras,
                                   int status = 200);

}  // namespace rynek::web::admin
