// Checking the seminar form. This file reads the form's strings into a
// seminar (times, numbers, choices: the form's syntax) and leaves the rules to
// events::check_seminar (events/seminar_rules.hpp), which the import of seminar
// files asks too; so a seminar that the import would refuse cannot be saved
// from the browser either, and the other way round. Each problem it reports is
// translated here into the form's own message on the input it concerns (they
// name inputs, not TOML keys), and all errors are given in form order.
//
// Versions: a person's consent records the version of the text they saw. When an
// editor changes a consent's text (or the information clause) and leaves its
// version as it was, the old version would then name two different texts; so
// the text gets a new version here (see next_version) and the page says so.
#include <algorithm>
#include <charconv>
#include <set>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "events/broadcast_url.hpp"
#include "events/form.hpp"
#include "events/seminar_rules.hpp"
#include "web/admin/seminars_form.hpp"

namespace rynek::web::admin {
namespace {

using Field = events::SeminarField;
using Code = events::SeminarProblemCode;

constexpr std::size_t kMaxSlug = core::kMaxSlugLength;
using events::kMaxKey;
constexpr std::size_t kMaxListBox = 20'000;  // bytes of one speakers or options box (input size)

// Empty (out = nullopt), or a whole number (its range is a rule); false otherwise.
// (An out-parameter: optional<optional<...>> trips GCC 12's -Wmaybe-uninitialized.)
bool whole_number(std::string_view text, std::optional<std::int64_t>& out) {
  out.reset();
  if (text.empty()) return true;
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return false;
  out = value;
  return true;
}

std::optional<int> narrowed(const std::optional<std::int64_t>& value) {
  if (!value || *value < 1 || *value > events::kMaxWholeNumber) return std::nullopt;
  return static_cast<int>(*value);
}

std::string replace_n(std::string text, std::size_t n) {
  auto at = text.find("%1%");
  if (at != std::string::npos) text.replace(at, 3, std::to_string(n));
  return text;
}

class Checker {
 public:
  Checker(const std::string& lang, std::vector<FieldError>& errors)
      : lang_(lang), errors_(errors) {}

  void error(const std::string& id, const char* message, const std::string& prefix = "") {
    errors_.push_back({id, prefix + core::translate(lang_, message)});
  }
  // "Agenda item 2: " and the like, in the page's language.
  std::string row_prefix(const char* what, std::size_t index) {
    return replace_n(core::translate(lang_, what), index + 1) + ": ";
  }
  // A Warsaw time "YYYY-MM-DD HH:MM", or "HH:MM" on `day` when given. A time
  // the clocks skip (the spring gap, 02:00-03:00 on the last Sunday of March)
  // does not exist: it reads back as another minute, and is refused.
  std::optional<core::TimePoint> time(std::string_view text, const std::string& day = "") {
    std::string full = !day.empty() && text.size() == 5 && text[2] == ':'
                           ? day + " " + std::string(text)
                           : std::string(core::trim(text));
    auto when = parse_warsaw_local(full);
    // parse_warsaw_local refuses a skipped time too; telling it apart from a
    // badly written one gives the editor the right message.
    if (!when && full.size() == 16 && core::parse_iso8601(full)) gap_ = true;
    return when;
  }
  // The same as time(), but the minute the form showed for `stored` (which may
  // have seconds, or be the second 02:30 of an autumn night) is `stored` itself:
  // sending back what is shown changes nothing.
  std::optional<core::TimePoint> time_kept(std::string_view text,
                                           std::optional<core::TimePoint> stored,
                                           const std::string& day = "") {
    auto when = time(text, day);
    if (when && stored && warsaw_local(*when) == warsaw_local(*stored)) return stored;
    return when;
  }
  // The message for a time time() refused: a skipped hour, or the format.
  void time_error(const std::string& id, const char* format_message,
                  const std::string& prefix = "") {
    if (gap_)
      error(
          id,
          core::N_(
              "This time does not exist in Warsaw: the clocks jump from 02:00 to 03:00 that night. Choose another time."),
          prefix);
    else
      error(id, format_message, prefix);
    gap_ = false;
  }
  const std::string& lang() const { return lang_; }

 private:
  const std::string& lang_;
  std::vector<FieldError>& errors_;
  bool gap_ = false;
};

// A stored seminar's value, when there is one.
template <typename T>
std::optional<T> stored(const std::optional<events::EditableSeminar>& existing,
                        T events::Seminar::*member) {
  if (!existing) return std::nullopt;
  return existing->seminar.*member;
}

bool part_has_semicolon(const events::Speaker& s) {
  return s.name.find(';') != std::string::npos || s.affiliation.find(';') != std::string::npos ||
         s.city.find(';') != std::string::npos;
}

bool speakers_have_semicolon(const std::vector<events::Speaker>& speakers) {
  return std::any_of(speakers.begin(), speakers.end(), part_has_semicolon);
}

// The first `max` bytes of `text`, not cutting a UTF-8 character in half.
std::string utf8_prefix(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  while (max > 0 && (static_cast<unsigned char>(text[max]) & 0xC0) == 0x80) --max;
  return text.substr(0, max);
}

// The next version not yet given to anyone and not the stored one.
std::string free_version(std::string version, const std::string& today,
                         const std::set<std::string>& used, const std::string& stored) {
  do {
    version = next_version(version, today);
  } while (used.contains(version) || version == stored);
  return version;
}

void read_basics(Checker& c, const SeminarFormInput& in,
                 const std::optional<events::EditableSeminar>& existing, core::TimePoint now,
                 events::Seminar& out, events::SeminarDraft& draft) {
  out.title = in.title;
  out.slug = in.slug.empty() ? core::slugify(in.title) : in.slug;
  if (in.slug.empty()) {
    if (out.slug.size() > kMaxSlug) out.slug.resize(kMaxSlug);
    while (!out.slug.empty() && out.slug.back() == '-') out.slug.pop_back();
  }
  out.lead = in.lead;
  out.description_md = in.description;
  // The form shows minutes; the stored time may have seconds (publication
  // "now"). The same minute sent back is the stored time, not a change.
  auto shown = in.published_at;
  if (shown.size() == 16 && shown[10] == 'T') shown[10] = ' ';
  if (in.published_at.empty()) {
    out.published_at = existing ? existing->seminar.published_at : now;
  } else if (existing && shown == warsaw_local(existing->seminar.published_at)) {
    out.published_at = existing->seminar.published_at;
  } else if (auto when = parse_warsaw_local(in.published_at)) {
    out.published_at = *when;
  } else {
    c.error(
        "published_at",
        core::N_("Enter the publication time as YYYY-MM-DD HH:MM, for example 2026-03-07 11:00."));
  }
  out.hero_sha256 = existing && !in.remove_hero ? existing->seminar.hero_sha256 : std::nullopt;
  draft.has_hero = out.hero_sha256.has_value() || !in.hero_bytes.empty();
  out.hero_alt = draft.has_hero ? in.hero_alt : "";
}

// False when the start or end is missing or wrong (the agenda cannot be read then).
bool read_time_and_place(Checker& c, const SeminarFormInput& in,
                         const std::optional<events::EditableSeminar>& existing,
                         events::Seminar& out, events::SeminarDraft& draft) {
  auto starts = c.time_kept(in.starts, stored(existing, &events::Seminar::starts_at));
  if (!starts)
    c.time_error("starts", core::N_("Enter the start as YYYY-MM-DD HH:MM (Warsaw time)."));
  auto ends = c.time_kept(in.ends, stored(existing, &events::Seminar::ends_at));
  if (!ends) c.time_error("ends", core::N_("Enter the end as YYYY-MM-DD HH:MM (Warsaw time)."));
  draft.unread.times = !starts || !ends;
  if (starts) out.starts_at = *starts;
  if (ends) out.ends_at = *ends;
  if (in.format == "online")
    out.format = events::Format::online;
  else if (in.format == "hybrid")
    out.format = events::Format::hybrid;
  else if (in.format == "onsite")
    out.format = events::Format::onsite;
  else
    c.error("format-online", core::N_("Choose the format: online, hybrid or on-site."));
  out.venue = in.venue;
  return starts && ends && *ends > *starts;
}

void read_broadcast(Checker& c, const SeminarFormInput& in, events::Seminar& out) {
  out.broadcast_url = in.broadcast_url;
  if (in.broadcast_visibility == "public")
    out.broadcast_visibility = events::BroadcastVisibility::everyone;
  else if (in.broadcast_visibility == "participants")
    out.broadcast_visibility = events::BroadcastVisibility::participants;
  else
    c.error("broadcast_visibility-participants", core::N_("Choose who may watch the broadcast."));
  out.recording_url = in.recording_url;
}

void read_registration(Checker& c, const SeminarFormInput& in,
                       const std::optional<events::EditableSeminar>& existing, events::Seminar& out,
                       events::SeminarDraft& draft) {
  if (!whole_number(in.capacity, draft.capacity))
    c.error("capacity",
            core::N_(
                "Enter the number of places as a whole number greater than 0, or leave it empty."));
  out.capacity = narrowed(draft.capacity);
  if (!whole_number(in.confirm_within_hours, draft.confirm_within_hours))
    c.error("confirm_within_hours",
            core::N_("Enter the hours as a whole number greater than 0, or leave it empty."));
  out.confirm_within_hours = narrowed(draft.confirm_within_hours);
  out.requires_approval = in.requires_approval;
  out.registration_opens_at.reset();
  out.registration_closes_at.reset();
  bool ok = true;
  if (!in.registration_opens.empty()) {
    if (auto t = c.time_kept(in.registration_opens,
                             existing ? existing->seminar.registration_opens_at : std::nullopt))
      out.registration_opens_at = *t;
    else
      ok = false,
      c.time_error(
          "registration_opens",
          core::N_("Enter the time as YYYY-MM-DD HH:MM (Warsaw time), or leave it empty."));
  }
  if (!in.registration_closes.empty()) {
    if (auto t = c.time_kept(in.registration_closes,
                             existing ? existing->seminar.registration_closes_at : std::nullopt))
      out.registration_closes_at = *t;
    else
      ok = false,
      c.time_error(
          "registration_closes",
          core::N_("Enter the time as YYYY-MM-DD HH:MM (Warsaw time), or leave it empty."));
  }
  draft.unread.registration_times = !ok;
  out.contact_email = in.contact_email;
  if (auto email = events::normalise_email(in.contact_email)) out.contact_email = *email;
}

// Rows of `in` kept in `out` (removed ones are not): draft row -> input row,
// which names the inputs and numbers the messages.
struct Rows {
  std::vector<std::size_t> agenda, fields, consents;
};

void read_agenda(Checker& c, const SeminarFormInput& in,
                 const std::optional<events::EditableSeminar>& existing, bool times_ok,
                 events::Seminar& out, events::SeminarDraft& draft, Rows& rows) {
  const auto day = warsaw_local(out.starts_at).substr(0, 10);
  if (in.agenda_overflow)
    c.error(
        "agenda",
        core::N_("The agenda may have at most 150 items; the rows after the 150th were not kept."));
  // Stored speakers whose parts have a ';' (the form's line format cannot show
  // them): sent back unchanged, they would be split differently.
  std::set<std::string> ambiguous;
  if (existing) {
    for (const auto& item : existing->seminar.agenda) {
      if (speakers_have_semicolon(item.speakers)) ambiguous.insert(speakers_text(item.speakers));
    }
  }
  for (std::size_t i = 0; i < in.agenda.size(); ++i) {
    const auto& row = in.agenda[i];
    if (row.remove) continue;
    const auto at = out.agenda.size();
    rows.agenda.push_back(i);
    const auto id = "agenda_" + std::to_string(i) + "_";
    const auto prefix = c.row_prefix(core::N_("Agenda item %1%"), i);
    // The stored item in the same row (rows keep their order; removed ones stay in `in`).
    const events::AgendaItem* before =
        existing && i < existing->seminar.agenda.size() ? &existing->seminar.agenda[i] : nullptr;
    events::AgendaItem item;
    item.title = row.title;
    item.description = row.description;
    bool unread = !times_ok;
    if (times_ok) {
      auto starts =
          c.time_kept(row.starts, before ? std::optional(before->starts_at) : std::nullopt, day);
      if (!starts) {
        unread = true;
        c.time_error(
            id + "starts",
            core::N_("Enter the time as HH:MM (on the seminar's first day) or YYYY-MM-DD HH:MM."),
            prefix);
      } else {
        item.starts_at = *starts;
      }
      if (!row.ends.empty()) {
        // "HH:MM" ends the item on its own day (on a multi-day seminar, not the first one).
        const auto end_day = starts ? warsaw_local(*starts).substr(0, 10) : day;
        auto ends = c.time_kept(row.ends, before ? before->ends_at : std::nullopt, end_day);
        if (!ends) {
          unread = true;
          c.time_error(id + "ends",
                       core::N_("Enter the time as HH:MM (on the item's day) or YYYY-MM-DD HH:MM."),
                       prefix);
        } else {
          item.ends_at = *ends;
        }
      }
    }
    if (unread) draft.unread.agenda_times.insert(at);
    const auto speaker_lines = split_trimmed(row.speakers, '\n');
    if (row.speakers.size() > kMaxListBox) {
      c.error(id + "speakers",
              core::N_("An agenda item may have at most 50 speakers (at most 20,000 characters)."),
              prefix);
      out.agenda.push_back(std::move(item));
      continue;
    }
    if (ambiguous.contains(row.speakers)) {
      c.error(
          id + "speakers",
          core::N_(
              "A stored speaker's name, affiliation or city contains ';', which this box uses to separate them. Rewrite these lines so that ';' only separates name, affiliation and city."),
          prefix);
      out.agenda.push_back(std::move(item));
      continue;
    }
    for (const auto& line : speaker_lines) {
      auto parts = core::split(line, ';');
      events::Speaker speaker;
      speaker.name = std::string(core::trim(parts[0]));
      if (parts.size() > 1) speaker.affiliation = std::string(core::trim(parts[1]));
      if (parts.size() > 2) speaker.city = std::string(core::trim(parts[2]));
      if (parts.size() > 3) {
        c.error(
            id + "speakers",
            core::N_(
                "Write one speaker per line: name; affiliation; city (the last two may be left out)."),
            prefix);
        break;
      }
      item.speakers.push_back(std::move(speaker));
    }
    out.agenda.push_back(std::move(item));
  }
}

void read_fields(Checker& c, const SeminarFormInput& in, events::Seminar& out,
                 events::SeminarDraft& draft, Rows& rows) {
  if (in.fields_overflow)
    c.error(
        "fields",
        core::N_("The form may have at most 150 fields; the rows after the 150th were not kept."));
  for (std::size_t i = 0; i < in.fields.size(); ++i) {
    const auto& row = in.fields[i];
    if (row.remove) continue;
    const auto at = out.fields.size();
    rows.fields.push_back(i);
    const auto id = "fields_" + std::to_string(i) + "_";
    const auto prefix = c.row_prefix(core::N_("Form field %1%"), i);
    events::FormField field;
    field.label = row.label;
    field.key = row.key.empty() ? key_from_label(row.label) : row.key;
    auto type = events::parse_field_type(row.type);
    if (!type) {
      c.error(id + "type", core::N_("Choose a type."), prefix);
      draft.unread.field_types.insert(at);
    } else {
      field.type = *type;
    }
    field.help = row.help;
    field.required = row.required;
    if (row.options.size() > kMaxListBox)
      c.error(id + "options",
              core::N_("A field may have at most 200 options (at most 20,000 characters)."),
              prefix);
    else
      field.options = split_trimmed(row.options, '\n');
    out.fields.push_back(std::move(field));
  }
}

void read_consents(Checker& c, const SeminarFormInput& in,
                   const std::optional<events::EditableSeminar>& existing, const std::string& today,
                   events::Seminar& out, std::vector<VersionChange>& versions,
                   const UsedVersions& used, Rows& rows) {
  if (in.consents_overflow)
    c.error("consents",
            core::N_("There may be at most 150 consents; the rows after the 150th were not kept."));
  for (std::size_t i = 0; i < in.consents.size(); ++i) {
    const auto& row = in.consents[i];
    if (row.remove) continue;
    rows.consents.push_back(i);
    events::Consent consent;
    consent.text = row.text;
    consent.key = row.key.empty() ? key_from_label(utf8_prefix(row.text, 120)) : row.key;
    consent.required = row.required;
    const events::Consent* before = nullptr;
    if (existing) {
      for (const auto& old : existing->seminar.consents) {
        if (old.key == consent.key) before = &old;
      }
    }
    consent.version = row.version.empty() ? (before ? before->version : "1") : row.version;
    // New (or removed and added again) with a text people agreed to under this
    // version before, or changed while keeping the stored or a given version.
    static const std::set<std::string> kNone;
    auto given = used.consents.find(consent.key);
    const auto& given_versions = given == used.consents.end() ? kNone : given->second;
    const bool changed = before ? row.text != before->text : !given_versions.empty();
    if (!row.text.empty() && changed &&
        ((before && consent.version == before->version) ||
         given_versions.contains(consent.version))) {
      consent.version =
          free_version(consent.version, today, given_versions, before ? before->version : "");
      versions.push_back({consent.key, consent.version});
    }
    out.consents.push_back(std::move(consent));
  }
}

// The input a problem is about, and the form's message for it.
struct Translated {
  std::string id;
  const char* message;
  std::string prefix;
};

Translated translate_problem(Checker& c, const events::SeminarProblem& p, const Rows& rows) {
  auto row_of = [&](const std::vector<std::size_t>& list) {
    return p.row < list.size() ? list[p.row] : p.row;
  };
  auto agenda = [&](const char* what, const char* message) {
    const auto i = row_of(rows.agenda);
    return Translated{"agenda_" + std::to_string(i) + "_" + what, message,
                      c.row_prefix(core::N_("Agenda item %1%"), i)};
  };
  auto field = [&](const char* what, const char* message) {
    const auto i = row_of(rows.fields);
    return Translated{"fields_" + std::to_string(i) + "_" + what, message,
                      c.row_prefix(core::N_("Form field %1%"), i)};
  };
  auto consent = [&](const char* what, const char* message) {
    const auto i = row_of(rows.consents);
    return Translated{"consents_" + std::to_string(i) + "_" + what, message,
                      c.row_prefix(core::N_("Consent %1%"), i)};
  };
  const bool required = p.code == Code::required;
  const char* title_message =
      required ? core::N_("Enter a title.")
               : core::N_("The title must be at most 200 characters long, on one line.");
  const char* key_message =
      p.code == Code::not_key
          ? core::N_("The key may contain only a–z, digits and '_' (at most 40).")
          : nullptr;
  const char* speaker_message =
      p.code == Code::has_semicolon
          ? core::N_(
                "A stored speaker's name, affiliation or city contains ';', which this box uses to separate them. Rewrite these lines so that ';' only separates name, affiliation and city.")
          : core::N_(
                "Write one speaker per line: name; affiliation; city (the last two may be left out).");
  switch (p.field) {
    case Field::title:
      return {"title", title_message, ""};
    case Field::slug:
      return {
          "slug",
          core::N_(
              "The address may contain only lower-case letters a–z, digits and single hyphens."),
          ""};
    case Field::lead:
      return {"lead", core::N_("The lead must be at most 1000 characters long."), ""};
    case Field::description:
      return {"description", core::N_("The text is too long."), ""};
    case Field::hero_alt:
      return {
          "hero_alt",
          required
              ? core::N_("Describe the image for people who cannot see it.")
              : core::N_("The image description must be at most 300 characters long, on one line."),
          ""};
    case Field::ends:
    case Field::duration_minutes:  // the form has no duration; the end says it
      return {"ends", core::N_("The seminar must end after it starts."), ""};
    case Field::venue:
      return {"venue",
              required ? core::N_("Enter the venue of a hybrid or on-site seminar.")
                       : core::N_("The venue must be at most 300 characters long, on one line."),
              ""};
    case Field::broadcast_url:
      return {"broadcast_url", events::broadcast_url_problem_text(p.link_problem), ""};
    case Field::recording_url:
      return {"recording_url", events::broadcast_url_problem_text(p.link_problem), ""};
    case Field::capacity:
      return {
          "capacity",
          core::N_(
              "Enter the number of places as a whole number greater than 0, or leave it empty."),
          ""};
    case Field::confirm_within_hours:
      return {"confirm_within_hours",
              core::N_("Enter the hours as a whole number greater than 0, or leave it empty."), ""};
    case Field::registration_closes:
      return {
          "registration_closes",
          p.code == Code::closes_after_end
              ? core::N_("Registration must close before the seminar ends.")
              : core::N_(
                    "Registration must close after it opens (by default it opens at publication and closes at the start)."),
          ""};
    case Field::contact_email:
      return {"contact_email",
              core::N_("Enter a valid e-mail address, for example seminaria@example.org."), ""};
    case Field::privacy_text:
      return {"privacy_text",
              required ? core::N_("Enter the information clause (RODO art. 13).")
                       : core::N_("The text is too long."),
              ""};
    case Field::privacy_version:
      return {"privacy_version",
              core::N_("The version must be at most 40 characters long, on one line."), ""};
    case Field::agenda:
      return {"agenda",
              core::N_(
                  "The agenda may have at most 150 items; the rows after the 150th were not kept."),
              ""};
    case Field::agenda_title:
      return agenda("title", title_message);
    case Field::agenda_description:
      return agenda("description", core::N_("The text is too long."));
    case Field::agenda_starts:
      return agenda("starts", core::N_("The item must start within the seminar's time."));
    case Field::agenda_ends:
      return agenda("ends", core::N_("The item must end after it starts."));
    case Field::agenda_speakers:
      return agenda(
          "speakers",
          core::N_("An agenda item may have at most 50 speakers (at most 20,000 characters)."));
    case Field::speaker_name:
    case Field::speaker_affiliation:
    case Field::speaker_city:
      return agenda("speakers", speaker_message);
    case Field::fields:
      return {
          "fields",
          core::N_("The form may have at most 150 fields; the rows after the 150th were not kept."),
          ""};
    case Field::field_label:
      return field("label",
                   required
                       ? core::N_("Enter the question people will see.")
                       : core::N_("The text must be at most 300 characters long, on one line."));
    case Field::field_key:
      return field("key",
                   key_message ? key_message
                   : p.code == Code::reserved_key
                       ? core::N_("Name and e-mail are on every form already; choose another key.")
                       : core::N_("Another field has this key already."));
    case Field::field_help:
      return field("help", core::N_("The help must be at most 600 characters long, on one line."));
    case Field::field_options:
      switch (p.code) {
        case Code::too_many:
          return field(
              "options",
              core::N_("A field may have at most 200 options (at most 20,000 characters)."));
        case Code::options_needed:
          return field("options", core::N_("A choice needs options, one per line."));
        case Code::options_not_allowed:
          return field(
              "options",
              core::N_(
                  "Only a choice (select or multiple choice) has options; empty this box or change the type."));
        default:
          return field("options",
                       core::N_("Each option must be different and at most 300 characters long."));
      }
    case Field::consents:
      return {
          "consents",
          core::N_("There may be at most 150 consents; the rows after the 150th were not kept."),
          ""};
    case Field::consent_text:
      return consent("text", required ? core::N_("Enter the text of the consent.")
                                      : core::N_("The text is too long."));
    case Field::consent_key:
      return consent("key",
                     key_message ? key_message : core::N_("Another consent has this key already."));
    case Field::consent_version:
      return consent("version",
                     core::N_("The version must be at most 40 characters long, on one line."));
  }
  return {"title", title_message, ""};
}

// Where an input is in the form, so that the error summary follows the page:
// the sections in order, rows in order, the inputs of a row in order.
std::size_t form_position(const std::string& id) {
  static const std::vector<std::string> kInputs = {"title",
                                                   "slug",
                                                   "lead",
                                                   "description",
                                                   "published_at",
                                                   "hero_alt",
                                                   "starts",
                                                   "ends",
                                                   "format-online",
                                                   "venue",
                                                   "broadcast_url",
                                                   "broadcast_visibility-participants",
                                                   "recording_url",
                                                   "capacity",
                                                   "confirm_within_hours",
                                                   "registration_opens",
                                                   "registration_closes",
                                                   "contact_email",
                                                   "privacy_text",
                                                   "privacy_version"};
  struct Section {
    std::string name;
    std::vector<std::string> inputs;  // of one row, in the order shown
  };
  static const std::vector<Section> kSections = {
      {"agenda", {"starts", "ends", "title", "description", "speakers"}},
      {"fields", {"label", "key", "type", "help", "options"}},
      {"consents", {"text", "key", "version"}}};
  for (std::size_t i = 0; i < kInputs.size(); ++i) {
    if (kInputs[i] == id) return i;
  }
  for (std::size_t s = 0; s < kSections.size(); ++s) {
    const auto& [name, inputs] = kSections[s];
    if (!id.starts_with(name)) continue;
    const std::size_t base = 100 + s * 1'000'000;
    if (id == name) return base;
    // "<section>_<row>_<input>"
    const auto rest = std::string_view(id).substr(std::min(id.size(), name.size() + 1));
    std::size_t row = 0;
    auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), row);
    if (error != std::errc() || row >= 10'000) return base;
    auto input = std::string_view(end, rest.data() + rest.size());
    if (!input.empty()) input.remove_prefix(1);
    const auto found = std::find(inputs.begin(), inputs.end(), input);
    return base + 1 + row * 100 + static_cast<std::size_t>(found - inputs.begin());
  }
  return 50;  // the information clause and anything else: before the agenda
}

}  // namespace

std::string key_from_label(std::string_view label) {
  auto key = core::slugify(label);
  std::replace(key.begin(), key.end(), '-', '_');
  if (key.size() > kMaxKey) key.resize(kMaxKey);
  while (!key.empty() && key.back() == '_') key.pop_back();
  return key;
}

std::string next_version(const std::string& version, const std::string& today) {
  long long number = 0;
  auto [end, error] = std::from_chars(version.data(), version.data() + version.size(), number);
  if (!version.empty() && error == std::errc() && end == version.data() + version.size() &&
      number >= 0 && number < 1'000'000'000) {
    return std::to_string(number + 1);
  }
  if (version == today) return today + "-2";
  // "today-N" becomes "today-(N+1)"; any other version becomes today's date.
  if (version.starts_with(today + "-")) {
    auto suffix = std::string_view(version).substr(today.size() + 1);
    int n = 0;
    auto [e, err] = std::from_chars(suffix.data(), suffix.data() + suffix.size(), n);
    if (err == std::errc() && e == suffix.data() + suffix.size() && n > 0 && n < 1'000'000) {
      return today + "-" + std::to_string(n + 1);
    }
    return version + "-2";
  }
  return today;
}

std::vector<FieldError> validate_seminar_form(
    const std::string& lang, const SeminarFormInput& in,
    const std::optional<events::EditableSeminar>& existing, core::TimePoint now,
    events::Seminar& out, std::vector<VersionChange>& versions, const UsedVersions& used,
    std::vector<events::SeminarProblem>* problems) {
  std::vector<FieldError> errors;
  Checker c(lang, errors);
  const auto today = warsaw_local(now).substr(0, 10);
  // The rules read `out`: rows of an earlier call must not be taken for this one's.
  out.agenda.clear();
  out.fields.clear();
  out.consents.clear();
  events::SeminarDraft draft{out};
  Rows rows;
  read_basics(c, in, existing, now, out, draft);
  const bool times_ok = read_time_and_place(c, in, existing, out, draft);
  read_broadcast(c, in, out);
  read_registration(c, in, existing, out, draft);
  // The information clause (RODO art. 13): required, as in the files.
  out.privacy_clause_md = in.privacy_text;
  out.privacy_clause_version = !in.privacy_version.empty() ? in.privacy_version
                               : existing ? existing->seminar.privacy_clause_version
                                          : "1";
  // A changed text under the stored version, or under any version people have
  // already agreed to (a stale tab, a version typed by hand), gets a free one.
  if (existing && !in.privacy_text.empty() &&
      in.privacy_text != existing->seminar.privacy_clause_md &&
      (out.privacy_clause_version == existing->seminar.privacy_clause_version ||
       used.privacy.contains(out.privacy_clause_version))) {
    out.privacy_clause_version = free_version(out.privacy_clause_version, today, used.privacy,
                                              existing->seminar.privacy_clause_version);
    versions.push_back({"privacy", out.privacy_clause_version});
  }
  read_agenda(c, in, existing, times_ok, out, draft, rows);
  read_fields(c, in, out, draft, rows);
  read_consents(c, in, existing, today, out, versions, used, rows);

  // The rules, in the form's words: one message per input (the first problem,
  // as the form reads it: what could not be read is reported already).
  std::set<std::string> reported;
  for (const auto& error : errors) reported.insert(error.id);
  auto found = events::check_seminar(draft);
  for (const auto& problem : found) {
    auto t = translate_problem(c, problem, rows);
    if (!reported.insert(t.id).second) continue;
    c.error(t.id, t.message, t.prefix);
  }
  if (problems) *problems = std::move(found);
  std::stable_sort(errors.begin(), errors.end(), [](const FieldError& a, const FieldError& b) {
    return form_position(a.id) < form_position(b.id);
  });
  return errors;
}

std::vector<FieldError> check_before_preview(const std::string& lang, const SeminarFormInput& in) {
  std::vector<FieldError> errors;
  Checker c(lang, errors);
  if (in.description.size() > events::kMaxSeminarMarkdown)
    c.error("description",
            core::N_("The text is too long to preview or save (at most 200,000 characters)."));
  if (in.privacy_text.size() > events::kMaxSeminarMarkdown)
    c.error("privacy_text",
            core::N_("The text is too long to preview or save (at most 200,000 characters)."));
  if (in.agenda_overflow)
    c.error(
        "agenda",
        core::N_("The agenda may have at most 150 items; the rows after the 150th were not kept."));
  if (in.fields_overflow)
    c.error(
        "fields",
        core::N_("The form may have at most 150 fields; the rows after the 150th were not kept."));
  if (in.consents_overflow)
    c.error("consents",
            core::N_("There may be at most 150 consents; the rows after the 150th were not kept."));
  return errors;
}

std::vector<FieldError> stored_speaker_errors(const std::string& lang,
                                              const events::EditableSeminar& seminar) {
  std::vector<FieldError> errors;
  Checker c(lang, errors);
  const auto& agenda = seminar.seminar.agenda;
  for (std::size_t i = 0; i < agenda.size(); ++i) {
    if (!speakers_have_semicolon(agenda[i].speakers)) continue;
    c.error(
        "agenda_" + std::to_string(i) + "_speakers",
        core::N_(
            "A stored speaker's name, affiliation or city contains ';', which this box uses to separate them. Rewrite these lines so that ';' only separates name, affiliation and city."),
        c.row_prefix(core::N_("Agenda item %1%"), i));
  }
  return errors;
}

}  // namespace rynek::web::admin
