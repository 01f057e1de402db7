// The seminar form's pure rules: versions given to changed texts, keys made
// from labels, and the checks shared with the import (web/admin/seminars_form.hpp).
#include <gtest/gtest.h>

#include "web/admin/seminars_form.hpp"

namespace rynek::web::admin {
namespace {

SeminarFormInput valid_input() {
  SeminarFormInput in;
  in.title = "Forum miast";
  in.starts = "2030-03-07 11:00";
  in.ends = "2030-03-07 15:00";
  in.privacy_text = "Klauzula.";
  in.agenda.push_back({"11:30", "12:00", "Powitanie", "", "Anna; Urząd; Łomża", false});
  in.fields.push_back({"Instytucja", "", "text", "", "", true, false});
  in.consents.push_back({"Newsletter, proszę.", "newsletter", "1", false, false});
  return in;
}

bool has_error(const std::vector<FieldError>& errors, const std::string& id) {
  for (const auto& e : errors)
    if (e.id == id) return true;
  return false;
}

TEST(NextVersion, IntegersCountUpAndOtherVersionsBecomeTodaysDate) {
  EXPECT_EQ(next_version("1", "2026-05-05"), "2");
  EXPECT_EQ(next_version("41", "2026-05-05"), "42");
  EXPECT_EQ(next_version("2026-01", "2026-05-05"), "2026-05-05");
  EXPECT_EQ(next_version("2026-05-05", "2026-05-05"), "2026-05-05-2");
  EXPECT_EQ(next_version("2026-05-05-2", "2026-05-05"), "2026-05-05-3");
}

TEST(KeyFromLabel, LowercaseAsciiWithUnderscores) {
  EXPECT_EQ(key_from_label("Instytucja lub organizacja"), "instytucja_lub_organizacja");
  EXPECT_EQ(key_from_label("Źródło informacji?"), "zrodlo_informacji");
  EXPECT_LE(key_from_label(std::string(100, 'a')).size(), 40u);
}

TEST(ValidateSeminarForm, AValidFormFillsTheSeminar) {
  events::Seminar out;
  std::vector<VersionChange> versions;
  auto errors =
      validate_seminar_form("en", valid_input(), std::nullopt, core::Clock::now(), out, versions);
  ASSERT_TRUE(errors.empty()) << errors.front().id << ": " << errors.front().message;
  EXPECT_EQ(out.slug, "forum-miast");
  ASSERT_EQ(out.fields.size(), 1u);
  EXPECT_EQ(out.fields[0].key, "instytucja");
  ASSERT_EQ(out.agenda.size(), 1u);
  EXPECT_EQ(out.agenda[0].speakers.at(0).city, "Łomża");
  EXPECT_EQ(out.privacy_clause_version, "1");
}

TEST(ValidateSeminarForm, RefusesWhatTheImportRefuses) {
  struct Case {
    void (*change)(SeminarFormInput&);
    const char* id;
  };
  const Case cases[] = {
      {[](SeminarFormInput& in) { in.ends = "2030-03-07 10:00"; }, "ends"},
      {[](SeminarFormInput& in) { in.starts = "garbage"; }, "starts"},
      {[](SeminarFormInput& in) { in.broadcast_url = "javascript:alert(1)"; }, "broadcast_url"},
      {[](SeminarFormInput& in) { in.recording_url = "http://example.org/x"; }, "recording_url"},
      {[](SeminarFormInput& in) { in.format = "onsite"; }, "venue"},
      {[](SeminarFormInput& in) { in.capacity = "0"; }, "capacity"},
      {[](SeminarFormInput& in) { in.capacity = "12abc"; }, "capacity"},
      {[](SeminarFormInput& in) { in.privacy_text.clear(); }, "privacy_text"},
      {[](SeminarFormInput& in) { in.agenda[0].starts = "16:00"; }, "agenda_0_starts"},
      {[](SeminarFormInput& in) {
         in.fields.push_back({"Inna", "instytucja", "text", "", "", false, false});
       },
       "fields_1_key"},
      {[](SeminarFormInput& in) { in.fields[0].key = "email"; }, "fields_0_key"},
      {[](SeminarFormInput& in) { in.fields[0].type = "select"; }, "fields_0_options"},
      {[](SeminarFormInput& in) { in.fields[0].options = "a\nb"; }, "fields_0_options"},
      {[](SeminarFormInput& in) {
         in.consents.push_back({"Inna", "newsletter", "1", false, false});
       },
       "consents_1_key"},
      {[](SeminarFormInput& in) { in.contact_email = "nie adres"; }, "contact_email"},
      {[](SeminarFormInput& in) { in.registration_closes = "2030-03-08 10:00"; },
       "registration_closes"},
  };
  for (const auto& c : cases) {
    auto in = valid_input();
    c.change(in);
    events::Seminar out;
    std::vector<VersionChange> versions;
    auto errors = validate_seminar_form("en", in, std::nullopt, core::Clock::now(), out, versions);
    EXPECT_TRUE(has_error(errors, c.id)) << c.id;
  }
}

TEST(ValidateSeminarForm, AChangedTextWithTheSameVersionGetsANewOne) {
  events::EditableSeminar existing;
  existing.seminar.privacy_clause_md = "Klauzula.";
  existing.seminar.privacy_clause_version = "1";
  existing.seminar.consents.push_back({"newsletter", "Newsletter, proszę.", "1", false});
  auto in = valid_input();
  in.consents[0].text = "Newsletter, inny tekst.";
  events::Seminar out;
  std::vector<VersionChange> versions;
  auto errors = validate_seminar_form("en", in, existing, core::Clock::now(), out, versions);
  ASSERT_TRUE(errors.empty());
  EXPECT_EQ(out.consents.at(0).version, "2");
  EXPECT_EQ(out.privacy_clause_version, "1");  // unchanged text keeps its version
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0].what, "newsletter");
}

}  // namespace
}  // namespace rynek::web::admin

namespace rynek::web::admin {
namespace {

// Warsaw wall times typed into the back-office forms (articles and seminars).
TEST(WarsawLocal, ReadsTypedTimesAndRefusesTheOnesThatDoNotExist) {
  auto winter = parse_warsaw_local("2026-03-07 11:00");
  ASSERT_TRUE(winter);
  EXPECT_EQ(core::format_iso8601(*winter), "2026-03-07T10:00:00Z");
  auto summer = parse_warsaw_local("2026-07-01T09:30");  // datetime-local inputs send a 'T'
  ASSERT_TRUE(summer);
  EXPECT_EQ(core::format_iso8601(*summer), "2026-07-01T07:30:00Z");
  EXPECT_EQ(warsaw_local(*summer), "2026-07-01 09:30");
  // The hour skipped on 29 March 2026 (02:00 -> 03:00) does not exist.
  EXPECT_FALSE(parse_warsaw_local("2026-03-29 02:30"));
  EXPECT_TRUE(parse_warsaw_local("2026-03-29 03:30"));
  EXPECT_FALSE(parse_warsaw_local("2026-02-30 10:00"));
  EXPECT_FALSE(parse_warsaw_local("2026-03-07 11:00:00"));
  EXPECT_FALSE(parse_warsaw_local("2026-03-07 11:00+01:00"));
  EXPECT_FALSE(parse_warsaw_local(""));
}

}  // namespace
}  // namespace rynek::web::admin
