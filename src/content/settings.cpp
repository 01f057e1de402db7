#include "content/settings.hpp"

#include <boost/json.hpp>
#include <cctype>
#include <charconv>

#include "content/article.hpp"
#include "core/change_set.hpp"
#include "core/email.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"

namespace rynek::content {
namespace {

constexpr std::string_view kSelect =
    "SELECT organisation_name, organisation_full_name, postal_address, contact_email, privacy_clause_md,"
    " privacy_clause_version, seminar_contact_email FROM site_settings WHERE id = 1";
constexpr std::string_view kUpdate =
    "UPDATE site_settings SET organisation_name = ?, organisation_full_name = ?, postal_address = ?,"
    " contact_email = ?, privacy_clause_md = ?, privacy_clause_version = ?, seminar_contact_email = ?,"
    " updated_at = ?, revision = revision + 1 WHERE id = 1";

std::size_t count_characters(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

enum class Lines { one, many };

// Control characters a person never means to type: C0 (but LF and TAB in
// multi-line text), DEL, C1, and the invisible bidirectional overrides and
// line separators that make text read differently from what is stored.
bool has_forbidden_characters(std::string_view text, Lines lines) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n' || c == '\t') {
      if (lines == Lines::one) return true;
      continue;
    }
    if (c < 0x20 || c == 0x7f) return true;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F)
      return true;
    if (c == 0xE2 && i + 2 < text.size()) {
      const auto b = static_cast<unsigned char>(text[i + 1]);
      const auto d = static_cast<unsigned char>(text[i + 2]);
      if (b == 0x80 && d >= 0xA8 && d <= 0xAE) return true;  // U+2028..U+202E
      if (b == 0x81 && d >= 0xA6 && d <= 0xA9) return true;  // U+2066..U+2069
    }
  }
  return false;
}

// Browsers send CRLF in textareas; stored text uses LF.
std::string normalise_newlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      out += text[i];
      continue;
    }
    out += '\n';
    if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
  }
  return out;
}

class Checker {
 public:
  explicit Checker(SettingsCheck& check) : check_(check) {}
  // Valid UTF-8 first: the other checks count characters.
  bool clean(const char* field, const std::string& value, Lines lines, std::size_t max,
             const char* message) {
    if (!core::is_valid_utf8(value) || has_forbidden_characters(value, lines)) {
      error(
          field,
          core::N_(
              "The text contains control characters or invisible formatting characters; remove them."));
      return false;
    }
    if (count_characters(value) > max) {
      error(field, message);
      return false;
    }
    return true;
  }
  void email(const char* field, std::string& value) {
    value = core::to_lower_ascii(core::trim(value));
    if (!value.empty() && !valid_settings_email(value)) {
      error(field, core::N_("Enter a valid e-mail address, for example biuro@example.org."));
    }
  }
  void error(const char* field, const char* message) { check_.errors.push_back({field, message}); }

 private:
  SettingsCheck& check_;
};

}  // namespace

SiteSettings site_settings(store::Connection& db) {
  SiteSettings settings;
  auto row = db.query_one(kSelect);
  if (!row) return settings;
  settings.organisation_name = row->text(0);
  settings.organisation_full_name = row->text(1);
  settings.postal_address = row->text(2);
  settings.contact_email = row->text(3);
  settings.privacy_clause_md = row->text(4);
  settings.privacy_clause_version = row->text(5);
  settings.seminar_contact_email = row->text(6);
  return settings;
}

bool valid_settings_email(std::string_view address) {
  return address.size() <= kMaxSettingsEmail && core::is_valid_email(address);
}

std::string next_clause_version(std::string_view version) {
  std::int64_t number = 0;
  auto [end, error] = std::from_chars(version.data(), version.data() + version.size(), number);
  if (!version.empty() && error == std::errc() && end == version.data() + version.size() &&
      number >= 0 && number < 1'000'000'000) {
    return std::to_string(number + 1);
  }
  // "name-N" becomes "name-(N+1)"; any other "name" becomes "name-2".
  std::string base(version);
  int suffix = 2;
  if (auto dash = version.rfind('-'); dash != std::string_view::npos && dash + 1 < version.size()) {
    int n = 0;
    auto tail = version.substr(dash + 1);
    auto [e, err] = std::from_chars(tail.data(), tail.data() + tail.size(), n);
    if (err == std::errc() && e == tail.data() + tail.size() && n > 0 && n < 1'000'000) {
      base = std::string(version.substr(0, dash));
      suffix = n + 1;
    }
  }
  const std::string tail = "-" + std::to_string(suffix);
  if (base.size() + tail.size() > kMaxClauseVersion) base.resize(kMaxClauseVersion - tail.size());
  return base + tail;
}

SettingsCheck check_site_settings(SiteSettings& in, const SiteSettings& stored) {
  SettingsCheck check;
  Checker c(check);
  in.organisation_name = std::string(core::trim(in.organisation_name));
  if (in.organisation_name.empty()) {
    c.error("organisation_name", core::N_("Enter the organisation's name."));
  } else {
    c.clean("organisation_name", in.organisation_name, Lines::one, kMaxOrganisationName,
            core::N_("The name must be at most 100 characters long, on one line."));
  }
  in.organisation_full_name = std::string(core::trim(in.organisation_full_name));
  c.clean("organisation_full_name", in.organisation_full_name, Lines::one, kMaxOrganisationFullName,
          core::N_("The full name must be at most 200 characters long, on one line."));
  in.postal_address = std::string(core::trim(normalise_newlines(in.postal_address)));
  c.clean("postal_address", in.postal_address, Lines::many, kMaxPostalAddress,
          core::N_("The address must be at most 500 characters long."));
  c.email("contact_email", in.contact_email);
  in.privacy_clause_md = std::string(core::trim(normalise_newlines(in.privacy_clause_md)));
  const bool clause_ok =
      c.clean("privacy_clause_md", in.privacy_clause_md, Lines::many, kMaxPrivacyClause,
              core::N_("The clause must be at most 20,000 characters long."));
  in.privacy_clause_version = std::string(core::trim(in.privacy_clause_version));
  if (in.privacy_clause_version.empty()) in.privacy_clause_version = stored.privacy_clause_version;
  const bool version_ok =
      c.clean("privacy_clause_version", in.privacy_clause_version, Lines::one, kMaxClauseVersion,
              core::N_("The version must be at most 40 characters long, on one line."));
  if (clause_ok && version_ok && in.privacy_clause_md != stored.privacy_clause_md &&
      in.privacy_clause_version == stored.privacy_clause_version) {
    in.privacy_clause_version = next_clause_version(in.privacy_clause_version);
    check.version_bumped = true;
  }
  c.email("seminar_contact_email", in.seminar_contact_email);
  return check;
}

std::int64_t settings_revision(store::Connection& db) {
  auto row = db.query_one("SELECT revision FROM site_settings WHERE id = 1");
  return row ? row->integer(0) : 1;
}

std::optional<std::string> update_site_settings(store::Connection& db, const SiteSettings& settings,
                                                core::TimePoint now) {
  const auto before = site_settings(db);
  core::ChangeSet changes;
  auto compare = [&](const char* field, const std::string& from, const std::string& to) {
    changes.compare(field, from, to);
  };
  compare("organisation_name", before.organisation_name, settings.organisation_name);
  compare("organisation_full_name", before.organisation_full_name, settings.organisation_full_name);
  compare("postal_address", before.postal_address, settings.postal_address);
  compare("contact_email", before.contact_email, settings.contact_email);
  changes.mark("privacy_clause_md", before.privacy_clause_md != settings.privacy_clause_md);
  compare("privacy_clause_version", before.privacy_clause_version, settings.privacy_clause_version);
  compare("seminar_contact_email", before.seminar_contact_email, settings.seminar_contact_email);
  if (changes.empty()) return std::nullopt;
  db.execute(kUpdate,
             {settings.organisation_name, settings.organisation_full_name, settings.postal_address,
              settings.contact_email, settings.privacy_clause_md, settings.privacy_clause_version,
              settings.seminar_contact_email, core::format_iso8601(now)});
  if (db.changes() != 1) {
    // The row is made by the migration; without it the settings could never be read back.
    throw store::DbError(store::DbErrc::constraint, "site_settings has no row 1");
  }
  bump_content_version(db);
  return changes.json();
}

std::shared_ptr<const SiteSettings> SettingsCache::get(const void* owner, std::int64_t version,
                                                       const std::function<SiteSettings()>& load) {
  std::lock_guard lock(mutex_);
  // The loaded copy is at least as new as `version`: the version came from a
  // committed write before the load began, so it never labels older settings.
  if (!settings_ || owner_ != owner || version_ != version) {
    settings_ = std::make_shared<const SiteSettings>(load());
    owner_ = owner;
    version_ = version;
  }
  return settings_;
}

}  // namespace rynek::content
