// The rules of a seminar, written once.
//
// A seminar comes from two places: a seminar file (`rynek import`,
// events/seminar_parser.cpp) and the back-office form
// (web/admin/seminars_form_check.cpp). Each reads its own syntax (TOML values,
// form strings) into a SeminarDraft and then asks check_seminar() whether the
// draft is an acceptable seminar; the answer is a list of typed problems, which
// each side turns into its own words (the import: English text naming the file
// and the key; the form: a translated message on the input). So a seminar one
// side refuses, the other refuses too, for the same reason, and every limit
// (lengths, number ranges, the order of times, link and key rules) is a constant
// below and nowhere else.
//
// What stays with the readers is syntax: a key of the wrong TOML type, a time
// that is not a time, an unknown format name, a box of the form too large to
// read. When a reader could not read a value, it says so in the draft
// (`unread`), and the rules that need that value are skipped rather than
// reporting a consequence of the first problem.
//
// Problems come in the order of the form's sections (basics, time and place,
// broadcast, registration, information clause, agenda, registration form,
// consents); within one input, at most one problem, the first that applies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "events/broadcast_url.hpp"
#include "events/seminar.hpp"

namespace rynek::events {

// Limits. Lengths are in bytes of UTF-8.
inline constexpr std::size_t kMaxSeminarTitle = 200;  // also an agenda item's title
inline constexpr std::size_t kMaxSeminarLead = 1000;
inline constexpr std::size_t kMaxSeminarMarkdown = 200'000;  // description, information clause
inline constexpr std::size_t kMaxSeminarLine = 300;          // venue, image text, labels, options
inline constexpr std::size_t kMaxFieldHelp = 600;
inline constexpr std::size_t kMaxSeminarText = 4000;        // agenda description, consent text
inline constexpr std::size_t kMaxVersion = 40;              // consent and clause versions
inline constexpr std::size_t kMaxKey = 40;                  // field and consent keys (valid_key)
inline constexpr std::size_t kMaxSpeakers = 50;             // per agenda item
inline constexpr std::size_t kMaxOptions = 200;             // per registration-form field
inline constexpr std::size_t kMaxSeminarRows = 150;         // agenda items, fields, consents
inline constexpr std::int64_t kMaxWholeNumber = 1'000'000;  // places, hours, minutes (from 1)

enum class SeminarField {
  title,
  slug,
  lead,
  description,
  hero_alt,
  ends,  // the seminar's end against its start
  duration_minutes,
  venue,
  broadcast_url,
  recording_url,
  capacity,
  confirm_within_hours,
  registration_closes,  // the registration window
  contact_email,
  privacy_text,
  privacy_version,
  agenda,  // the section: too many items
  agenda_title,
  agenda_description,
  agenda_starts,
  agenda_ends,
  agenda_speakers,  // the list: too many
  speaker_name,
  speaker_affiliation,
  speaker_city,
  fields,  // the section: too many fields
  field_label,
  field_key,
  field_help,
  field_options,
  consents,  // the section: too many consents
  consent_text,
  consent_key,
  consent_version,
};

enum class SeminarProblemCode {
  required,             // empty
  too_long,             // longer than `limit`
  not_one_line,         // has a control character (a line break, a tab...)
  too_many,             // more than `limit` entries
  out_of_range,         // a whole number outside 1..`limit`
  not_slug,             // the address is not [a-z0-9]+(-[a-z0-9]+)*
  not_link,             // not an https link (plain http on loopback only)
  not_email,            // not an e-mail address
  not_key,              // not [a-z0-9_]{1,40}
  reserved_key,         // "name" or "email": every form has them
  duplicate,            // a key, or an option, given twice
  ends_before_start,    // ends at or before it starts
  outside_seminar,      // an agenda item starting before the seminar or after its end
  closes_before_opens,  // registration closes at or before it opens
  closes_after_end,     // registration closes after the seminar ends
  has_semicolon,        // a speaker's part with ';' (the form writes speakers "a; b; c")
  options_needed,       // a select or multiselect without options
  options_not_allowed,  // options on a field that is not a choice
};

struct SeminarProblem {
  SeminarField field;
  SeminarProblemCode code;
  std::size_t limit = 0;  // for too_long, too_many, out_of_range
  std::size_t row = 0;    // the agenda item, field or consent (0-based), where one applies
  std::string value;      // the offending value where a message names it (a duplicate option)
  // For not_link: what is wrong with the address (events/broadcast_url.hpp).
  BroadcastUrlProblem link_problem = BroadcastUrlProblem::none;

  bool operator==(const SeminarProblem&) const = default;
};

// A seminar as read from a file or a form, before it is accepted.
struct SeminarDraft {
  explicit SeminarDraft(const Seminar& s) : seminar(s) {}

  const Seminar& seminar;
  bool has_hero = false;  // an image is kept or given (then it needs a description)
  // Whole numbers as written, before they are narrowed into the seminar.
  std::optional<std::int64_t> capacity, confirm_within_hours, duration_minutes;
  // What the reader could not read and has reported itself.
  struct Unread {
    bool times = false;                  // the seminar's start or end
    bool registration_times = false;     // registration_opens or _closes
    std::set<std::size_t> agenda_times;  // agenda rows whose start or end is unread
    std::set<std::size_t> field_types;   // field rows whose type is unread
  } unread;
};

std::vector<SeminarProblem> check_seminar(const SeminarDraft& draft);

}  // namespace rynek::events
