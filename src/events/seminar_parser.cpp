// Reading seminar files. This file reads the TOML (types, times, names of
// formats, files on disk: the file's syntax) into a seminar and leaves the
// rules to events::check_seminar (seminar_rules.hpp), which the back-office form
// asks too. Every problem is reported with the file and the key, in words an
// organiser can act on; the first problem in a file stops it (the others are
// usually consequences).
#include "events/seminar_parser.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "content/images.hpp"
#include "content/import.hpp"
#include "core/text.hpp"
#include "events/broadcast_url.hpp"
#include "events/form.hpp"
#include "events/import_time.hpp"
#include "events/seminar_rules.hpp"

namespace rynek::events::detail {
namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

using namespace std::chrono_literals;

// Thrown inside the parser only, caught per file.
struct Invalid {
  std::string message;
};

[[noreturn]] void invalid(std::string message) {
  throw Invalid{std::move(message)};
}

void check_keys(const toml::table& table, std::set<std::string_view> allowed,
                const std::string& where) {
  for (const auto& [key, value] : table) {
    if (!allowed.contains(key.str()))
      invalid(where + "unknown key '" + std::string(key.str()) + "'");
  }
}

std::string text(const toml::table& table, std::string_view key, const std::string& where,
                 bool required = false) {
  const auto* node = table.get(key);
  if (!node) {
    if (required) invalid(where + std::string(key) + " is required");
    return {};
  }
  auto value = node->value<std::string>();
  if (!value) invalid(where + std::string(key) + " must be a string");
  auto trimmed = std::string(core::trim(*value));
  if (required && trimmed.empty()) invalid(where + std::string(key) + " must not be empty");
  return trimmed;
}

bool flag(const toml::table& table, std::string_view key, const std::string& where) {
  const auto* node = table.get(key);
  if (!node) return false;
  auto value = node->value<bool>();
  if (!value) invalid(where + std::string(key) + " must be true or false");
  return *value;
}

// A whole number as written (its range is a rule: seminar_rules.hpp).
std::optional<std::int64_t> whole_number(const toml::table& table, std::string_view key) {
  const auto* node = table.get(key);
  if (!node) return std::nullopt;
  auto value = node->value<std::int64_t>();
  if (!value) invalid(std::string(key) + " must be a positive whole number");
  return value;
}

std::optional<int> narrowed(const std::optional<std::int64_t>& value) {
  if (!value || *value < 1 || *value > kMaxWholeNumber) return std::nullopt;
  return static_cast<int>(*value);
}

std::optional<core::TimePoint> time_key(const toml::table& table, std::string_view key) {
  const auto* node = table.get(key);
  if (!node) return std::nullopt;
  auto t = time_from_node(node);
  if (!t)
    invalid(std::string(key) +
            " must be a date and time, e.g. 2026-03-07T11:00:00+01:00 or \"2026-03-07 11:00\" "
            "(Warsaw time)");
  return t;
}

// A key's name in a seminar file, as the messages name it.
std::string key_name(SeminarField field) {
  switch (field) {
    case SeminarField::title:
    case SeminarField::agenda_title:
      return "title";
    case SeminarField::slug:
      return "slug";
    case SeminarField::lead:
      return "lead";
    case SeminarField::description:
      return "the text after the front matter";
    case SeminarField::hero_alt:
      return "hero.alt";
    case SeminarField::ends:
      return "ends";
    case SeminarField::duration_minutes:
      return "duration_minutes";
    case SeminarField::venue:
      return "venue";
    case SeminarField::broadcast_url:
      return "broadcast.url";
    case SeminarField::recording_url:
      return "recording_url";
    case SeminarField::capacity:
      return "capacity";
    case SeminarField::confirm_within_hours:
      return "confirm_within_hours";
    case SeminarField::registration_closes:
      return "registration_closes";
    case SeminarField::contact_email:
      return "contact_email";
    case SeminarField::privacy_text:
      return "privacy.text";
    case SeminarField::privacy_version:
      return "privacy.version";
    case SeminarField::agenda:
      return "agenda";
    case SeminarField::agenda_description:
    case SeminarField::field_help:
      return field == SeminarField::field_help ? "help" : "description";
    case SeminarField::agenda_starts:
      return "time";
    case SeminarField::agenda_ends:
      return "end_time";
    case SeminarField::agenda_speakers:
      return "speakers";
    case SeminarField::speaker_name:
      return "speaker name";
    case SeminarField::speaker_affiliation:
      return "speaker affiliation";
    case SeminarField::speaker_city:
      return "speaker city";
    case SeminarField::fields:
      return "fields";
    case SeminarField::field_label:
      return "label";
    case SeminarField::field_key:
    case SeminarField::consent_key:
      return "key";
    case SeminarField::field_options:
      return "options";
    case SeminarField::consents:
      return "consents";
    case SeminarField::consent_text:
      return "text";
    case SeminarField::consent_version:
      return "version";
  }
  return "?";
}

// "agenda item 2: ", "field 'role': ", "consent 'newsletter': " or nothing.
std::string row_prefix(const SeminarProblem& problem, const Seminar& seminar) {
  switch (problem.field) {
    case SeminarField::agenda_title:
    case SeminarField::agenda_description:
    case SeminarField::agenda_starts:
    case SeminarField::agenda_ends:
    case SeminarField::agenda_speakers:
    case SeminarField::speaker_name:
    case SeminarField::speaker_affiliation:
    case SeminarField::speaker_city:
      return "agenda item " + std::to_string(problem.row + 1) + ": ";
    case SeminarField::field_label:
    case SeminarField::field_key:
    case SeminarField::field_help:
    case SeminarField::field_options:
      return "field '" +
             (problem.row < seminar.fields.size() ? seminar.fields[problem.row].key : "") + "': ";
    case SeminarField::consent_text:
    case SeminarField::consent_key:
    case SeminarField::consent_version:
      return "consent '" +
             (problem.row < seminar.consents.size() ? seminar.consents[problem.row].key : "") +
             "': ";
    default:
      return "";
  }
}

class Parser {
 public:
  Parser(const content::MediaStore& media, std::filesystem::path base, core::TimePoint now,
         SeminarDraft& draft)
      : media_(media), base_(std::move(base)), now_(now), draft_(draft) {}

  PreparedSeminar parse(const toml::table& t, std::string body, const std::string& default_slug) {
    check_keys(t,
               {"title",
                "lead",
                "slug",
                "published",
                "starts",
                "starts_in_days",
                "avoid_weekend",
                "start_time",
                "duration_minutes",
                "ends",
                "end_time",
                "format",
                "venue",
                "capacity",
                "requires_approval",
                "confirm_within_hours",
                "registration_opens",
                "registration_closes",
                "contact_email",
                "broadcast",
                "recording_url",
                "privacy",
                "hero",
                "agenda",
                "materials",
                "fields",
                "consents"},
               "");
    PreparedSeminar out;
    auto& s = out.seminar;
    s.description_md = std::move(body);
    s.title = text(t, "title", "");
    s.lead = text(t, "lead", "");
    s.slug = t.contains("slug") ? text(t, "slug", "") : default_slug;
    s.published_at = time_key(t, "published").value_or(now_);
    schedule(t, s);
    place(t, s);
    registration(t, s);
    privacy(t, s);
    if (const auto* hero = t["hero"].as_table()) {
      check_keys(*hero, {"image", "alt"}, "hero: ");
      const auto image = text(*hero, "image", "hero.", true);
      auto stored = load(image);
      if (!stored.content_type.starts_with("image/")) invalid("hero.image is not an image");
      // Through the same (staged) store as the files, so a failed import writes none of them.
      auto variants = content::make_import_variants(
          media_, read_text(base_ / std::filesystem::path(image).lexically_normal()));
      if (!variants) {
        invalid("hero.image '" + image +
                "' cannot be resized: it is damaged, over 10 MB or over 40 megapixels");
      }
      out.hero_variants = std::move(*variants);
      draft_.has_hero = true;
      s.hero_alt = text(*hero, "alt", "hero.");
      s.hero_sha256 = stored.sha256;
      out.hero = stored;
    }
    agenda(t, s);
    materials(t, s);
    fields(t, s);
    consents(t, s);
    return out;
  }

 private:
  void schedule(const toml::table& t, Seminar& s) {
    if (auto starts = time_key(t, "starts")) {
      if (t.contains("starts_in_days")) invalid("give either starts or starts_in_days, not both");
      s.starts_at = *starts;
    } else if (t.contains("starts_in_days")) {
      auto days = t["starts_in_days"].value<std::int64_t>();
      if (!days || *days < -3650 || *days > 3650)
        invalid("starts_in_days must be a whole number of days");
      auto date = warsaw_date(now_ + std::chrono::days(*days));
      if (t["avoid_weekend"].value_or(false)) date = next_working_day(date);
      auto at = warsaw_time_on(date, text(t, "start_time", "", true));
      if (!at) invalid("start_time must be HH:MM, e.g. \"11:00\" (Warsaw time)");
      s.starts_at = *at;
    } else {
      invalid("starts is required (or starts_in_days with start_time)");
    }
    if (t.contains("duration_minutes")) {
      draft_.duration_minutes = whole_number(t, "duration_minutes");
      // Out of range it is the rules' problem; the end is then only a placeholder.
      s.ends_at = s.starts_at + std::chrono::minutes(narrowed(draft_.duration_minutes).value_or(0));
    } else if (auto ends = time_key(t, "ends")) {
      s.ends_at = *ends;
    } else if (t.contains("end_time")) {
      auto at = warsaw_time_on(warsaw_date(s.starts_at), text(t, "end_time", ""));
      if (!at) invalid("end_time must be HH:MM, e.g. \"15:00\" (Warsaw time)");
      s.ends_at = *at;
    } else {
      invalid("duration_minutes, ends or end_time is required");
    }
  }

  void place(const toml::table& t, Seminar& s) {
    auto format = t.contains("format") ? text(t, "format", "") : "online";
    if (format == "online") {
      s.format = Format::online;
    } else if (format == "hybrid") {
      s.format = Format::hybrid;
    } else if (format == "onsite") {
      s.format = Format::onsite;
    } else {
      invalid("format must be \"online\", \"hybrid\" or \"onsite\"");
    }
    s.venue = text(t, "venue", "");
    if (const auto* node = t.get("broadcast")) {
      const auto* broadcast = node->as_table();
      if (!broadcast) invalid("broadcast must be a table: [broadcast]");
      check_keys(*broadcast, {"url", "visibility"}, "broadcast: ");
      s.broadcast_url = text(*broadcast, "url", "broadcast.", true);
      auto visibility = broadcast->contains("visibility")
                            ? text(*broadcast, "visibility", "broadcast.")
                            : "participants";
      if (visibility == "public") {
        s.broadcast_visibility = BroadcastVisibility::everyone;
      } else if (visibility == "participants") {
        s.broadcast_visibility = BroadcastVisibility::participants;
      } else {
        invalid("broadcast.visibility must be \"public\" or \"participants\"");
      }
    }
    s.recording_url = text(t, "recording_url", "");
  }

  void registration(const toml::table& t, Seminar& s) {
    draft_.capacity = whole_number(t, "capacity");
    s.capacity = narrowed(draft_.capacity);
    s.requires_approval = flag(t, "requires_approval", "");
    draft_.confirm_within_hours = whole_number(t, "confirm_within_hours");
    s.confirm_within_hours = narrowed(draft_.confirm_within_hours);
    // Absent keys stay NULL, read as "from publication" / "until the start",
    // so moving the seminar in the back office moves its registration window.
    s.registration_opens_at = time_key(t, "registration_opens");
    s.registration_closes_at = time_key(t, "registration_closes");
    s.contact_email = text(t, "contact_email", "");
    if (auto email = normalise_email(s.contact_email)) s.contact_email = *email;
  }

  void privacy(const toml::table& t, Seminar& s) {
    const auto* privacy = t["privacy"].as_table();
    if (!privacy)
      invalid("[privacy] with version and text (the RODO art. 13 information clause) is required");
    check_keys(*privacy, {"version", "text"}, "privacy: ");
    s.privacy_clause_version = text(*privacy, "version", "privacy.");
    s.privacy_clause_md = text(*privacy, "text", "privacy.");
  }

  const toml::array* array_of_tables(const toml::table& t, std::string_view key) {
    const auto* node = t.get(key);
    if (!node) return nullptr;
    const auto* array = node->as_array();
    if (!array || !array->is_array_of_tables())
      invalid(std::string(key) + " must be written as [[" + std::string(key) + "]] tables");
    return array;
  }

  core::TimePoint agenda_time(const toml::table& item, std::string_view time_key_name,
                              std::string_view datetime_key, const Seminar& s,
                              const std::string& where) {
    if (item.contains(datetime_key)) {
      auto t = time_from_node(item.get(datetime_key));
      if (!t) invalid(where + std::string(datetime_key) + " must be a date and time");
      return *t;
    }
    auto at = warsaw_time_on(warsaw_date(s.starts_at), text(item, time_key_name, where, true));
    if (!at) invalid(where + std::string(time_key_name) + " must be HH:MM (Warsaw time)");
    return *at;
  }

  void agenda(const toml::table& t, Seminar& s) {
    const auto* items = array_of_tables(t, "agenda");
    if (!items) return;
    int n = 0;
    for (const auto& node : *items) {
      const auto& item = *node.as_table();
      const auto where = "agenda item " + std::to_string(++n) + ": ";
      check_keys(item, {"time", "start", "end_time", "end", "title", "description", "speakers"},
                 where);
      AgendaItem entry;
      entry.title = text(item, "title", where);
      entry.description = text(item, "description", where);
      entry.starts_at = agenda_time(item, "time", "start", s, where);
      if (item.contains("end_time") || item.contains("end")) {
        entry.ends_at = agenda_time(item, "end_time", "end", s, where);
      }
      if (const auto* speakers = array_of_tables(item, "speakers")) {
        for (const auto& speaker_node : *speakers) {
          const auto& speaker = *speaker_node.as_table();
          check_keys(speaker, {"name", "affiliation", "city"}, where + "speaker: ");
          Speaker person{text(speaker, "name", where + "speaker "),
                         text(speaker, "affiliation", where), text(speaker, "city", where)};
          entry.speakers.push_back(std::move(person));
        }
      }
      s.agenda.push_back(std::move(entry));
    }
  }

  void materials(const toml::table& t, Seminar& s) {
    const auto* items = array_of_tables(t, "materials");
    if (!items) return;
    int n = 0;
    for (const auto& node : *items) {
      const auto& item = *node.as_table();
      const auto where = "material " + std::to_string(++n) + ": ";
      check_keys(item, {"title", "file", "audience"}, where);
      Material material;
      material.title = text(item, "title", where, true);
      auto file = text(item, "file", where, true);
      auto audience = item.contains("audience") ? text(item, "audience", where) : "public";
      if (audience == "participants") {
        material.audience = Audience::participants;
      } else if (audience != "public") {
        invalid(where + "audience must be \"public\" or \"participants\"");
      }
      auto stored = load(file);
      material.filename = std::filesystem::path(file).filename().string();
      material.sha256 = stored.sha256;
      material.content_type = stored.content_type;
      material.size = stored.size;
      s.materials.push_back(std::move(material));
    }
  }

  void fields(const toml::table& t, Seminar& s) {
    const auto* items = array_of_tables(t, "fields");
    if (!items) return;
    for (const auto& node : *items) {
      const auto& item = *node.as_table();
      check_keys(item, {"key", "type", "label", "help", "required", "options"}, "field: ");
      FormField field;
      field.key = text(item, "key", "field ", true);
      const auto where = "field '" + field.key + "': ";
      auto type = parse_field_type(text(item, "type", where, true));
      if (!type)
        invalid(where +
                "type must be one of text, email, phone, select, multiselect, checkbox, textarea");
      field.type = *type;
      field.label = text(item, "label", where);
      field.help = text(item, "help", where);
      field.required = flag(item, "required", where);
      if (const auto* options = item.get("options")) {
        const auto* array = options->as_array();
        if (!array) invalid(where + "options must be a list of strings");
        for (const auto& option : *array) {
          auto value = option.value<std::string>();
          if (!value) invalid(where + "options must be non-empty strings");
          field.options.emplace_back(core::trim(*value));
        }
      }
      s.fields.push_back(std::move(field));
    }
  }

  void consents(const toml::table& t, Seminar& s) {
    const auto* items = array_of_tables(t, "consents");
    if (!items) return;
    for (const auto& node : *items) {
      const auto& item = *node.as_table();
      check_keys(item, {"key", "text", "version", "required"}, "consent: ");
      Consent consent;
      consent.key = text(item, "key", "consent ", true);
      const auto where = "consent '" + consent.key + "': ";
      consent.text = text(item, "text", where);
      consent.version = text(item, "version", where);
      consent.required = flag(item, "required", where);
      s.consents.push_back(std::move(consent));
    }
  }

  content::StoredMedia load(const std::string& name) {
    auto relative = std::filesystem::path(name).lexically_normal();
    if (relative.is_absolute() || name.find("..") != std::string::npos) {
      invalid("file '" + name + "' must be a path inside the seminar's folder");
    }
    auto path = base_ / relative;
    if (!std::filesystem::is_regular_file(path)) invalid("file '" + name + "' not found");
    return media_.store_file(path);
  }

  const content::MediaStore& media_;
  std::filesystem::path base_;
  core::TimePoint now_;
  SeminarDraft& draft_;
};

}  // namespace

std::optional<PreparedSeminar> parse_seminar_file(const content::MediaStore& media,
                                                  const std::filesystem::path& file,
                                                  const std::string& default_slug,
                                                  const std::string& source, core::TimePoint now,
                                                  std::vector<std::string>& errors,
                                                  std::vector<SeminarProblem>* problems) {
  try {
    auto text = read_text(file);
    if (!core::is_valid_utf8(text)) invalid("the file is not valid UTF-8");
    auto parts = content::split_front_matter(text);
    if (!parts) invalid("missing front matter between '+++' lines");
    toml::table table;
    try {
      table = toml::parse(parts->toml, file.string());
    } catch (const toml::parse_error& e) {
      invalid("front matter line " + std::to_string(e.source().begin.line) + ": " +
              std::string(e.description()));
    }
    PreparedSeminar prepared;
    SeminarDraft draft{prepared.seminar};
    prepared = Parser(media, file.parent_path(), now, draft)
                   .parse(table, std::move(parts->body), default_slug);
    auto found = check_seminar(draft);
    if (!found.empty()) {
      const auto text = import_problem_text(found.front(), prepared.seminar);
      if (problems) *problems = std::move(found);
      invalid(text);
    }
    prepared.source = source;
    return prepared;
  } catch (const Invalid& problem) {
    errors.push_back(source + ": " + problem.message);
    return std::nullopt;
  }
}

std::string import_problem_text(const SeminarProblem& problem, const Seminar& seminar) {
  using Code = SeminarProblemCode;
  const auto where = row_prefix(problem, seminar);
  const auto name = key_name(problem.field);
  const auto limit = std::to_string(problem.limit);
  switch (problem.code) {
    case Code::required:
      if (problem.field == SeminarField::venue)
        return "venue is required for a hybrid or on-site seminar";
      if (problem.field == SeminarField::field_options)
        return where + "options must be non-empty strings";
      return where + name + " is required";
    case Code::too_long:
      if (problem.field == SeminarField::field_options)
        return where + "option '" + problem.value + "' is longer than " + limit +
               " characters or not on one line";
      return where + name + " must be at most " + limit + " characters long";
    case Code::not_one_line:
      return where + name + " must be on one line";
    case Code::too_many:
      return where + "at most " + limit + " " + name + " are allowed";
    case Code::out_of_range:
      return name + " must be a positive whole number (at most " + limit + ")";
    case Code::not_slug:
      return "slug '" + seminar.slug + "' must be lowercase a-z, 0-9 and '-'";
    case Code::not_link:
      return name + ": " + broadcast_url_problem_text(problem.link_problem);
    case Code::not_email:
      return "contact_email '" + seminar.contact_email + "' is not a valid e-mail address";
    case Code::not_key:
      return where + "key must be a-z, 0-9 and '_' (at most " + limit + ")";
    case Code::reserved_key:
      return where + "name and e-mail are on every form already; choose another key";
    case Code::duplicate:
      if (problem.field == SeminarField::field_options)
        return where + "option '" + problem.value + "' is listed twice";
      return where + "the key is used twice";
    case Code::ends_before_start:
      if (problem.field == SeminarField::ends) return "the seminar ends before it starts";
      return where + "ends before it starts";
    case Code::outside_seminar:
      return where + "starts outside the seminar's time";
    case Code::closes_before_opens:
      return "registration closes before it opens";
    case Code::closes_after_end:
      return "registration_closes is after the seminar ends";
    case Code::has_semicolon:
      return where + name + " must not contain ';' ('" + problem.value + "')";
    case Code::options_needed:
      return where + "a select or multiselect needs options";
    case Code::options_not_allowed:
      return where + "only select and multiselect fields have options";
  }
  return where + name + " is not accepted";
}

}  // namespace rynek::events::detail
