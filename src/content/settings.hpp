// Site settings: what the association edits about itself at /admin/ustawienia —
// its name (the site's name in the header, <title>, footer and e-mails), full
// name, postal address and contact address (the footer), and the defaults new
// seminars start with (the information clause and its version, the contact
// address). One row of site_settings (migrations/sqlite/0007_settings.sql).
//
// Settings are read on every page render, so they are cached in memory and
// keyed by the content version: a settings write bumps that version (like any
// other change to what the public sees), and the cache reloads when it sees a
// new one — from a write in this process at once, from another process through
// the page cache's version poller.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace rynek::content {

// Limits in characters (Unicode code points), as the table's CHECKs count them.
inline constexpr std::size_t kMaxOrganisationName = 100;
inline constexpr std::size_t kMaxOrganisationFullName = 200;
inline constexpr std::size_t kMaxPostalAddress = 500;
inline constexpr std::size_t kMaxSettingsEmail = 254;
inline constexpr std::size_t kMaxPrivacyClause = 20'000;
inline constexpr std::size_t kMaxClauseVersion = 40;

struct SiteSettings {
  std::string organisation_name = "Rynek";
  std::string organisation_full_name;  // "" when not given
  std::string postal_address;          // several lines, LF-separated
  std::string contact_email;           // "" when not given
  std::string privacy_clause_md;       // default information clause of new seminars (Markdown)
  std::string privacy_clause_version = "1";
  std::string seminar_contact_email;  // default contact address of new seminars

  bool operator==(const SiteSettings&) const = default;
};

// The stored settings (the defaults above if the row is missing).
SiteSettings site_settings(store::Connection& db);

// A field that failed its check: the form field's name and an English message
// id (translated by the caller with core::translate).
struct SettingsError {
  std::string field;
  const char* message;
};

struct SettingsCheck {
  std::vector<SettingsError> errors;  // in form order; empty when the input may be saved
  bool version_bumped = false;  // the clause changed, its version was left: a new one was given
};

// Normalises `input` in place (trims one-line fields, CRLF to LF, lower-cases
// e-mail addresses) and checks it. An empty clause version keeps the stored
// one; a changed clause under an unchanged version gets next_clause_version(),
// so that one version never names two texts.
SettingsCheck check_site_settings(SiteSettings& input, const SiteSettings& stored);

// "3" -> "4"; "2026-a" -> "2026-a-2"; "2026-a-2" -> "2026-a-3" (at most kMaxClauseVersion).
std::string next_clause_version(std::string_view version);

// The one address rule (core/email.hpp, dotted domain).
bool valid_settings_email(std::string_view address);

// The stored revision (optimistic locking, content/editing.hpp): the settings
// form carries it, and a save over a newer one is refused.
std::int64_t settings_revision(store::Connection& db);

// Writes checked settings when they differ from the stored ones, adds one to
// the revision and bumps the content version. Returns the audit details
// ({"field":{"from":..,"to":..}}, the clause as "changed"), or nullopt when nothing changed
// (nothing written).
std::optional<std::string> update_site_settings(store::Connection& db, const SiteSettings& settings,
                                                core::TimePoint now);

// The in-memory copy. get() answers from memory while `version` is the version
// the copy was loaded for, and calls `load` otherwise; `owner` names the page
// cache the version comes from, so two applications in one process (tests)
// never see each other's settings. Safe to call from any thread.
class SettingsCache {
 public:
  std::shared_ptr<const SiteSettings> get(const void* owner, std::int64_t version,
                                          const std::function<SiteSettings()>& load);

 private:
  std::mutex mutex_;
  const void* owner_ = nullptr;
  std::int64_t version_ = 0;
  std::shared_ptr<const SiteSettings> settings_;
};

}  // namespace rynek::content
