#include "events/seminar_import.hpp"

#include <fstream>
#include <thread>

#include "events/import_time.hpp"
#include "events_fixture.hpp"

namespace rynek::events::testing {
namespace {

using namespace std::chrono_literals;

const auto kImportDay = at("2026-03-02T08:00:00Z");  // 9:00 in Warsaw

constexpr const char* kValid = R"(+++
title = "Seminarium"
lead = "Krótko"
starts = "2026-03-07 11:00"
end_time = "15:00"
format = "hybrid"
venue = "Ratusz, Chełm"
capacity = 50
confirm_within_hours = 48
[broadcast]
url = "https://www.youtube.com/watch?v=abc"
visibility = "public"
[privacy]
version = "2026-01"
text = "Administratorem danych jest..."
[[agenda]]
time = "11:00"
end_time = "11:30"
title = "Otwarcie"
  [[agenda.speakers]]
  name = "Jan Kowalski"
  city = "Chełm"
[[materials]]
title = "Program"
file = "program.pdf"
audience = "participants"
[[fields]]
key = "role"
type = "select"
label = "Rola"
required = true
options = ["Urząd", "Inne"]
[[consents]]
key = "newsletter"
text = "Newsletter"
version = "v1"
+++
Opis **seminarium**.
)";

class SeminarImportTest : public EventsTest {
 protected:
  void put(const std::string& relative, const std::string& text) {
    auto path = root_ / "content" / "seminars" / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }
  std::vector<std::string> run(const fs::path& dir, int* created = nullptr,
                               int* updated = nullptr) {
    content::MediaStore media(root_ / "data");
    std::vector<std::string> errors;
    auto prepared = prepare_seminars(media, dir, kImportDay, errors);
    if (!errors.empty()) return errors;
    int c = 0, u = 0;
    write([&](store::Connection& conn) { write_seminars(conn, prepared, c, u); });
    if (created) *created = c;
    if (updated) *updated = u;
    return errors;
  }
  std::vector<std::string> run() { return run(root_ / "content"); }
  std::string error_for(const std::string& front_matter) {
    fs::remove_all(root_ / "content");
    put("bad.md", "+++\n" + front_matter + "\n+++\nbody\n");
    auto errors = run();
    return errors.empty() ? "" : errors.front();
  }
};

TEST_F(SeminarImportTest, ImportsAFolderWithEverythingAttached) {
  put("seminarium/index.md", kValid);
  put("seminarium/program.pdf",
      "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  int created = 0, updated = 0;
  auto errors = run(root_ / "content", &created, &updated);
  ASSERT_TRUE(errors.empty()) << errors.front();
  EXPECT_EQ(created, 1);
  auto s = *db_->read([](store::Connection& c) {
    return find_seminar(c, "seminarium", at("2026-03-03T00:00:00Z"));
  });
  EXPECT_EQ(s.title, "Seminarium");
  EXPECT_EQ(core::format_iso8601(s.starts_at), "2026-03-07T10:00:00Z");
  EXPECT_EQ(core::format_iso8601(s.ends_at), "2026-03-07T14:00:00Z");
  EXPECT_EQ(s.published_at, kImportDay);
  // Not given in the file: stored as NULL, read as publication / start.
  EXPECT_FALSE(s.registration_opens_at);
  EXPECT_FALSE(s.registration_closes_at);
  EXPECT_EQ(db_->read([](store::Connection& c) {
    return c
        .query_one(
            "SELECT count(*) FROM seminars WHERE registration_opens_at IS NULL"
            " AND registration_closes_at IS NULL")
        ->integer(0);
  }),
            1);
  EXPECT_EQ(s.format, Format::hybrid);
  EXPECT_EQ(s.capacity, 50);
  EXPECT_EQ(s.confirm_within_hours, 48);
  EXPECT_EQ(s.broadcast_visibility, BroadcastVisibility::everyone);
  EXPECT_EQ(s.description_md, "Opis **seminarium**.\n");
  ASSERT_EQ(s.agenda.size(), 1u);
  EXPECT_EQ(core::format_iso8601(*s.agenda[0].ends_at), "2026-03-07T10:30:00Z");
  ASSERT_EQ(s.agenda[0].speakers.size(), 1u);
  EXPECT_EQ(s.agenda[0].speakers[0].city, "Chełm");
  ASSERT_EQ(s.materials.size(), 1u);
  EXPECT_EQ(s.materials[0].content_type, "application/pdf");
  EXPECT_EQ(s.materials[0].audience, Audience::participants);
  EXPECT_GT(s.materials[0].size, 0);
  ASSERT_EQ(s.fields.size(), 1u);
  EXPECT_EQ(s.fields[0].options, (std::vector<std::string>{"Urząd", "Inne"}));
  ASSERT_EQ(s.consents.size(), 1u);
  EXPECT_EQ(s.consents[0].version, "v1");

  errors = run(root_ / "content", &created, &updated);
  ASSERT_TRUE(errors.empty());
  EXPECT_EQ(created, 0);
  EXPECT_EQ(updated, 1);
  auto again = *db_->read([](store::Connection& c) {
    return find_seminar(c, "seminarium", at("2026-03-03T00:00:00Z"));
  });
  EXPECT_EQ(again.id, s.id);
  EXPECT_EQ(again.agenda.size(), 1u);
  EXPECT_EQ(again.materials.size(), 1u);
}

// Re-importing the same files is not an edit: an editor with the seminar open in
// the back office must not be told that someone saved it meanwhile.
TEST_F(SeminarImportTest, ReimportingTheSameFilesKeepsRevisionAndUpdatedAt) {
  put("seminarium/index.md", kValid);
  put("seminarium/program.pdf",
      "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  ASSERT_TRUE(run().empty());
  auto stamp = [&] {
    return db_->read([](store::Connection& c) {
      auto row = c.query_one("SELECT revision, updated_at FROM seminars WHERE slug = 'seminarium'");
      return std::make_pair(row->integer(0), row->text(1));
    });
  };
  const auto first = stamp();
  EXPECT_EQ(first.first, 1);
  std::this_thread::sleep_for(1100ms);  // updated_at has whole seconds: a rewrite would show
  ASSERT_TRUE(run().empty());
  EXPECT_EQ(stamp(), first);
  // A change anywhere — here only a speaker's city — is a new revision.
  std::string changed = kValid;
  changed.replace(changed.find("city = \"Chełm\""), std::string("city = \"Chełm\"").size(),
                  "city = \"Lublin\"");
  put("seminarium/index.md", changed);
  ASSERT_TRUE(run().empty());
  EXPECT_EQ(stamp().first, 2);
  EXPECT_NE(stamp().second, first.second);
}

TEST_F(SeminarImportTest, RelativeStartIsCountedInWarsawDays) {
  put("demo.md",
      "+++\ntitle = \"Demo\"\nstarts_in_days = 5\nstart_time = \"11:00\"\nduration_minutes = 240\n"
      "[privacy]\nversion = \"1\"\ntext = \"Klauzula\"\n+++\n");
  ASSERT_TRUE(run().empty());
  auto s = *db_->read(
      [](store::Connection& c) { return find_seminar(c, "demo", at("2026-03-03T00:00:00Z")); });
  EXPECT_EQ(core::format_iso8601(s.starts_at), "2026-03-07T10:00:00Z");
  EXPECT_EQ(core::format_iso8601(s.ends_at), "2026-03-07T14:00:00Z");
  EXPECT_EQ(s.format, Format::online);
  EXPECT_EQ(s.broadcast_visibility, BroadcastVisibility::participants);
}

TEST_F(SeminarImportTest, ARelativeStartCanSkipTheWeekend) {
  // Five days after the fixture's clock is Saturday 7 March 2026: the seminar moves to Monday.
  put("demo.md",
      "+++\ntitle = \"Demo\"\nstarts_in_days = 5\navoid_weekend = true\nstart_time = \"11:00\"\n"
      "duration_minutes = 240\n[privacy]\nversion = \"1\"\ntext = \"Klauzula\"\n+++\n");
  ASSERT_TRUE(run().empty());
  auto s = *db_->read(
      [](store::Connection& c) { return find_seminar(c, "demo", at("2026-03-03T00:00:00Z")); });
  EXPECT_EQ(core::format_iso8601(s.starts_at), "2026-03-09T10:00:00Z");
}

TEST(ImportTime, NextWorkingDayMovesOnlyWeekends) {
  EXPECT_EQ(detail::next_working_day("2026-12-04"), "2026-12-04");  // Friday
  EXPECT_EQ(detail::next_working_day("2026-12-05"), "2026-12-07");  // Saturday
  EXPECT_EQ(detail::next_working_day("2026-12-06"), "2026-12-07");  // Sunday
  EXPECT_EQ(detail::next_working_day("2026-12-31"), "2026-12-31");  // Thursday
  EXPECT_EQ(detail::next_working_day("2027-01-02"), "2027-01-04");  // Saturday across a year
}

TEST_F(SeminarImportTest, TheDemoSeminarImports) {
  auto errors = run(fs::path(RYNEK_SOURCE_DIR) / "demo");
  ASSERT_TRUE(errors.empty()) << errors.front();
  auto s = *db_->read([](store::Connection& c) {
    return find_seminar(c, "forum-rozwoju-lokalnego", at("2026-03-03T00:00:00Z"));
  });
  EXPECT_EQ(s.capacity, 300);
  EXPECT_GE(s.agenda.size(), 10u);
  EXPECT_EQ(s.privacy_clause_version, "2026-01");
  EXPECT_EQ(s.consents.size(), 3u);
  EXPECT_EQ(s.materials.size(), 1u);
  EXPECT_FALSE(s.contact_email.empty());
  // The demo's relative date never falls on a weekend.
  const auto day = std::chrono::floor<std::chrono::days>(s.starts_at + std::chrono::hours(2));
  const std::chrono::weekday weekday{day};
  EXPECT_NE(weekday, std::chrono::Saturday);
  EXPECT_NE(weekday, std::chrono::Sunday);
}

TEST_F(SeminarImportTest, ReportsEachProblemWithTheFileName) {
  const std::string base = "title = \"T\"\nstarts = \"2026-03-07 11:00\"\nduration_minutes = 60\n";
  const std::string privacy = "\n[privacy]\nversion = \"1\"\ntext = \"K\"\n";
  struct Case {
    std::string front_matter;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"starts = \"2026-03-07 11:00\"\nduration_minutes = 60" + privacy,
       "seminars/bad.md: title is required"},
      {base,
       "seminars/bad.md: [privacy] with version and text (the RODO art. 13 information clause) is "
       "required"},
      {"title = \"T\"\nduration_minutes = 60" + privacy,
       "seminars/bad.md: starts is required (or starts_in_days with start_time)"},
      {"title = \"T\"\nstarts = \"7 marca\"\nduration_minutes = 60" + privacy,
       "starts must be a date and time"},
      {"title = \"T\"\nstarts = \"2026-03-07 11:00\"\nends = \"2026-03-07 10:00\"" + privacy,
       "the seminar ends before it starts"},
      {"title = \"T\"\nstarts = \"2026-03-07 11:00\"" + privacy,
       "duration_minutes, ends or end_time is required"},
      {base + "format = \"onsite\"" + privacy, "venue is required"},
      {base + "format = \"stream\"" + privacy, "format must be"},
      {base + "strats = 1" + privacy, "unknown key 'strats'"},
      {base + "capacity = 0" + privacy, "capacity must be a positive whole number"},
      {base + "contact_email = \"nope\"" + privacy,
       "contact_email 'nope' is not a valid e-mail address"},
      {base + "[broadcast]\nurl = \"http://example.org/live\"" + privacy,
       "broadcast.url: The address must start with https:// (plain http:// is allowed only"},
      {base + "slug = \"Zła Nazwa\"" + privacy, "slug 'Zła Nazwa'"},
      {base + privacy + "[[fields]]\nkey = \"x\"\ntype = \"date\"\nlabel = \"X\"",
       "field 'x': type must be one of"},
      {base + privacy +
           "[[fields]]\nkey = \"x\"\ntype = \"text\"\nlabel = \"X\"\n[[fields]]\nkey = \"x\"\ntype "
           "= \"text\"\nlabel = \"Y\"",
       "field 'x': the key is used twice"},
      {base + privacy + "[[fields]]\nkey = \"x\"\ntype = \"select\"\nlabel = \"X\"",
       "field 'x': a select or multiselect needs options"},
      {base + privacy + "[[fields]]\nkey = \"email\"\ntype = \"text\"\nlabel = \"X\"",
       "field 'email': name and e-mail are on every form already"},
      {base + privacy + "[[consents]]\nkey = \"a\"\ntext = \"A\"",
       "consent 'a': version is required"},
      {base + privacy +
           "[[consents]]\nkey = \"a\"\ntext = \"A\"\nversion = \"1\"\n[[consents]]\nkey = "
           "\"a\"\ntext = \"B\"\nversion = \"1\"",
       "consent 'a': the key is used twice"},
      {base + privacy + "[[agenda]]\ntime = \"09:00\"\ntitle = \"Za wcześnie\"",
       "agenda item 1: starts outside the seminar's time"},
      {base + privacy + "[[agenda]]\ntime = \"11:00\"", "agenda item 1: title is required"},
      {base + privacy + "[[materials]]\ntitle = \"P\"\nfile = \"../secret.pdf\"",
       "must be a path inside the seminar's folder"},
      {base + privacy + "[[materials]]\ntitle = \"P\"\nfile = \"missing.pdf\"",
       "file 'missing.pdf' not found"},
      {base + "title = \"again\"" + privacy, "front matter line"},
      {base + privacy +
           "[[agenda]]\ntime = \"11:00\"\ntitle = \"T\"\n[[agenda.speakers]]\nname = \"Jan; "
           "Kowalski\"",
       "agenda item 1: speaker name must not contain ';'"},
      {base + privacy +
           "[[agenda]]\ntime = \"11:00\"\ntitle = \"T\"\n[[agenda.speakers]]\nname = \"Jan\"\n"
           "affiliation = \"Urząd; Wydział\"",
       "agenda item 1: speaker affiliation must not contain ';'"},
      {base + privacy +
           "[[agenda]]\ntime = \"11:00\"\ntitle = \"T\"\n[[agenda.speakers]]\nname = \"Jan\"\n"
           "city = \"Chełm;\"",
       "agenda item 1: speaker city must not contain ';'"},
      // The limits of the back-office form hold for files too (one check: seminar_rules.hpp).
      {"title = \"T\"\nstarts = \"2026-03-07 11:00\"\nduration_minutes = 0" + privacy,
       "duration_minutes must be a positive whole number"},
      {"title = \"T\"\nstarts = \"2026-03-07 11:00\"\nduration_minutes = 99999999999" + privacy,
       "duration_minutes must be a positive whole number"},
      {"title = \"" + std::string(201, 'x') +
           "\"\nstarts = \"2026-03-07 11:00\"\n"
           "duration_minutes = 60" +
           privacy,
       "seminars/bad.md: title must be at most 200 characters long"},
      {base + "lead = \"" + std::string(1001, 'x') + "\"" + privacy,
       "lead must be at most 1000 characters long"},
      {base + "venue = \"Sala\\nB\"" + privacy, "venue must be on one line"},
      {base + privacy + "[[agenda]]\ntime = \"11:00\"\ntitle = \"T\"\n" +
           [] {
             std::string speakers;
             for (int i = 0; i < 51; ++i) speakers += "[[agenda.speakers]]\nname = \"O\"\n";
             return speakers;
           }(),
       "agenda item 1: at most 50 speakers are allowed"},
      {base + privacy + "[[consents]]\nkey = \"a\"\ntext = \"A\"\nversion = \"" +
           std::string(41, 'v') + "\"",
       "consent 'a': version must be at most 40 characters long"},
  };
  for (const auto& c : cases) {
    auto error = error_for(c.front_matter);
    EXPECT_NE(error.find(c.message), std::string::npos)
        << "expected: " << c.message << "\ngot: " << error;
    EXPECT_TRUE(error.starts_with("seminars/bad.md: ")) << error;
  }
  EXPECT_TRUE(error_for(base + privacy).empty());
}

TEST_F(SeminarImportTest, DuplicateSlugsAndMissingFrontMatterAreErrors) {
  put("a.md",
      "+++\ntitle = \"A\"\nslug = \"same\"\nstarts = \"2026-03-07 11:00\"\nduration_minutes = "
      "60\n[privacy]\nversion = \"1\"\ntext = \"K\"\n+++\n");
  put("b.md",
      "+++\ntitle = \"B\"\nslug = \"same\"\nstarts = \"2026-03-07 11:00\"\nduration_minutes = "
      "60\n[privacy]\nversion = \"1\"\ntext = \"K\"\n+++\n");
  put("c.md", "no front matter\n");
  auto errors = run();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0], "seminars/b.md: slug 'same' is used twice");
  EXPECT_EQ(errors[1], "seminars/c.md: missing front matter between '+++' lines");
}

}  // namespace
}  // namespace rynek::events::testing

namespace rynek::events {
namespace {

// The rules the seminar files and the back-office form share (seminar.hpp).
TEST(SeminarRules, KeysAreLowercaseLettersDigitsAndUnderscores) {
  EXPECT_TRUE(valid_key("organisation"));
  EXPECT_TRUE(valid_key("rola_2"));
  EXPECT_FALSE(valid_key(""));
  EXPECT_FALSE(valid_key("Rola"));
  EXPECT_FALSE(valid_key("rola-2"));
  EXPECT_FALSE(valid_key("żółw"));
  EXPECT_TRUE(valid_key(std::string(40, 'a')));
  EXPECT_FALSE(valid_key(std::string(41, 'a')));
}

TEST(SeminarRules, LinksAreHttpsOrLoopback) {
  EXPECT_TRUE(valid_link("https://www.youtube.com/watch?v=abc"));
  EXPECT_TRUE(valid_link("http://127.0.0.1:8080/live.m3u8"));
  EXPECT_FALSE(valid_link("https://"));
  EXPECT_FALSE(valid_link("http://example.org/live"));
  EXPECT_FALSE(valid_link("javascript:alert(1)"));
  EXPECT_FALSE(valid_link("data:text/html,x"));
  EXPECT_FALSE(valid_link(" https://example.org"));
  EXPECT_FALSE(valid_link("https://example.org/a b"));
  EXPECT_FALSE(valid_link("https://example.org/\r\nX: y"));
  EXPECT_FALSE(valid_link("https://example.org/" + std::string(2000, 'a')));
}

}  // namespace
}  // namespace rynek::events
