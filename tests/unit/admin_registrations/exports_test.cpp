#include "web/admin/exports.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include "../events/events_fixture.hpp"

namespace rynek::web::admin {
namespace {

namespace fs = std::filesystem;
using events::testing::at;

TEST(Csv, QuotesOnlyWhatNeedsQuotingAndDoublesQuotes) {
  EXPECT_EQ(csv_field("Anna"), "Anna");
  EXPECT_EQ(csv_field("Nowak, Anna"), "\"Nowak, Anna\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("Zażółć gęślą jaźń"), "Zażółć gęślą jaźń");
}

TEST(Csv, NeutralisesFormulaLikeCells) {
  for (std::string formula : {"=1+1", "+48 600", "-2", "@SUM(A1)", "\tx", "\rx"}) {
    EXPECT_EQ(safe_cell(formula), "'" + formula) << formula;
  }
  EXPECT_EQ(safe_cell("a=1"), "a=1");
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://evil\",\"x\")"),
            "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
  EXPECT_EQ(csv_field("\rx"), "\"'\rx\"");
}

// Whatever a spreadsheet splits the file on (',' or ';', quotes honoured or not,
// line breaks), no piece may start with a formula character once the spaces and
// quotes Excel drops are stripped.
void expect_no_formula_after_any_split(const std::string& csv, const std::string& cell) {
  constexpr std::string_view kFormulaStarts = "=+-@\t\r";
  std::size_t start = 0;
  for (std::size_t i = 0; i <= csv.size(); ++i) {
    if (i < csv.size() && std::string_view(",;\r\n").find(csv[i]) == std::string_view::npos)
      continue;
    auto piece = std::string_view(csv).substr(start, i - start);
    while (!piece.empty() && (piece.front() == ' ' || piece.front() == '"')) piece.remove_prefix(1);
    EXPECT_TRUE(piece.empty() || kFormulaStarts.find(piece.front()) == std::string_view::npos)
        << "cell " << cell << " gives a piece starting " << piece;
    start = i + 1;
  }
}

TEST(Csv, NoSplitOnCommaOrSemicolonRevealsAFormula) {
  for (std::string hostile :
       {"x;=1+1;y", "x,=1+1,y", "Anna; =cmd|' /C calc'!A0", "a;\"=1\";b", "a;+48 600", "a;-2+3",
        "a;@SUM(A1)", "a;\t=1", "a;\r=1", "a\n=1", "a,\"  @x\"", ";=1", ",,=1",
        "=HYPERLINK(\"http://evil\";\"x\")", "Nowak; -=1"}) {
    ExportTable table{{"name"}, {{hostile}}};
    auto csv = build_csv(table);
    csv.erase(0, 3);  // the BOM
    expect_no_formula_after_any_split(csv, hostile);
    expect_no_formula_after_any_split(safe_cell(hostile), hostile);
  }
  EXPECT_EQ(safe_cell("x;=1+1;y"), "x;'=1+1;y");
  EXPECT_EQ(csv_field("x;=1+1;y"), "\"x;'=1+1;y\"");
  EXPECT_EQ(safe_cell("Anna Nowak-Kowalska; 2+2"), "Anna Nowak-Kowalska; 2+2");
}

TEST(Csv, StartsWithBomAndEndsRecordsWithCrlf) {
  ExportTable table{{"id", "name"}, {{"1", "Łucja"}, {"2", "a,b"}}};
  EXPECT_EQ(build_csv(table), "\xEF\xBB\xBFid,name\r\n1,Łucja\r\n2,\"a,b\"\r\n");
}

TEST(Export, TableHasFieldsMultiselectAndConsentVersions) {
  events::Seminar seminar;
  seminar.id = 3;
  seminar.slug = "forum-2026";
  seminar.fields.push_back(
      {"organisation", events::FieldType::text, "Organisation", "", false, {}});
  seminar.fields.push_back(
      {"topics", events::FieldType::multiselect, "Topics", "", false, {"a", "b"}});
  seminar.consents.push_back({"newsletter", "Newsletter", "v2", false});
  events::Registration r;
  r.id = 11;
  r.name = "Anna";
  r.email = "anna@example.org";
  r.state = events::RegistrationState::registered;
  r.created_at = at("2026-03-03T09:05:00Z");
  r.confirmed_at = at("2026-07-01T10:00:00Z");  // summer time: UTC+2
  r.answers_json = R"({"organisation":"Urząd","topics":["Mieszkania","Transport"]})";
  events::ConsentsGiven consents;
  consents[11]["newsletter"] = "v2";
  auto table = export_table(seminar, {r}, consents);
  EXPECT_EQ(table.header,
            (std::vector<std::string>{"id", "name", "email", "state", "confirmed_at", "created_at",
                                      "Organisation", "Topics", "consent_newsletter",
                                      "consent_newsletter_version"}));
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0], (std::vector<std::string>{
                               "11", "Anna", "anna@example.org", "registered", "2026-07-01 12:00",
                               "2026-03-03 10:05", "Urząd", "Mieszkania; Transport", "yes", "v2"}));
  r.answers_json = "not json";
  table = export_table(seminar, {r}, {});
  EXPECT_EQ(table.rows[0][6], "");
  EXPECT_EQ(table.rows[0][8], "no");
  EXPECT_EQ(table.rows[0][9], "");
  EXPECT_EQ(export_filename(seminar, "csv"), "zgloszenia-forum-2026.csv");
  seminar.slug = "../\"x\"";
  EXPECT_EQ(export_filename(seminar, "xlsx"), "zgloszenia-x.xlsx");
}

TEST(Xlsx, WritesAZipAndRemovesTheTemporaryFile) {
  auto dir = fs::temp_directory_path() / ("rynek-xlsx-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  ExportTable table{{"id", "name"}, {{"1", "Łucja"}, {"2", "=1+1"}}};
  auto bytes = build_xlsx(table, dir);
  ASSERT_TRUE(bytes.has_value());
  EXPECT_GT(bytes->size(), 1000u);
  EXPECT_EQ(bytes->substr(0, 2), "PK");
  EXPECT_TRUE(fs::is_empty(dir));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace rynek::web::admin
