// Reading the seminar form from a multipart body, and filling it from a saved
// seminar (seminars_form.hpp).
#include "web/admin/seminars_form.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "core/text.hpp"

namespace rynek::web::admin {
namespace {

std::string trimmed(std::string_view text) {
  return normalise_newlines(core::trim(text));
}

// "agenda_12_title" -> {12, "title"} for the section "agenda".
std::optional<std::pair<int, std::string>> row_input(std::string_view name,
                                                     std::string_view section) {
  if (!name.starts_with(section) || name.size() <= section.size() + 1 ||
      name[section.size()] != '_') {
    return std::nullopt;
  }
  name.remove_prefix(section.size() + 1);
  auto underscore = name.find('_');
  if (underscore == std::string_view::npos || underscore == 0 || underscore > 4)
    return std::nullopt;
  int index = 0;
  auto [end, error] = std::from_chars(name.data(), name.data() + underscore, index);
  if (error != std::errc() || end != name.data() + underscore || index < 0) return std::nullopt;
  return std::pair(index, std::string(name.substr(underscore + 1)));
}

bool blank(const AgendaRow& row) {
  return row.starts.empty() && row.ends.empty() && row.title.empty() && row.description.empty() &&
         row.speakers.empty();
}
bool blank(const FieldRow& row) {
  return row.label.empty() && row.key.empty() && row.help.empty() && row.options.empty();
}
bool blank(const ConsentRow& row) {
  return row.text.empty() && row.key.empty() && row.version.empty();
}

// Keeps the rows with something in them, in index order; counts the blank ones.
// `overflow` is set when rows beyond kMaxRows were dropped.
template <typename Row>
std::vector<Row> kept_rows(std::map<int, Row>& rows, int& blanks, bool& overflow) {
  std::vector<Row> kept;
  for (auto& [index, row] : rows) {
    if (blank(row)) {
      ++blanks;
    } else if (kept.size() < kMaxRows) {
      kept.push_back(std::move(row));
    } else {
      overflow = true;
    }
  }
  return kept;
}

}  // namespace

std::string speakers_text(const std::vector<events::Speaker>& speakers) {
  std::string out;
  for (const auto& speaker : speakers) {
    std::string line = speaker.name;
    if (!speaker.affiliation.empty() || !speaker.city.empty()) line += "; " + speaker.affiliation;
    if (!speaker.city.empty()) line += "; " + speaker.city;
    out += (out.empty() ? "" : "\n") + line;
  }
  return out;
}

SeminarFormInput read_seminar_form(const http::Multipart& form) {
  SeminarFormInput input;
  std::map<int, AgendaRow> agenda;
  std::map<int, FieldRow> fields;
  std::map<int, ConsentRow> consents;
  for (const auto& part : form.parts) {
    if (part.filename) {
      if (part.name == "hero") input.hero_bytes = part.body;
      continue;
    }
    const auto& name = part.name;
    auto value = trimmed(part.body);
    if (auto row = row_input(name, "agenda")) {
      auto& r = agenda[row->first];
      const auto& what = row->second;
      if (what == "starts")
        r.starts = value;
      else if (what == "ends")
        r.ends = value;
      else if (what == "title")
        r.title = value;
      else if (what == "description")
        r.description = value;
      else if (what == "speakers")
        r.speakers = value;
      else if (what == "remove")
        r.remove = value == "yes";
    } else if (auto row = row_input(name, "fields")) {
      auto& r = fields[row->first];
      const auto& what = row->second;
      if (what == "label")
        r.label = value;
      else if (what == "key")
        r.key = value;
      else if (what == "type")
        r.type = value;
      else if (what == "help")
        r.help = value;
      else if (what == "options")
        r.options = value;
      else if (what == "required")
        r.required = value == "yes";
      else if (what == "remove")
        r.remove = value == "yes";
    } else if (auto row = row_input(name, "consents")) {
      auto& r = consents[row->first];
      const auto& what = row->second;
      if (what == "text")
        r.text = value;
      else if (what == "key")
        r.key = value;
      else if (what == "version")
        r.version = value;
      else if (what == "required")
        r.required = value == "yes";
      else if (what == "remove")
        r.remove = value == "yes";
    } else if (name == "title")
      input.title = value;
    else if (name == "slug")
      input.slug = value;
    else if (name == "lead")
      input.lead = value;
    else if (name == "description")
      input.description = normalise_newlines(part.body);
    else if (name == "published_at")
      input.published_at = value;
    else if (name == "hero_alt")
      input.hero_alt = value;
    else if (name == "remove_hero")
      input.remove_hero = value == "yes";
    else if (name == "starts")
      input.starts = value;
    else if (name == "ends")
      input.ends = value;
    else if (name == "format")
      input.format = value;
    else if (name == "venue")
      input.venue = value;
    else if (name == "broadcast_url")
      input.broadcast_url = value;
    else if (name == "broadcast_visibility")
      input.broadcast_visibility = value;
    else if (name == "recording_url")
      input.recording_url = value;
    else if (name == "capacity")
      input.capacity = value;
    else if (name == "registration_opens")
      input.registration_opens = value;
    else if (name == "registration_closes")
      input.registration_closes = value;
    else if (name == "confirm_within_hours")
      input.confirm_within_hours = value;
    else if (name == "contact_email")
      input.contact_email = value;
    else if (name == "requires_approval")
      input.requires_approval = value == "yes";
    else if (name == "privacy_text")
      input.privacy_text = value;
    else if (name == "privacy_version")
      input.privacy_version = value;
    else if (name == "revision")
      input.revision = value;
    else if (name == "action")
      input.action = part.body;
  }
  int blanks_agenda = 0, blanks_fields = 0, blanks_consents = 0;
  input.agenda = kept_rows(agenda, blanks_agenda, input.agenda_overflow);
  input.fields = kept_rows(fields, blanks_fields, input.fields_overflow);
  input.consents = kept_rows(consents, blanks_consents, input.consents_overflow);
  input.blank_rows = std::clamp(std::max({blanks_agenda, blanks_fields, blanks_consents}), 2, 30);
  return input;
}

SeminarFormInput form_from_seminar(const events::EditableSeminar& editable) {
  const auto& s = editable.seminar;
  SeminarFormInput input;
  input.title = s.title;
  input.revision = std::to_string(editable.revision);
  input.slug = s.slug;
  input.lead = s.lead;
  input.description = s.description_md;
  input.published_at = warsaw_local(s.published_at);
  input.hero_alt = s.hero_alt;
  input.starts = warsaw_local(s.starts_at);
  input.ends = warsaw_local(s.ends_at);
  input.format = std::string(events::format_name(s.format));
  input.venue = s.venue;
  input.broadcast_url = s.broadcast_url;
  input.broadcast_visibility =
      s.broadcast_visibility == events::BroadcastVisibility::everyone ? "public" : "participants";
  input.recording_url = s.recording_url;
  if (s.capacity) input.capacity = std::to_string(*s.capacity);
  if (s.registration_opens_at) input.registration_opens = warsaw_local(*s.registration_opens_at);
  if (s.registration_closes_at) input.registration_closes = warsaw_local(*s.registration_closes_at);
  if (s.confirm_within_hours) input.confirm_within_hours = std::to_string(*s.confirm_within_hours);
  input.contact_email = s.contact_email;
  input.requires_approval = s.requires_approval;
  input.privacy_text = s.privacy_clause_md;
  input.privacy_version = s.privacy_clause_version;
  // Agenda times on the seminar's first day are shown as HH:MM.
  const auto first_day = input.starts.substr(0, 10);
  auto short_time = [&](core::TimePoint t) {
    auto local = warsaw_local(t);
    return local.substr(0, 10) == first_day ? local.substr(11) : local;
  };
  for (const auto& item : s.agenda) {
    AgendaRow row;
    row.starts = short_time(item.starts_at);
    if (item.ends_at) row.ends = short_time(*item.ends_at);
    row.title = item.title;
    row.description = item.description;
    row.speakers = speakers_text(item.speakers);
    input.agenda.push_back(std::move(row));
  }
  for (const auto& field : s.fields) {
    FieldRow row;
    row.label = field.label;
    row.key = field.key;
    row.type = std::string(events::field_type_name(field.type));
    row.help = field.help;
    row.required = field.required;
    for (const auto& option : field.options)
      row.options += (row.options.empty() ? "" : "\n") + option;
    input.fields.push_back(std::move(row));
  }
  for (const auto& consent : s.consents) {
    input.consents.push_back({consent.text, consent.key, consent.version, consent.required, false});
  }
  return input;
}

}  // namespace rynek::web::admin
