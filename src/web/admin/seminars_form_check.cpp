// Checking the seminar form: the rules of the seminar files (docs/CONTENT.md,
// events/seminar_parser.cpp), so a seminar that the import would refuse cannot
// be saved from the browser either, and the other way round. The messages are
// the form's own (they name inputs, not TOML keys).
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
#include "web/admin/seminars_form.hpp"

namespace rynek::web::admin {
namespace {

constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxSlug = core::kMaxSlugLength;
constexpr std::size_t kMaxLead = 1000;
constexpr std::size_t kMaxMarkdown = 200'000;
constexpr std::size_t kMaxLine = 300;
constexpr std::size_t kMaxText = 4000;
constexpr std::size_t kMaxKey = 40;
constexpr std::size_t kMaxSpeakers = 50;     // per agenda item
constexpr std::size_t kMaxOptions = 200;     // per form field
constexpr std::size_t kMaxListBox = 20'000;  // bytes of one speakers or options box

bool has_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

// Empty (out = nullopt), or a whole number 1..1,000,000; false otherwise.
// (An out-parameter: optional<optional<int>> trips GCC 12's -Wmaybe-uninitialized.)
bool positive(std::string_view text, std::optional<int>& out) {
  out.reset();
  if (text.empty()) return true;
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0 || value > 1'000'000)
    return false;
  out = value;
  return true;
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

void check_basics(Checker& c, const SeminarFormInput& in,
                  const std::optional<events::EditableSeminar>& existing, core::TimePoint now,
                  events::Seminar& out) {
  out.title = in.title;
  if (in.title.empty()) {
    c.error("title", core::N_("Enter a title."));
  } else if (in.title.size() > kMaxTitle || has_control(in.title)) {
    c.error("title", core::N_("The title must be at most 200 characters long, on one line."));
  }
  out.slug = in.slug.empty() ? core::slugify(in.title) : in.slug;
  if (in.slug.empty()) {
    if (out.slug.size() > kMaxSlug) out.slug.resize(kMaxSlug);
    while (!out.slug.empty() && out.slug.back() == '-') out.slug.pop_back();
  }
  if (!in.title.empty() && !core::is_slug(out.slug)) {
    c.error("slug",
            core::N_(
                "The address may contain only lower-case letters a–z, digits and single hyphens."));
  }
  out.lead = in.lead;
  if (in.lead.size() > kMaxLead)
    c.error("lead", core::N_("The lead must be at most 1000 characters long."));
  out.description_md = in.description;
  if (in.description.size() > kMaxMarkdown)
    c.error("description", core::N_("The text is too long."));
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
  const bool hero = out.hero_sha256.has_value() || !in.hero_bytes.empty();
  out.hero_alt = hero ? in.hero_alt : "";
  if (hero && in.hero_alt.empty()) {
    c.error("hero_alt", core::N_("Describe the image for people who cannot see it."));
  } else if (in.hero_alt.size() > kMaxLine || has_control(in.hero_alt)) {
    c.error("hero_alt",
            core::N_("The image description must be at most 300 characters long, on one line."));
  }
}

// False when the start or end is missing or wrong (the agenda cannot be checked then).
bool check_time_and_place(Checker& c, const SeminarFormInput& in,
                          const std::optional<events::EditableSeminar>& existing,
                          events::Seminar& out) {
  auto starts = c.time_kept(in.starts, stored(existing, &events::Seminar::starts_at));
  if (!starts)
    c.time_error("starts", core::N_("Enter the start as YYYY-MM-DD HH:MM (Warsaw time)."));
  auto ends = c.time_kept(in.ends, stored(existing, &events::Seminar::ends_at));
  if (!ends) c.time_error("ends", core::N_("Enter the end as YYYY-MM-DD HH:MM (Warsaw time)."));
  if (starts && ends && *ends <= *starts)
    c.error("ends", core::N_("The seminar must end after it starts."));
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
  if (out.format != events::Format::online && in.venue.empty()) {
    c.error("venue", core::N_("Enter the venue of a hybrid or on-site seminar."));
  } else if (in.venue.size() > kMaxLine || has_control(in.venue)) {
    c.error("venue", core::N_("The venue must be at most 300 characters long, on one line."));
  }
  return starts && ends && *ends > *starts;
}

void check_broadcast(Checker& c, const SeminarFormInput& in, events::Seminar& out) {
  out.broadcast_url = in.broadcast_url;
  if (auto url = events::validate_broadcast_url(in.broadcast_url);
      !in.broadcast_url.empty() && !url) {
    c.error("broadcast_url", events::broadcast_url_problem_text(url.problem));
  }
  if (in.broadcast_visibility == "public")
    out.broadcast_visibility = events::BroadcastVisibility::everyone;
  else if (in.broadcast_visibility == "participants")
    out.broadcast_visibility = events::BroadcastVisibility::participants;
  else
    c.error("broadcast_visibility-participants", core::N_("Choose who may watch the broadcast."));
  out.recording_url = in.recording_url;
  if (auto url = events::validate_broadcast_url(in.recording_url);
      !in.recording_url.empty() && !url) {
    c.error("recording_url", events::broadcast_url_problem_text(url.problem));
  }
}

void check_registration(Checker& c, const SeminarFormInput& in,
                        const std::optional<events::EditableSeminar>& existing, bool times_ok,
                        events::Seminar& out) {
  if (!positive(in.capacity, out.capacity))
    c.error("capacity",
            core::N_(
                "Enter the number of places as a whole number greater than 0, or leave it empty."));
  if (!positive(in.confirm_within_hours, out.confirm_within_hours))
    c.error("confirm_within_hours",
            core::N_("Enter the hours as a whole number greater than 0, or leave it empty."));
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
  if (ok && times_ok) {
    auto opens = out.registration_opens_at.value_or(out.published_at);
    auto closes = out.registration_closes_at.value_or(out.starts_at);
    if (closes <= opens) {
      c.error(
          "registration_closes",
          core::N_(
              "Registration must close after it opens (by default it opens at publication and closes at the start)."));
    } else if (closes > out.ends_at) {
      c.error("registration_closes", core::N_("Registration must close before the seminar ends."));
    }
  }
  out.contact_email = in.contact_email;
  if (!in.contact_email.empty()) {
    if (auto email = events::normalise_email(in.contact_email))
      out.contact_email = *email;
    else
      c.error("contact_email",
              core::N_("Enter a valid e-mail address, for example seminaria@example.org."));
  }
}

void check_agenda(Checker& c, const SeminarFormInput& in,
                  const std::optional<events::EditableSeminar>& existing, bool times_ok,
                  events::Seminar& out) {
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
    const auto id = "agenda_" + std::to_string(i) + "_";
    const auto prefix = c.row_prefix(core::N_("Agenda item %1%"), i);
    // The stored item in the same row (rows keep their order; removed ones stay in `in`).
    const events::AgendaItem* before =
        existing && i < existing->seminar.agenda.size() ? &existing->seminar.agenda[i] : nullptr;
    events::AgendaItem item;
    item.title = row.title;
    if (row.title.empty())
      c.error(id + "title", core::N_("Enter a title."), prefix);
    else if (row.title.size() > kMaxTitle || has_control(row.title))
      c.error(id + "title", core::N_("The title must be at most 200 characters long, on one line."),
              prefix);
    item.description = row.description;
    if (row.description.size() > kMaxText)
      c.error(id + "description", core::N_("The text is too long."), prefix);
    if (times_ok) {
      auto starts =
          c.time_kept(row.starts, before ? std::optional(before->starts_at) : std::nullopt, day);
      if (!starts) {
        c.time_error(
            id + "starts",
            core::N_("Enter the time as HH:MM (on the seminar's first day) or YYYY-MM-DD HH:MM."),
            prefix);
      } else if (*starts < out.starts_at || *starts >= out.ends_at) {
        c.error(id + "starts", core::N_("The item must start within the seminar's time."), prefix);
      } else {
        item.starts_at = *starts;
      }
      if (!row.ends.empty()) {
        // "HH:MM" ends the item on its own day (on a multi-day seminar, not the first one).
        const auto end_day = starts ? warsaw_local(*starts).substr(0, 10) : day;
        auto ends = c.time_kept(row.ends, before ? before->ends_at : std::nullopt, end_day);
        if (!ends)
          c.time_error(id + "ends",
                       core::N_("Enter the time as HH:MM (on the item's day) or YYYY-MM-DD HH:MM."),
                       prefix);
        else if (starts && *ends <= *starts)
          c.error(id + "ends", core::N_("The item must end after it starts."), prefix);
        else
          item.ends_at = *ends;
      }
    }
    const auto speaker_lines = split_trimmed(row.speakers, '\n');
    if (row.speakers.size() > kMaxListBox || speaker_lines.size() > kMaxSpeakers) {
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
      if (speaker.name.empty() || parts.size() > 3 || line.size() > kMaxLine) {
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

void check_fields(Checker& c, const SeminarFormInput& in, events::Seminar& out) {
  if (in.fields_overflow)
    c.error(
        "fields",
        core::N_("The form may have at most 150 fields; the rows after the 150th were not kept."));
  std::set<std::string> keys;
  for (std::size_t i = 0; i < in.fields.size(); ++i) {
    const auto& row = in.fields[i];
    if (row.remove) continue;
    const auto id = "fields_" + std::to_string(i) + "_";
    const auto prefix = c.row_prefix(core::N_("Form field %1%"), i);
    events::FormField field;
    field.label = row.label;
    if (row.label.empty())
      c.error(id + "label", core::N_("Enter the question people will see."), prefix);
    else if (row.label.size() > kMaxLine || has_control(row.label))
      c.error(id + "label", core::N_("The text must be at most 300 characters long, on one line."),
              prefix);
    field.key = row.key.empty() ? key_from_label(row.label) : row.key;
    if (!row.label.empty() || !row.key.empty()) {
      if (!events::valid_key(field.key))
        c.error(id + "key", core::N_("The key may contain only a–z, digits and '_' (at most 40)."),
                prefix);
      else if (field.key == "name" || field.key == "email")
        c.error(id + "key",
                core::N_("Name and e-mail are on every form already; choose another key."), prefix);
      else if (!keys.insert(field.key).second)
        c.error(id + "key", core::N_("Another field has this key already."), prefix);
    }
    auto type = events::parse_field_type(row.type);
    if (!type)
      c.error(id + "type", core::N_("Choose a type."), prefix);
    else
      field.type = *type;
    field.help = row.help;
    if (row.help.size() > kMaxLine * 2 || has_control(row.help))
      c.error(id + "help", core::N_("The help must be at most 600 characters long, on one line."),
              prefix);
    field.required = row.required;
    bool bad_option = false;
    auto options = split_trimmed(row.options, '\n');
    const bool too_many = row.options.size() > kMaxListBox || options.size() > kMaxOptions;
    std::set<std::string_view> seen;
    if (!too_many) {
      for (const auto& option : options) {
        if (option.size() > kMaxLine || !seen.insert(option).second) bad_option = true;
      }
      field.options = std::move(options);
    }
    const bool choice =
        type && (*type == events::FieldType::select || *type == events::FieldType::multiselect);
    if (too_many)
      c.error(id + "options",
              core::N_("A field may have at most 200 options (at most 20,000 characters)."),
              prefix);
    else if (bad_option)
      c.error(id + "options",
              core::N_("Each option must be different and at most 300 characters long."), prefix);
    else if (choice && field.options.empty())
      c.error(id + "options", core::N_("A choice needs options, one per line."), prefix);
    else if (type && !choice && !field.options.empty())
      c.error(
          id + "options",
          core::N_(
              "Only a choice (select or multiple choice) has options; empty this box or change the type."),
          prefix);
    out.fields.push_back(std::move(field));
  }
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
    events::Seminar& out, std::vector<VersionChange>& versions, const UsedVersions& used) {
  std::vector<FieldError> errors;
  Checker c(lang, errors);
  const auto today = warsaw_local(now).substr(0, 10);
  check_basics(c, in, existing, now, out);
  const bool times_ok = check_time_and_place(c, in, existing, out);
  check_broadcast(c, in, out);
  check_registration(c, in, existing, times_ok, out);
  // The information clause (RODO art. 13): required, as in the files.
  out.privacy_clause_md = in.privacy_text;
  out.privacy_clause_version = !in.privacy_version.empty() ? in.privacy_version
                               : existing ? existing->seminar.privacy_clause_version
                                          : "1";
  if (in.privacy_text.empty())
    c.error("privacy_text", core::N_("Enter the information clause (RODO art. 13)."));
  else if (in.privacy_text.size() > kMaxMarkdown)
    c.error("privacy_text", core::N_("The text is too long."));
  if (in.privacy_version.size() > kMaxKey || has_control(in.privacy_version))
    c.error("privacy_version",
            core::N_("The version must be at most 40 characters long, on one line."));
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
  check_agenda(c, in, existing, times_ok, out);
  check_fields(c, in, out);
  if (in.consents_overflow)
    c.error("consents",
            core::N_("There may be at most 150 consents; the rows after the 150th were not kept."));
  std::set<std::string> keys;
  for (std::size_t i = 0; i < in.consents.size(); ++i) {
    const auto& row = in.consents[i];
    if (row.remove) continue;
    const auto id = "consents_" + std::to_string(i) + "_";
    const auto prefix = c.row_prefix(core::N_("Consent %1%"), i);
    events::Consent consent;
    consent.text = row.text;
    if (row.text.empty())
      c.error(id + "text", core::N_("Enter the text of the consent."), prefix);
    else if (row.text.size() > kMaxText)
      c.error(id + "text", core::N_("The text is too long."), prefix);
    consent.key = row.key.empty() ? key_from_label(utf8_prefix(row.text, 120)) : row.key;
    if (!row.text.empty() || !row.key.empty()) {
      if (!events::valid_key(consent.key))
        c.error(id + "key", core::N_("The key may contain only a–z, digits and '_' (at most 40)."),
                prefix);
      else if (!keys.insert(consent.key).second)
        c.error(id + "key", core::N_("Another consent has this key already."), prefix);
    }
    if (row.version.size() > kMaxKey || has_control(row.version))
      c.error(id + "version",
              core::N_("The version must be at most 40 characters long, on one line."), prefix);
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
  return errors;
}

std::vector<FieldError> check_before_preview(const std::string& lang, const SeminarFormInput& in) {
  std::vector<FieldError> errors;
  Checker c(lang, errors);
  if (in.description.size() > kMaxMarkdown)
    c.error("description",
            core::N_("The text is too long to preview or save (at most 200,000 characters)."));
  if (in.privacy_text.size() > kMaxMarkdown)
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
