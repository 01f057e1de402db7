// events::check_seminar on drafts built directly: what it finds, in what order,
// and what it leaves alone when a reader could not read a value.
#include "events/seminar_rules.hpp"

#include <gtest/gtest.h>

#include "events_fixture.hpp"

namespace rynek::events::testing {
namespace {

using Code = SeminarProblemCode;
using Field = SeminarField;

Seminar valid() {
  Seminar s;
  s.slug = "forum";
  s.title = "Forum";
  s.starts_at = at("2026-03-07T10:00:00Z");
  s.ends_at = at("2026-03-07T14:00:00Z");
  s.published_at = at("2026-02-01T00:00:00Z");
  s.privacy_clause_md = "Klauzula";
  s.privacy_clause_version = "1";
  s.agenda.push_back(
      {at("2026-03-07T10:00:00Z"), std::nullopt, "Otwarcie", "", {{"Anna", "", ""}}});
  s.fields.push_back({"rola", FieldType::select, "Rola", "", true, {"a", "b"}});
  s.consents.push_back({"newsletter", "Newsletter", "v1", false});
  return s;
}

std::vector<SeminarProblem> check(const Seminar& s) {
  return check_seminar(SeminarDraft{s});
}

TEST(SeminarRules, AValidSeminarHasNoProblems) {
  EXPECT_TRUE(check(valid()).empty());
}

TEST(SeminarRules, ProblemsCarryTheLimitAndTheRow) {
  auto s = valid();
  s.title = std::string(kMaxSeminarTitle + 1, 'x');
  s.consents.push_back({"newsletter", "Znowu", "1", false});
  auto problems = check(s);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0], (SeminarProblem{Field::title, Code::too_long, kMaxSeminarTitle, 0, ""}));
  EXPECT_EQ(problems[1], (SeminarProblem{Field::consent_key, Code::duplicate, 0, 1, "newsletter"}));
}

TEST(SeminarRules, LimitsAreInclusive) {
  auto s = valid();
  s.title = std::string(kMaxSeminarTitle, 'x');
  s.lead = std::string(kMaxSeminarLead, 'x');
  s.venue = std::string(kMaxSeminarLine, 'x');
  s.fields[0].options.assign(kMaxOptions, "");
  for (std::size_t i = 0; i < kMaxOptions; ++i) s.fields[0].options[i] = "o" + std::to_string(i);
  s.agenda[0].speakers.assign(kMaxSpeakers, {"Anna", "", ""});
  SeminarDraft draft{s};
  draft.capacity = kMaxWholeNumber;
  draft.confirm_within_hours = 1;
  EXPECT_TRUE(check_seminar(draft).empty());
  draft.capacity = kMaxWholeNumber + 1;
  auto problems = check_seminar(draft);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, Field::capacity);
  EXPECT_EQ(problems[0].code, Code::out_of_range);
}

TEST(SeminarRules, OneProblemPerInputTheFirstThatApplies) {
  auto s = valid();
  s.title = std::string(kMaxSeminarTitle + 1, '\t');  // too long and not one line
  s.fields[0].key = "email";                          // reserved, and valid as a key
  auto problems = check(s);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].code, Code::too_long);
  EXPECT_EQ(problems[1].code, Code::reserved_key);
}

TEST(SeminarRules, ProblemsFollowTheSectionsOfTheForm) {
  auto s = valid();
  s.consents[0].text.clear();
  s.agenda[0].title.clear();
  s.contact_email = "nope";
  s.title.clear();
  auto problems = check(s);
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].field, Field::title);
  EXPECT_EQ(problems[1].field, Field::contact_email);
  EXPECT_EQ(problems[2].field, Field::agenda_title);
  EXPECT_EQ(problems[3].field, Field::consent_text);
}

TEST(SeminarRules, RulesOnValuesTheReaderCouldNotReadAreSkipped) {
  auto s = valid();
  s.ends_at = s.starts_at;                                // as if the end were unread
  s.agenda[0].starts_at = at("2026-03-07T08:00:00Z");     // before the start
  s.registration_closes_at = at("2026-03-08T08:00:00Z");  // after the end
  s.fields[0].type = FieldType::text;                     // with options
  SeminarDraft draft{s};
  EXPECT_EQ(check_seminar(draft).size(), 4u);
  draft.unread.times = true;
  draft.unread.field_types = {0};
  EXPECT_TRUE(check_seminar(draft).empty());
}

TEST(SeminarRules, AnImageNeedsADescription) {
  auto s = valid();
  SeminarDraft draft{s};
  EXPECT_TRUE(check_seminar(draft).empty());
  draft.has_hero = true;
  auto problems = check_seminar(draft);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], (SeminarProblem{Field::hero_alt, Code::required, 0, 0, ""}));
}

TEST(SeminarRules, SpeakerPartsMustNotHoldTheFormsSeparator) {
  auto s = valid();
  s.agenda[0].speakers = {{"Anna", "Urząd; Wydział", ""}};
  auto problems = check(s);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], (SeminarProblem{Field::speaker_affiliation, Code::has_semicolon, 0, 0,
                                         "Urząd; Wydział"}));
}

}  // namespace
}  // namespace rynek::events::testing
