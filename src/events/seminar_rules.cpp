#include "events/seminar_rules.hpp"

#include <algorithm>

#include "events/form.hpp"

namespace rynek::events {
namespace {

using Code = SeminarProblemCode;
using Field = SeminarField;

bool has_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

class Rules {
 public:
  explicit Rules(const SeminarDraft& draft) : draft_(draft), s_(draft.seminar) {}

  std::vector<SeminarProblem> run() {
    basics();
    time_and_place();
    broadcast();
    registration();
    privacy();
    agenda();
    fields();
    consents();
    return std::move(problems_);
  }

 private:
  void add(Field field, Code code, std::size_t limit = 0, std::size_t row = 0,
           std::string value = {}) {
    problems_.push_back({field, code, limit, row, std::move(value)});
  }

  // Empty (when required), longer than `max`, or more than one line: the first that applies.
  bool line(Field field, std::string_view text, std::size_t max, bool required,
            std::size_t row = 0) {
    if (required && text.empty()) {
      add(field, Code::required, 0, row);
    } else if (text.size() > max) {
      add(field, Code::too_long, max, row);
    } else if (has_control(text)) {
      add(field, Code::not_one_line, 0, row);
    } else {
      return true;
    }
    return false;
  }
  // A text of several lines (Markdown and the like): only its length.
  void text(Field field, std::string_view text, std::size_t max, bool required,
            std::size_t row = 0) {
    if (required && text.empty())
      add(field, Code::required, 0, row);
    else if (text.size() > max)
      add(field, Code::too_long, max, row);
  }
  void whole_number(Field field, const std::optional<std::int64_t>& value) {
    if (value && (*value < 1 || *value > kMaxWholeNumber))
      add(field, Code::out_of_range, static_cast<std::size_t>(kMaxWholeNumber));
  }
  // A link given (empty is none) that is not one Rynek will show: parsed, never
  // prefix-matched, since the participant page builds its CSP from it.
  void link(Field field, const std::string& url) {
    if (url.empty()) return;
    if (auto parsed = validate_broadcast_url(url); !parsed) {
      add(field, Code::not_link);
      problems_.back().link_problem = parsed.problem;
    }
  }
  void too_many(Field section, std::size_t count, std::size_t max) {
    if (count > max) add(section, Code::too_many, max);
  }

  void basics() {
    line(Field::title, s_.title, kMaxSeminarTitle, true);
    // Without a title there is no address to derive; the title's problem says enough.
    if (!s_.title.empty() && !core::is_slug(s_.slug)) add(Field::slug, Code::not_slug);
    text(Field::lead, s_.lead, kMaxSeminarLead, false);
    text(Field::description, s_.description_md, kMaxSeminarMarkdown, false);
    line(Field::hero_alt, s_.hero_alt, kMaxSeminarLine, draft_.has_hero);
  }

  bool times_known() const { return !draft_.unread.times; }

  void time_and_place() {
    // A duration out of range leaves no real end: its problem is the one to report.
    whole_number(Field::duration_minutes, draft_.duration_minutes);
    const bool duration_ok = problems_.empty() || problems_.back().field != Field::duration_minutes;
    if (times_known() && duration_ok && s_.ends_at <= s_.starts_at)
      add(Field::ends, Code::ends_before_start);
    line(Field::venue, s_.venue, kMaxSeminarLine, s_.format != Format::online);
  }

  void broadcast() {
    // The broadcast and recording addresses: one check, here.
    link(Field::broadcast_url, s_.broadcast_url);
    link(Field::recording_url, s_.recording_url);
  }

  void registration() {
    whole_number(Field::capacity, draft_.capacity);
    whole_number(Field::confirm_within_hours, draft_.confirm_within_hours);
    // Absent times read as "from publication" and "until the start".
    if (times_known() && !draft_.unread.registration_times) {
      const auto opens = s_.registration_opens_at.value_or(s_.published_at);
      const auto closes = s_.registration_closes_at.value_or(s_.starts_at);
      if (closes <= opens)
        add(Field::registration_closes, Code::closes_before_opens);
      else if (closes > s_.ends_at)
        add(Field::registration_closes, Code::closes_after_end);
    }
    if (!s_.contact_email.empty() && !normalise_email(s_.contact_email))
      add(Field::contact_email, Code::not_email);
  }

  void privacy() {
    text(Field::privacy_text, s_.privacy_clause_md, kMaxSeminarMarkdown, true);
    line(Field::privacy_version, s_.privacy_clause_version, kMaxVersion, true);
  }

  void agenda() {
    too_many(Field::agenda, s_.agenda.size(), kMaxSeminarRows);
    for (std::size_t i = 0; i < s_.agenda.size(); ++i) {
      const auto& item = s_.agenda[i];
      line(Field::agenda_title, item.title, kMaxSeminarTitle, true, i);
      text(Field::agenda_description, item.description, kMaxSeminarText, false, i);
      if (times_known() && !draft_.unread.agenda_times.contains(i)) {
        if (item.starts_at < s_.starts_at || item.starts_at >= s_.ends_at)
          add(Field::agenda_starts, Code::outside_seminar, 0, i);
        if (item.ends_at && *item.ends_at <= item.starts_at)
          add(Field::agenda_ends, Code::ends_before_start, 0, i);
      }
      if (item.speakers.size() > kMaxSpeakers) {
        add(Field::agenda_speakers, Code::too_many, kMaxSpeakers, i);
        continue;
      }
      for (const auto& speaker : item.speakers) {
        if (!speaker_part(Field::speaker_name, speaker.name, true, i) ||
            !speaker_part(Field::speaker_affiliation, speaker.affiliation, false, i) ||
            !speaker_part(Field::speaker_city, speaker.city, false, i))
          break;  // one problem per item's speakers
      }
    }
  }
  // The form writes speakers as "name; affiliation; city" lines, so a ';' inside
  // a part could not survive a round trip there.
  bool speaker_part(Field field, const std::string& part, bool required, std::size_t row) {
    if (!line(field, part, kMaxSeminarLine, required, row)) return false;
    if (part.find(';') == std::string::npos) return true;
    add(field, Code::has_semicolon, 0, row, part);
    return false;
  }

  void fields() {
    too_many(Field::fields, s_.fields.size(), kMaxSeminarRows);
    std::set<std::string> keys;
    for (std::size_t i = 0; i < s_.fields.size(); ++i) {
      const auto& field = s_.fields[i];
      line(Field::field_label, field.label, kMaxSeminarLine, true, i);
      key(Field::field_key, field.key, !field.label.empty(), true, keys, i);
      line(Field::field_help, field.help, kMaxFieldHelp, false, i);
      options(field, i);
    }
  }
  void options(const FormField& field, std::size_t row) {
    std::set<std::string_view> seen;
    if (field.options.size() > kMaxOptions) {
      add(Field::field_options, Code::too_many, kMaxOptions, row);
      return;
    }
    for (const auto& option : field.options) {
      if (option.empty()) {
        add(Field::field_options, Code::required, 0, row);
        return;
      }
      if (option.size() > kMaxSeminarLine || has_control(option)) {
        add(Field::field_options, Code::too_long, kMaxSeminarLine, row, option);
        return;
      }
      if (!seen.insert(option).second) {
        add(Field::field_options, Code::duplicate, 0, row, option);
        return;
      }
    }
    if (draft_.unread.field_types.contains(row)) return;
    const bool choice = field.type == FieldType::select || field.type == FieldType::multiselect;
    if (choice && field.options.empty())
      add(Field::field_options, Code::options_needed, 0, row);
    else if (!choice && !field.options.empty())
      add(Field::field_options, Code::options_not_allowed, 0, row);
  }
  // A row's key: checked once the row has something in it (its text or the key).
  void key(Field field, const std::string& key, bool row_has_text, bool reserve_contact,
           std::set<std::string>& keys, std::size_t row) {
    if (key.empty() && !row_has_text) return;
    if (!valid_key(key))
      add(field, Code::not_key, kMaxKey, row);
    else if (reserve_contact && (key == "name" || key == "email"))
      add(field, Code::reserved_key, 0, row);
    else if (!keys.insert(key).second)
      add(field, Code::duplicate, 0, row, key);
  }

  void consents() {
    too_many(Field::consents, s_.consents.size(), kMaxSeminarRows);
    std::set<std::string> keys;
    for (std::size_t i = 0; i < s_.consents.size(); ++i) {
      const auto& consent = s_.consents[i];
      text(Field::consent_text, consent.text, kMaxSeminarText, true, i);
      key(Field::consent_key, consent.key, !consent.text.empty(), false, keys, i);
      line(Field::consent_version, consent.version, kMaxVersion, true, i);
    }
  }

  const SeminarDraft& draft_;
  const Seminar& s_;
  std::vector<SeminarProblem> problems_;
};

}  // namespace

std::vector<SeminarProblem> check_seminar(const SeminarDraft& draft) {
  return Rules(draft).run();
}

}  // namespace rynek::events
