// Validation of seminar files. Every problem is reported with the file and the
// key, in words an organiser can act on; the first problem in a file stops its
// parsing (the others are usually consequences).
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

std::optional<int> positive(const toml::table& table, std::string_view key) {
  const auto* node = table.get(key);
  if (!node) return std::nullopt;
  auto value = node->value<std::int64_t>();
  if (!value || *value <= 0 || *value > 1'000'000)
    invalid(std::string(key) + " must be a positive whole number");
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

// [a-z0-9]+(-[a-z0-9]+)*, at most 120 characters. (No std::regex: GCC 12 warns
// about its internals under the sanitizers.)
// Broadcast and recording links: https only (plain http on loopback, for tests).
class Parser {
 public:
  Parser(const content::MediaStore& media, std::filesystem::path base, core::TimePoint now)
      : media_(media), base_(std::move(base)), now_(now) {}

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
    s.title = text(t, "title", "", true);
    s.lead = text(t, "lead", "");
    s.slug = t.contains("slug") ? text(t, "slug", "", true) : default_slug;
    if (!core::is_slug(s.slug)) {
      invalid("slug '" + s.slug + "' must be lowercase a-z, 0-9 and '-'");
    }
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
      s.hero_alt = text(*hero, "alt", "hero.", true);
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
    if (auto minutes = positive(t, "duration_minutes")) {
      s.ends_at = s.starts_at + std::chrono::minutes(*minutes);
    } else if (auto ends = time_key(t, "ends")) {
      s.ends_at = *ends;
    } else if (t.contains("end_time")) {
      auto at = warsaw_time_on(warsaw_date(s.starts_at), text(t, "end_time", ""));
      if (!at) invalid("end_time must be HH:MM, e.g. \"15:00\" (Warsaw time)");
      s.ends_at = *at;
    } else {
      invalid("duration_minutes, ends or end_time is required");
    }
    if (s.ends_at <= s.starts_at) invalid("the seminar ends before it starts");
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
    if (s.format != Format::online && s.venue.empty())
      invalid("venue is required for a hybrid or on-site seminar");
    if (const auto* node = t.get("broadcast")) {
      const auto* broadcast = node->as_table();
      if (!broadcast) invalid("broadcast must be a table: [broadcast]");
      check_keys(*broadcast, {"url", "visibility"}, "broadcast: ");
      s.broadcast_url = text(*broadcast, "url", "broadcast.", true);
      if (auto url = validate_broadcast_url(s.broadcast_url); !url)
        invalid(std::string("broadcast.url: ") + broadcast_url_problem_text(url.problem));
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
    if (auto url = validate_broadcast_url(s.recording_url); !s.recording_url.empty() && !url)
      invalid(std::string("recording_url: ") + broadcast_url_problem_text(url.problem));
  }

  void registration(const toml::table& t, Seminar& s) {
    s.capacity = positive(t, "capacity");
    s.requires_approval = flag(t, "requires_approval", "");
    s.confirm_within_hours = positive(t, "confirm_within_hours");
    // Absent keys stay NULL, read as "from publication" / "until the start",
    // so moving the seminar in the back office moves its registration window.
    s.registration_opens_at = time_key(t, "registration_opens");
    s.registration_closes_at = time_key(t, "registration_closes");
    const auto opens = s.registration_opens_at.value_or(s.published_at);
    const auto closes = s.registration_closes_at.value_or(s.starts_at);
    if (closes <= opens) invalid("registration closes before it opens");
    if (closes > s.ends_at) invalid("registration_closes is after the seminar ends");
    s.contact_email = text(t, "contact_email", "");
    if (!s.contact_email.empty()) {
      auto email = normalise_email(s.contact_email);
      if (!email) invalid("contact_email '" + s.contact_email + "' is not a valid e-mail address");
      s.contact_email = *email;
    }
  }

  void privacy(const toml::table& t, Seminar& s) {
    const auto* privacy = t["privacy"].as_table();
    if (!privacy)
      invalid("[privacy] with version and text (the RODO art. 13 information clause) is required");
    check_keys(*privacy, {"version", "text"}, "privacy: ");
    s.privacy_clause_version = text(*privacy, "version", "privacy.", true);
    s.privacy_clause_md = text(*privacy, "text", "privacy.", true);
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
      entry.title = text(item, "title", where, true);
      entry.description = text(item, "description", where);
      entry.starts_at = agenda_time(item, "time", "start", s, where);
      if (item.contains("end_time") || item.contains("end")) {
        entry.ends_at = agenda_time(item, "end_time", "end", s, where);
        if (*entry.ends_at <= entry.starts_at) invalid(where + "ends before it starts");
      }
      if (entry.starts_at < s.starts_at || entry.starts_at >= s.ends_at) {
        invalid(where + "starts outside the seminar's time");
      }
      if (const auto* speakers = array_of_tables(item, "speakers")) {
        for (const auto& speaker_node : *speakers) {
          const auto& speaker = *speaker_node.as_table();
          check_keys(speaker, {"name", "affiliation", "city"}, where + "speaker: ");
          // The back office edits speakers as "Name; institution; city" lines,
          // so a ';' inside a value could not survive a round trip there.
          Speaker person{text(speaker, "name", where + "speaker ", true),
                         text(speaker, "affiliation", where), text(speaker, "city", where)};
          auto no_semicolon = [&](const char* key, const std::string& value) {
            if (value.find(';') != std::string::npos)
              invalid(where + "speaker " + key + " must not contain ';' ('" + value + "')");
          };
          no_semicolon("name", person.name);
          no_semicolon("affiliation", person.affiliation);
          no_semicolon("city", person.city);
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
    std::set<std::string> keys;
    for (const auto& node : *items) {
      const auto& item = *node.as_table();
      check_keys(item, {"key", "type", "label", "help", "required", "options"}, "field: ");
      FormField field;
      field.key = text(item, "key", "field ", true);
      const auto where = "field '" + field.key + "': ";
      if (!valid_key(field.key)) invalid(where + "key must be a-z, 0-9 and '_' (at most 40)");
      if (field.key == "name" || field.key == "email")
        invalid(where + "name and e-mail are on every form already; choose another key");
      if (!keys.insert(field.key).second) invalid(where + "the key is used twice");
      auto type = parse_field_type(text(item, "type", where, true));
      if (!type)
        invalid(where +
                "type must be one of text, email, phone, select, multiselect, checkbox, textarea");
      field.type = *type;
      field.label = text(item, "label", where, true);
      field.help = text(item, "help", where);
      field.required = flag(item, "required", where);
      if (const auto* options = item.get("options")) {
        const auto* array = options->as_array();
        if (!array) invalid(where + "options must be a list of strings");
        for (const auto& option : *array) {
          auto value = option.value<std::string>();
          if (!value || core::trim(*value).empty())
            invalid(where + "options must be non-empty strings");
          std::string trimmed(core::trim(*value));
          if (std::find(field.options.begin(), field.options.end(), trimmed) !=
              field.options.end()) {
            invalid(where + "option '" + trimmed + "' is listed twice");
          }
          field.options.push_back(trimmed);
        }
      }
      const bool choice = field.type == FieldType::select || field.type == FieldType::multiselect;
      if (choice && field.options.empty()) invalid(where + "a select or multiselect needs options");
      if (!choice && !field.options.empty())
        invalid(where + "only select and multiselect fields have options");
      s.fields.push_back(std::move(field));
    }
  }

  void consents(const toml::table& t, Seminar& s) {
    const auto* items = array_of_tables(t, "consents");
    if (!items) return;
    std::set<std::string> keys;
    for (const auto& node : *items) {
      const auto& item = *node.as_table();
      check_keys(item, {"key", "text", "version", "required"}, "consent: ");
      Consent consent;
      consent.key = text(item, "key", "consent ", true);
      const auto where = "consent '" + consent.key + "': ";
      if (!valid_key(consent.key)) invalid(where + "key must be a-z, 0-9 and '_' (at most 40)");
      if (!keys.insert(consent.key).second) invalid(where + "the key is used twice");
      consent.text = text(item, "text", where, true);
      consent.version = text(item, "version", where, true);
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
};

}  // namespace

std::optional<PreparedSeminar> parse_seminar_file(const content::MediaStore& media,
                                                  const std::filesystem::path& file,
                                                  const std::string& default_slug,
                                                  const std::string& source, core::TimePoint now,
                                                  std::vector<std::string>& errors) {
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
    auto prepared =
        Parser(media, file.parent_path(), now).parse(table, std::move(parts->body), default_slug);
    prepared.source = source;
    return prepared;
  } catch (const Invalid& problem) {
    errors.push_back(source + ": " + problem.message);
    return std::nullopt;
  }
}

}  // namespace rynek::events::detail
