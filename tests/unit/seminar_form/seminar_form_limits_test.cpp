// Review findings on the seminar form's checks: bounded boxes, versions never
// reused for another text, times kept to the stored second, the spring gap,
// multi-day agenda ends, UTF-8 keys, and speakers with ';' inside a part.
#include <gtest/gtest.h>

#include "core/clock.hpp"
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
  in.fields.push_back({"Rola", "rola", "select", "", "a\nb", true, false});
  in.consents.push_back({"Newsletter, proszę.", "newsletter", "1", false, false});
  return in;
}

std::vector<FieldError> check(const SeminarFormInput& in,
                              const std::optional<events::EditableSeminar>& existing,
                              events::Seminar& out, const UsedVersions& used = {}) {
  std::vector<VersionChange> versions;
  return validate_seminar_form("en", in, existing, core::Clock::now(), out, versions, used);
}

bool has_error(const std::vector<FieldError>& errors, const std::string& id) {
  for (const auto& e : errors)
    if (e.id == id) return true;
  return false;
}

std::string lines(int n, const std::string& stem) {
  std::string out;
  for (int i = 0; i < n; ++i) out += stem + std::to_string(i) + "\n";
  return out;
}

TEST(SeminarFormLimits, SpeakersAndOptionsAreCountedAndBoxesBounded) {
  events::Seminar out;
  auto in = valid_input();
  in.agenda[0].speakers = lines(50, "Osoba ");
  in.fields[0].options = lines(200, "opcja ");
  EXPECT_TRUE(check(in, std::nullopt, out).empty());
  in.agenda[0].speakers = lines(51, "Osoba ");
  in.fields[0].options = lines(201, "opcja ");
  auto errors = check(in, std::nullopt, out);
  EXPECT_TRUE(has_error(errors, "agenda_0_speakers"));
  EXPECT_TRUE(has_error(errors, "fields_0_options"));
  in = valid_input();
  in.agenda[0].speakers = std::string(20'001, 'x');
  in.fields[0].options = "a\n" + std::string(20'001, 'x');
  errors = check(in, std::nullopt, out);
  EXPECT_TRUE(has_error(errors, "agenda_0_speakers"));
  EXPECT_TRUE(has_error(errors, "fields_0_options"));
  in = valid_input();
  in.fields[0].options = "a\nb\na";
  EXPECT_TRUE(has_error(check(in, std::nullopt, out), "fields_0_options"));
}

TEST(SeminarFormLimits, DroppedRowsAndOverlongPreviewsAreReported) {
  auto in = valid_input();
  in.agenda_overflow = true;
  in.description = std::string(200'001, 'x');
  auto errors = check_before_preview("en", in);
  EXPECT_TRUE(has_error(errors, "agenda"));
  EXPECT_TRUE(has_error(errors, "description"));
  events::Seminar out;
  EXPECT_TRUE(has_error(check(in, std::nullopt, out), "agenda"));
  EXPECT_TRUE(check_before_preview("en", valid_input()).empty());
}

events::EditableSeminar stored() {
  events::Seminar seminar;
  auto in = valid_input();
  std::vector<VersionChange> versions;
  EXPECT_TRUE(
      validate_seminar_form("en", in, std::nullopt, core::Clock::now(), seminar, versions).empty());
  events::EditableSeminar existing;
  existing.seminar = seminar;
  return existing;
}

TEST(SeminarFormVersions, AStaleTabNeverReusesAVersionPeopleGave) {
  auto existing = stored();
  // B saved text T2 as "2"; people agreed to "1" (text T1) and "2".
  existing.seminar.consents[0].text = "T2";
  existing.seminar.consents[0].version = "2";
  existing.seminar.privacy_clause_md = "P2";
  existing.seminar.privacy_clause_version = "2";
  UsedVersions used{{{"newsletter", {"1", "2"}}}, {"1", "2"}};
  auto in = valid_input();  // A's tab: version "1", another text
  in.consents[0].text = "T3";
  in.privacy_text = "P3";
  in.privacy_version = "1";
  events::Seminar out;
  ASSERT_TRUE(check(in, existing, out, used).empty());
  EXPECT_EQ(out.consents[0].version, "3");
  EXPECT_EQ(out.privacy_clause_version, "3");
  // A consent removed and added again with a version people gave.
  existing.seminar.consents.clear();
  out = {};
  ASSERT_TRUE(check(in, existing, out, used).empty());
  EXPECT_EQ(out.consents[0].version, "3");
}

TEST(SeminarFormTimes, TheShownMinuteKeepsTheStoredTimeAndTheSpringGapIsRefused) {
  auto existing = stored();
  existing.seminar.starts_at += std::chrono::seconds(17);
  existing.seminar.agenda[0].starts_at += std::chrono::seconds(5);
  events::Seminar out;
  ASSERT_TRUE(check(valid_input(), existing, out).empty());
  EXPECT_EQ(out.starts_at, existing.seminar.starts_at);
  EXPECT_EQ(out.agenda[0].starts_at, existing.seminar.agenda[0].starts_at);

  auto in = valid_input();
  in.starts = "2026-03-29 02:30";  // does not exist in Warsaw
  in.ends = "2026-03-29 05:00";
  in.agenda.clear();
  auto errors = check(in, std::nullopt, out);
  ASSERT_TRUE(has_error(errors, "starts"));
  EXPECT_NE(errors[0].message.find("does not exist"), std::string::npos);
}

TEST(SeminarFormTimes, AnHourOnlyEndIsOnTheItemsOwnDay) {
  auto in = valid_input();
  in.starts = "2030-05-12 09:00";
  in.ends = "2030-05-13 17:00";
  in.agenda[0].starts = "2030-05-13 09:00";
  in.agenda[0].ends = "10:30";
  events::Seminar out;
  auto errors = check(in, std::nullopt, out);
  ASSERT_TRUE(errors.empty()) << errors.front().id;
  EXPECT_EQ(warsaw_local(*out.agenda[0].ends_at), "2030-05-13 10:30");
}

TEST(SeminarFormKeys, AKeyFromALongTextNeverCutsACharacter) {
  auto in = valid_input();
  in.consents[0].key = "";
  in.consents[0].text = std::string(119, 'a') + "ż i dalej";
  events::Seminar out;
  auto errors = check(in, std::nullopt, out);
  EXPECT_FALSE(has_error(errors, "consents_0_key"));
  EXPECT_EQ(out.consents[0].key, std::string(40, 'a'));
}

TEST(SeminarFormSpeakers, AStoredSemicolonIsShownAsAnErrorAndNotResplit) {
  auto existing = stored();
  existing.seminar.agenda[0].speakers = {{"Kowalski; Jan", "", ""}};
  EXPECT_TRUE(has_error(stored_speaker_errors("en", existing), "agenda_0_speakers"));
  auto in = valid_input();
  in.agenda[0].speakers = speakers_text(existing.seminar.agenda[0].speakers);
  events::Seminar out;
  EXPECT_TRUE(has_error(check(in, existing, out), "agenda_0_speakers"));
  in.agenda[0].speakers = "Jan Kowalski";  // fixed by the editor
  EXPECT_TRUE(check(in, existing, out).empty());
}

}  // namespace
}  // namespace rynek::web::admin
