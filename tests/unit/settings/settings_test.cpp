// Site settings: the checks an admin's input goes through, the stored row and
// its CHECKs, the audit diff and content-version bump of a change, and the
// version-keyed cache every page render reads.
#include "content/settings.hpp"

#include <gtest/gtest.h>

#include "../store/database_fixture.hpp"
#include "content/article.hpp"

namespace rynek::content {
namespace {

std::vector<std::string> fields_of(const SettingsCheck& check) {
  std::vector<std::string> fields;
  for (const auto& error : check.errors) fields.push_back(error.field);
  return fields;
}

SettingsCheck check(SiteSettings input, const SiteSettings& stored = {}) {
  return check_site_settings(input, stored);
}

TEST(SettingsCheck, AcceptsTheDefaultsAndNormalisesInput) {
  EXPECT_TRUE(check(SiteSettings{}).errors.empty());
  SiteSettings input;
  input.organisation_name = "  Forum Rozwoju Lokalnego \t";
  input.postal_address = "ul. Rynek 1\r\n00-001 Warszawa\r\n";
  input.contact_email = " Biuro@Forum.Example.ORG ";
  input.privacy_clause_md = "**Klauzula**\r\n\r\n- punkt\r\n";
  auto result = check_site_settings(input, SiteSettings{});
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(input.organisation_name, "Forum Rozwoju Lokalnego");
  EXPECT_EQ(input.postal_address, "ul. Rynek 1\n00-001 Warszawa");
  EXPECT_EQ(input.contact_email, "biuro@forum.example.org");
  EXPECT_EQ(input.privacy_clause_md, "**Klauzula**\n\n- punkt");
}

TEST(SettingsCheck, NameIsRequiredAndLimitedInCharactersNotBytes) {
  SiteSettings input;
  input.organisation_name = "   ";
  EXPECT_EQ(fields_of(check(input)), std::vector<std::string>{"organisation_name"});
  std::string polish;
  for (int i = 0; i < 100; ++i) polish += "ż";  // 200 bytes, 100 characters
  input.organisation_name = polish;
  EXPECT_TRUE(check(input).errors.empty());
  input.organisation_name = polish + "a";
  EXPECT_EQ(fields_of(check(input)), std::vector<std::string>{"organisation_name"});
}

TEST(SettingsCheck, RefusesControlAndInvisibleFormattingCharacters) {
  for (std::string bad : {"Rynek\x01", "Ry\nnek", "Rynek\x7f", "Rynek\xc2\x85",
                          "Rynek \xe2\x80\xae"
                          "kenyR",
                          "Rynek\xe2\x81\xa6", "Rynek\xe2\x80\xa8", "Rynek\xff"}) {
    SiteSettings input;
    input.organisation_name = bad;
    EXPECT_EQ(fields_of(check(input)), std::vector<std::string>{"organisation_name"}) << bad;
    input = SiteSettings{};
    input.organisation_full_name = bad;
    EXPECT_EQ(fields_of(check(input)), std::vector<std::string>{"organisation_full_name"}) << bad;
  }
  SiteSettings input;
  input.postal_address = "ul. Rynek 1\n00-001 Warszawa";  // lines are fine in the address
  input.privacy_clause_md = "a\tb\nc";
  EXPECT_TRUE(check(input).errors.empty());
  input.postal_address = "ul. Rynek 1\x1b[31m";
  input.privacy_clause_md = std::string("tekst\0ukryty", 12);
  EXPECT_EQ(fields_of(check(input)),
            (std::vector<std::string>{"postal_address", "privacy_clause_md"}));
}

TEST(SettingsCheck, LengthLimits) {
  SiteSettings input;
  input.organisation_full_name = std::string(kMaxOrganisationFullName + 1, 'x');
  input.postal_address = std::string(kMaxPostalAddress + 1, 'x');
  input.privacy_clause_md = std::string(kMaxPrivacyClause + 1, 'x');
  input.privacy_clause_version = std::string(kMaxClauseVersion + 1, '1');
  EXPECT_EQ(fields_of(check(input)),
            (std::vector<std::string>{"organisation_full_name", "postal_address",
                                      "privacy_clause_md", "privacy_clause_version"}));
  input = SiteSettings{};
  input.contact_email = std::string(250, 'a') + "@x.pl";
  EXPECT_EQ(fields_of(check(input)), std::vector<std::string>{"contact_email"});
}

TEST(SettingsCheck, EmailAddresses) {
  for (const char* good : {"biuro@example.org", "a.b+c@sub.example.pl", "x_y-z@ex-ample.com"}) {
    EXPECT_TRUE(valid_settings_email(good)) << good;
  }
  for (const char* bad :
       {"", "biuro", "@example.org", "biuro@", "biuro@example", "a@b@example.org",
        "biu ro@example.org", "biuro@exa mple.org", ".biuro@example.org", "biuro.@example.org",
        "bi..uro@example.org", "biuro@-example.org", "biuro@example.org.", "biuro@example.o",
        "biuro@example..org", "bi<uro>@example.org", "biuro@example.org\r\nBcc: x@y.pl",
        "żółw@example.org", "\"a\"@example.org"}) {
    EXPECT_FALSE(valid_settings_email(bad)) << bad;
    SiteSettings input;
    input.contact_email = bad;
    input.seminar_contact_email = bad;
    auto fields = fields_of(check(input));
    if (std::string(bad).empty()) {
      EXPECT_TRUE(fields.empty()) << "an empty address means none";
    } else {
      EXPECT_EQ(fields, (std::vector<std::string>{"contact_email", "seminar_contact_email"}))
          << bad;
    }
  }
}

TEST(SettingsCheck, AChangedClauseUnderAnUnchangedVersionGetsANewVersion) {
  SiteSettings stored;
  stored.privacy_clause_md = "Stara klauzula.";
  stored.privacy_clause_version = "3";
  SiteSettings input = stored;
  input.privacy_clause_md = "Nowa klauzula.";
  auto result = check_site_settings(input, stored);
  EXPECT_TRUE(result.version_bumped);
  EXPECT_EQ(input.privacy_clause_version, "4");

  input = stored;
  input.privacy_clause_md = "Nowa klauzula.";
  input.privacy_clause_version = "2026-03";
  result = check_site_settings(input, stored);
  EXPECT_FALSE(result.version_bumped) << "the admin gave a version of their own";
  EXPECT_EQ(input.privacy_clause_version, "2026-03");

  input = stored;
  input.privacy_clause_version = "";
  result = check_site_settings(input, stored);
  EXPECT_FALSE(result.version_bumped);
  EXPECT_EQ(input.privacy_clause_version, "3") << "an empty version keeps the stored one";
}

TEST(SettingsCheck, NextClauseVersion) {
  EXPECT_EQ(next_clause_version("1"), "2");
  EXPECT_EQ(next_clause_version("41"), "42");
  EXPECT_EQ(next_clause_version("2026-test"), "2026-test-2");
  EXPECT_EQ(next_clause_version("2026-03-01"), "2026-03-2");
  EXPECT_EQ(next_clause_version("rodo-2"), "rodo-3");
  EXPECT_EQ(next_clause_version("v"), "v-2");
  auto longest = next_clause_version(std::string(kMaxClauseVersion, 'v'));
  EXPECT_EQ(longest.size(), kMaxClauseVersion);
  EXPECT_TRUE(longest.ends_with("-2"));
}

class SettingsStoreTest : public store::test::DatabaseTest {
 protected:
  SiteSettings stored() {
    return db_->read([](store::Connection& db) { return site_settings(db); });
  }
  std::int64_t version() {
    return db_->read([](store::Connection& db) { return content_version(db); });
  }
  std::optional<std::string> update(const SiteSettings& settings) {
    std::optional<std::string> details;
    db_->write_and_wait([&](store::Connection& db) {
      details = update_site_settings(db, settings, core::Clock::now());
    });
    return details;
  }
};

TEST_F(SettingsStoreTest, AFreshDatabaseHasTheDefaults) {
  EXPECT_EQ(stored(), SiteSettings{});
  EXPECT_EQ(stored().organisation_name, "Rynek");
}

TEST_F(SettingsStoreTest, AChangeIsStoredDiffedAndBumpsTheContentVersion) {
  const auto before = version();
  SiteSettings settings;
  settings.organisation_name = "Forum Rozwoju Lokalnego";
  settings.contact_email = "biuro@forum.example.org";
  settings.privacy_clause_md = "Klauzula.";
  auto details = update(settings);
  ASSERT_TRUE(details);
  EXPECT_EQ(
      *details,
      R"({"organisation_name":{"from":"Rynek","to":"Forum Rozwoju Lokalnego"},)"
      R"("contact_email":{"from":"","to":"biuro@forum.example.org"},"privacy_clause_md":"changed"})");
  EXPECT_EQ(stored(), settings);
  EXPECT_EQ(version(), before + 1);
  EXPECT_FALSE(update(settings)) << "saving the same values changes nothing";
  EXPECT_EQ(version(), before + 1);
}

TEST_F(SettingsStoreTest, TheTableRefusesWhatTheFormWouldRefuse) {
  auto expect_refused = [&](const std::string& sql) {
    try {
      db_->write_and_wait([&](store::Connection& db) { db.execute(sql); });
      ADD_FAILURE() << "accepted: " << sql;
    } catch (const store::DbError& error) {
      EXPECT_EQ(error.code(), store::DbErrc::constraint) << sql;
    }
  };
  expect_refused("UPDATE site_settings SET organisation_name = '' WHERE id = 1");
  expect_refused("UPDATE site_settings SET organisation_name = printf('%.101c', 'x') WHERE id = 1");
  expect_refused("UPDATE site_settings SET privacy_clause_version = '' WHERE id = 1");
  expect_refused("UPDATE site_settings SET contact_email = printf('%.255c', 'x') WHERE id = 1");
  expect_refused("INSERT INTO site_settings (id) VALUES (2)");
  EXPECT_EQ(stored(), SiteSettings{});
}

TEST(SettingsCache, LoadsOncePerVersionAndOwner) {
  SettingsCache cache;
  int loads = 0;
  std::string name = "A";
  auto load = [&] {
    ++loads;
    SiteSettings settings;
    settings.organisation_name = name;
    return settings;
  };
  int owner1 = 0, owner2 = 0;
  EXPECT_EQ(cache.get(&owner1, 5, load)->organisation_name, "A");
  name = "B";
  EXPECT_EQ(cache.get(&owner1, 5, load)->organisation_name, "A") << "same version: from memory";
  EXPECT_EQ(loads, 1);
  EXPECT_EQ(cache.get(&owner1, 6, load)->organisation_name, "B") << "a new version reloads";
  EXPECT_EQ(loads, 2);
  name = "C";
  EXPECT_EQ(cache.get(&owner2, 6, load)->organisation_name, "C")
      << "another application's version is not ours";
  EXPECT_EQ(loads, 3);
}

}  // namespace
}  // namespace rynek::content
