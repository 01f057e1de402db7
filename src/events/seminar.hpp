// Seminars: the model and the queries that read it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace rynek::events {

enum class Format { online, hybrid, onsite };
enum class BroadcastVisibility { everyone, participants };
enum class Audience { everyone, participants };
enum class FieldType { text, email, phone, select, multiselect, checkbox, textarea };

struct Speaker {
  std::string name;
  std::string affiliation;
  std::string city;

  bool operator==(const Speaker&) const = default;
};

struct AgendaItem {
  core::TimePoint starts_at;
  std::optional<core::TimePoint> ends_at;
  std::string title;
  std::string description;
  std::vector<Speaker> speakers;

  bool operator==(const AgendaItem&) const = default;
};

struct Material {
  std::string title;
  std::string filename;
  std::string sha256;
  std::string content_type;
  std::int64_t size = 0;
  Audience audience = Audience::everyone;

  bool operator==(const Material&) const = default;
};

struct FormField {
  std::string key;  // [a-z0-9_]+, unique per seminar; not "name" or "email"
  FieldType type = FieldType::text;
  std::string label;
  std::string help;
  bool required = false;
  std::vector<std::string> options;  // select, multiselect

  bool operator==(const FormField&) const = default;
};

struct Consent {
  std::string key;
  std::string text;
  std::string version;
  bool required = false;

  bool operator==(const Consent&) const = default;
};

struct Seminar {
  std::int64_t id = 0;
  std::string slug;
  std::string title;
  std::string lead;
  std::string description_md;
  core::TimePoint starts_at;
  core::TimePoint ends_at;
  Format format = Format::online;
  std::string venue;
  std::string broadcast_url;
  BroadcastVisibility broadcast_visibility = BroadcastVisibility::participants;
  std::string recording_url;
  std::optional<int> capacity;
  std::optional<core::TimePoint> registration_opens_at;
  std::optional<core::TimePoint> registration_closes_at;  // default: the start
  bool requires_approval = false;
  std::optional<int> confirm_within_hours;
  std::string contact_email;
  std::string privacy_clause_md;
  std::string privacy_clause_version;
  std::optional<std::string> hero_sha256;
  std::string hero_alt;
  core::TimePoint published_at;
  std::vector<AgendaItem> agenda;
  std::vector<Material> materials;
  std::vector<FormField> fields;
  std::vector<Consent> consents;
};

// The rules seminar files (events/seminar_parser) and the back-office form
// (web/admin/seminars_form_check) share, so neither accepts what the other refuses:
// a form field's or consent's key is [a-z0-9_]{1,40}; a broadcast or recording
// link passes validate_broadcast_url (events/broadcast_url.hpp).
bool valid_key(std::string_view key);
bool valid_link(std::string_view url);

std::string_view format_name(Format format);  // "online" | "hybrid" | "onsite"
std::string_view field_type_name(FieldType type);
std::optional<FieldType> parse_field_type(std::string_view name);

// Public seminars only (status 'published' and published_at <= now), with
// everything attached.
std::optional<Seminar> find_seminar(store::Connection& db, const std::string& slug,
                                    core::TimePoint now);
// Any status (drafts and seminars taken down too): for the pages of people
// already registered and for organisers.
std::optional<Seminar> find_seminar_by_id(store::Connection& db, std::int64_t id);
// Public seminars ending after `now`, soonest first; past ones, latest first.
std::vector<Seminar> upcoming_seminars(store::Connection& db, core::TimePoint now, int limit);
std::vector<Seminar> past_seminars(store::Connection& db, core::TimePoint now, int limit,
                                   int offset);

}  // namespace rynek::events
