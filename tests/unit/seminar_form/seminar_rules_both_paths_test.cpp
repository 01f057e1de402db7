// One set of seminar rules (events/seminar_rules.hpp), two readers: the same bad
// value, written in a seminar file and typed into the back-office form, is
// refused by both with the same typed problem, and each side words it in its own
// way (the import: English naming the file's key; the form: a message on the
// input).
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <map>

#include "../store/temp_dir.hpp"
#include "content/media.hpp"
#include "core/clock.hpp"
#include "events/seminar_parser.hpp"
#include "events/seminar_rules.hpp"
#include "web/admin/seminars_form.hpp"

namespace rynek::web::admin {
namespace {

using Field = events::SeminarField;
using Code = events::SeminarProblemCode;

const auto kNow = *core::parse_iso8601("2030-01-01T09:00:00Z");

std::string repeat(std::size_t n, char c = 'x') {
  return std::string(n, c);
}
std::string quoted(const std::string& text) {
  return "\"" + text + "\"";
}

// A valid seminar, in both syntaxes.
struct Case {
  std::string name;
  std::map<std::string, std::string> toml;  // root keys to set ("" removes one)
  std::string tables;                       // [[agenda]] and the like, after [privacy]
  std::function<void(SeminarFormInput&)> form;
  Field field;
  Code code;
  std::size_t row = 0;
  std::string form_input;  // the input the form's message is on
  std::string body = "Opis.";
  std::string privacy_text = "Klauzula.", privacy_version = "1";
};

std::string seminar_file(const Case& c) {
  std::map<std::string, std::string> root = {{"title", quoted("Forum")},
                                             {"starts", quoted("2030-03-07 11:00")},
                                             {"ends", quoted("2030-03-07 15:00")}};
  for (const auto& [key, value] : c.toml) {
    if (value.empty())
      root.erase(key);
    else
      root[key] = value;
  }
  std::string text = "+++\n";
  for (const auto& [key, value] : root) text += key + " = " + value + "\n";
  text += "[privacy]\nversion = " + quoted(c.privacy_version) +
          "\ntext = " + quoted(c.privacy_text) + "\n";
  text += c.tables + "\n+++\n" + c.body + "\n";
  return text;
}

SeminarFormInput valid_input() {
  SeminarFormInput in;
  in.title = "Forum";
  in.starts = "2030-03-07 11:00";
  in.ends = "2030-03-07 15:00";
  in.description = "Opis.";
  in.privacy_text = "Klauzula.";
  return in;
}

std::string speakers_toml(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i)
    out += "[[agenda.speakers]]\nname = \"Osoba " + std::to_string(i) + "\"\n";
  return out;
}
std::string lines(std::size_t n, const std::string& stem) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += stem + std::to_string(i) + "\n";
  return out;
}
std::string options_toml(std::size_t n) {
  std::string out = "options = [";
  for (std::size_t i = 0; i < n; ++i) out += (i ? ", \"o" : "\"o") + std::to_string(i) + "\"";
  return out + "]";
}

std::vector<Case> cases() {
  const std::string agenda_row = "[[agenda]]\ntime = \"11:00\"\ntitle = \"Otwarcie\"\n";
  const std::string field_row = "[[fields]]\nkey = \"rola\"\ntype = \"text\"\nlabel = \"Rola\"\n";
  const std::string consent_row =
      "[[consents]]\nkey = \"zgoda\"\ntext = \"Zgoda\"\nversion = \"1\"\n";
  auto agenda = [](AgendaRow row) {
    return [row](SeminarFormInput& in) { in.agenda.push_back(row); };
  };
  return {
      {"empty title",
       {{"title", quoted("")}},
       "",
       [](auto& in) { in.title = ""; },
       Field::title,
       Code::required,
       0,
       "title"},
      {"long title",
       {{"title", quoted(repeat(201))}},
       "",
       [](auto& in) { in.title = repeat(201); },
       Field::title,
       Code::too_long,
       0,
       "title"},
      {"title of two lines",
       {{"title", quoted("a\\tb")}},
       "",
       [](auto& in) { in.title = "a\tb"; },
       Field::title,
       Code::not_one_line,
       0,
       "title"},
      {"bad address",
       {{"slug", quoted("Forum-")}},
       "",
       [](auto& in) { in.slug = "Forum-"; },
       Field::slug,
       Code::not_slug,
       0,
       "slug"},
      {"long lead",
       {{"lead", quoted(repeat(1001))}},
       "",
       [](auto& in) { in.lead = repeat(1001); },
       Field::lead,
       Code::too_long,
       0,
       "lead"},
      {"long description",
       {},
       "",
       [](auto& in) { in.description = repeat(200'001); },
       Field::description,
       Code::too_long,
       0,
       "description",
       repeat(200'001)},
      {"ends before it starts",
       {{"ends", quoted("2030-03-07 10:00")}},
       "",
       [](auto& in) { in.ends = "2030-03-07 10:00"; },
       Field::ends,
       Code::ends_before_start,
       0,
       "ends"},
      {"ends as it starts",
       {{"ends", quoted("2030-03-07 11:00")}},
       "",
       [](auto& in) { in.ends = "2030-03-07 11:00"; },
       Field::ends,
       Code::ends_before_start,
       0,
       "ends"},
      {"on-site without venue",
       {{"format", quoted("onsite")}},
       "",
       [](auto& in) { in.format = "onsite"; },
       Field::venue,
       Code::required,
       0,
       "venue"},
      {"long venue",
       {{"venue", quoted(repeat(301))}},
       "",
       [](auto& in) { in.venue = repeat(301); },
       Field::venue,
       Code::too_long,
       0,
       "venue"},
      {"plain-http broadcast",
       {},
       "[broadcast]\nurl = \"http://example.org/live\"",
       [](auto& in) { in.broadcast_url = "http://example.org/live"; },
       Field::broadcast_url,
       Code::not_link,
       0,
       "broadcast_url"},
      {"javascript recording",
       {{"recording_url", quoted("javascript:alert(1)")}},
       "",
       [](auto& in) { in.recording_url = "javascript:alert(1)"; },
       Field::recording_url,
       Code::not_link,
       0,
       "recording_url"},
      {"no places",
       {{"capacity", "0"}},
       "",
       [](auto& in) { in.capacity = "0"; },
       Field::capacity,
       Code::out_of_range,
       0,
       "capacity"},
      {"too many places",
       {{"capacity", "1000001"}},
       "",
       [](auto& in) { in.capacity = "1000001"; },
       Field::capacity,
       Code::out_of_range,
       0,
       "capacity"},
      {"negative hours",
       {{"confirm_within_hours", "-2"}},
       "",
       [](auto& in) { in.confirm_within_hours = "-2"; },
       Field::confirm_within_hours,
       Code::out_of_range,
       0,
       "confirm_within_hours"},
      {"registration closes after the end",
       {{"registration_closes", quoted("2030-03-07 16:00")}},
       "",
       [](auto& in) { in.registration_closes = "2030-03-07 16:00"; },
       Field::registration_closes,
       Code::closes_after_end,
       0,
       "registration_closes"},
      {"registration closes before it opens",
       {{"registration_opens", quoted("2030-03-05 10:00")},
        {"registration_closes", quoted("2030-03-04 10:00")}},
       "",
       [](auto& in) {
         in.registration_opens = "2030-03-05 10:00";
         in.registration_closes = "2030-03-04 10:00";
       },
       Field::registration_closes,
       Code::closes_before_opens,
       0,
       "registration_closes"},
      {"contact that is no address",
       {{"contact_email", quoted("nope")}},
       "",
       [](auto& in) { in.contact_email = "nope"; },
       Field::contact_email,
       Code::not_email,
       0,
       "contact_email"},
      {"empty information clause",
       {},
       "",
       [](auto& in) { in.privacy_text = ""; },
       Field::privacy_text,
       Code::required,
       0,
       "privacy_text",
       "Opis.",
       ""},
      {"long clause version",
       {},
       "",
       [](auto& in) { in.privacy_version = repeat(41); },
       Field::privacy_version,
       Code::too_long,
       0,
       "privacy_version",
       "Opis.",
       "Klauzula.",
       repeat(41)},
      {"agenda item before the start",
       {},
       "[[agenda]]\ntime = \"09:00\"\ntitle = \"Kawa\"",
       agenda({"09:00", "", "Kawa", "", "", false}),
       Field::agenda_starts,
       Code::outside_seminar,
       0,
       "agenda_0_starts"},
      {"agenda item ending before it starts",
       {},
       "[[agenda]]\ntime = \"12:00\"\nend_time = \"11:30\"\ntitle = \"Kawa\"",
       agenda({"12:00", "11:30", "Kawa", "", "", false}),
       Field::agenda_ends,
       Code::ends_before_start,
       0,
       "agenda_0_ends"},
      {"agenda item without title",
       {},
       "[[agenda]]\ntime = \"12:00\"\ntitle = \"\"",
       agenda({"12:00", "", "", "", "", false}),
       Field::agenda_title,
       Code::required,
       0,
       "agenda_0_title"},
      {"long agenda description",
       {},
       "[[agenda]]\ntime = \"12:00\"\ntitle = \"T\"\ndescription = \"" + repeat(4001) + "\"",
       agenda({"12:00", "", "T", repeat(4001), "", false}),
       Field::agenda_description,
       Code::too_long,
       0,
       "agenda_0_description"},
      {"too many speakers",
       {},
       agenda_row + speakers_toml(51),
       agenda({"11:00", "", "Otwarcie", "", lines(51, "Osoba "), false}),
       Field::agenda_speakers,
       Code::too_many,
       0,
       "agenda_0_speakers"},
      {"long speaker name",
       {},
       agenda_row + "[[agenda.speakers]]\nname = \"" + repeat(301) + "\"",
       agenda({"11:00", "", "Otwarcie", "", repeat(301), false}),
       Field::speaker_name,
       Code::too_long,
       0,
       "agenda_0_speakers"},
      {"empty speaker name",
       {},
       agenda_row + "[[agenda.speakers]]\nname = \"\"\ncity = \"Chełm\"",
       agenda({"11:00", "", "Otwarcie", "", "; ; Chełm", false}),
       Field::speaker_name,
       Code::required,
       0,
       "agenda_0_speakers"},
      {"field key not a key",
       {},
       "[[fields]]\nkey = \"Rola\"\ntype = \"text\"\nlabel = \"Rola\"",
       [](auto& in) {
         in.fields.push_back({"Rola", "Rola", "text", "", "", false, false});
       },
       Field::field_key,
       Code::not_key,
       0,
       "fields_0_key"},
      {"field key of the e-mail",
       {},
       "[[fields]]\nkey = \"email\"\ntype = \"text\"\nlabel = \"E\"",
       [](auto& in) {
         in.fields.push_back({"E", "email", "text", "", "", false, false});
       },
       Field::field_key,
       Code::reserved_key,
       0,
       "fields_0_key"},
      {"field key twice",
       {},
       field_row + field_row,
       [](auto& in) {
         in.fields.push_back({"Rola", "rola", "text", "", "", false, false});
         in.fields.push_back({"Rola", "rola", "text", "", "", false, false});
       },
       Field::field_key,
       Code::duplicate,
       1,
       "fields_1_key"},
      {"field without label",
       {},
       "[[fields]]\nkey = \"rola\"\ntype = \"text\"\nlabel = \"\"",
       [](auto& in) {
         in.fields.push_back({"", "rola", "text", "", "", false, false});
       },
       Field::field_label,
       Code::required,
       0,
       "fields_0_label"},
      {"long field help",
       {},
       field_row + "help = \"" + repeat(601) + "\"",
       [](auto& in) {
         in.fields.push_back({"Rola", "rola", "text", repeat(601), "", false, false});
       },
       Field::field_help,
       Code::too_long,
       0,
       "fields_0_help"},
      {"choice without options",
       {},
       "[[fields]]\nkey = \"rola\"\ntype = \"select\"\nlabel = \"Rola\"",
       [](auto& in) {
         in.fields.push_back({"Rola", "rola", "select", "", "", false, false});
       },
       Field::field_options,
       Code::options_needed,
       0,
       "fields_0_options"},
      {"text with options",
       {},
       field_row + "options = [\"a\"]",
       [](auto& in) {
         in.fields.push_back({"Rola", "rola", "text", "", "a", false, false});
       },
       Field::field_options,
       Code::options_not_allowed,
       0,
       "fields_0_options"},
      {"option twice",
       {},
       "[[fields]]\nkey = \"rola\"\ntype = \"select\"\nlabel = \"Rola\"\noptions = [\"a\", \"a\"]",
       [](auto& in) {
         in.fields.push_back({"Rola", "rola", "select", "", "a\na", false, false});
       },
       Field::field_options,
       Code::duplicate,
       0,
       "fields_0_options"},
      {"long option",
       {},
       "[[fields]]\nkey = \"rola\"\ntype = \"select\"\nlabel = \"Rola\"\noptions = [\"" +
           repeat(301) + "\"]",
       [](auto& in) {
         in.fields.push_back({"Rola", "rola", "select", "", repeat(301), false, false});
       },
       Field::field_options,
       Code::too_long,
       0,
       "fields_0_options"},
      {"too many options",
       {},
       "[[fields]]\nkey = \"rola\"\ntype = \"select\"\nlabel = \"Rola\"\n" + options_toml(201),
       [](auto& in) {
         in.fields.push_back({"Rola", "rola", "select", "", lines(201, "o"), false, false});
       },
       Field::field_options,
       Code::too_many,
       0,
       "fields_0_options"},
      {"consent key twice",
       {},
       consent_row + consent_row,
       [](auto& in) {
         in.consents.push_back({"Zgoda", "zgoda", "1", false, false});
         in.consents.push_back({"Zgoda", "zgoda", "1", false, false});
       },
       Field::consent_key,
       Code::duplicate,
       1,
       "consents_1_key"},
      {"consent key not a key",
       {},
       "[[consents]]\nkey = \"zgoda-1\"\ntext = \"Zgoda\"\nversion = \"1\"",
       [](auto& in) {
         in.consents.push_back({"Zgoda", "zgoda-1", "1", false, false});
       },
       Field::consent_key,
       Code::not_key,
       0,
       "consents_0_key"},
      {"empty consent",
       {},
       "[[consents]]\nkey = \"zgoda\"\ntext = \"\"\nversion = \"1\"",
       [](auto& in) {
         in.consents.push_back({"", "zgoda", "1", false, false});
       },
       Field::consent_text,
       Code::required,
       0,
       "consents_0_text"},
      {"long consent",
       {},
       "[[consents]]\nkey = \"zgoda\"\ntext = \"" + repeat(4001) + "\"\nversion = \"1\"",
       [](auto& in) {
         in.consents.push_back({repeat(4001), "zgoda", "1", false, false});
       },
       Field::consent_text,
       Code::too_long,
       0,
       "consents_0_text"},
      {"long consent version",
       {},
       "[[consents]]\nkey = \"zgoda\"\ntext = \"Zgoda\"\nversion = \"" + repeat(41) + "\"",
       [](auto& in) {
         in.consents.push_back({"Zgoda", "zgoda", repeat(41), false, false});
       },
       Field::consent_version,
       Code::too_long,
       0,
       "consents_0_version"},
  };
}

class SeminarRulesBothPaths : public ::testing::Test {
 protected:
  // The import's answer: its message and the problems its rules found.
  std::pair<std::string, std::vector<events::SeminarProblem>> import(const std::string& text) {
    const auto file = dir_.path() / "seminars" / "bad.md";
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    content::MediaStore media(dir_.path() / "data", content::MediaStore::Mode::staged);
    std::vector<std::string> errors;
    std::vector<events::SeminarProblem> problems;
    auto prepared = events::detail::parse_seminar_file(media, file, "forum", "seminars/bad.md",
                                                       kNow, errors, &problems);
    EXPECT_EQ(prepared.has_value(), errors.empty());
    return {errors.empty() ? "" : errors.front(), problems};
  }
  std::pair<std::vector<FieldError>, std::vector<events::SeminarProblem>> form(
      const SeminarFormInput& in) {
    events::Seminar out;
    std::vector<VersionChange> versions;
    std::vector<events::SeminarProblem> problems;
    auto errors = validate_seminar_form("pl", in, std::nullopt, kNow, out, versions, {}, &problems);
    return {errors, problems};
  }

  store::test::TempDir dir_{"rynek-rules"};
};

TEST_F(SeminarRulesBothPaths, TheValidSeminarPassesBoth) {
  Case valid{"valid", {}, "", {}, Field::title, Code::required, 0, "title"};
  auto [message, problems] = import(seminar_file(valid));
  EXPECT_EQ(message, "");
  EXPECT_TRUE(problems.empty());
  auto [errors, form_problems] = form(valid_input());
  EXPECT_TRUE(errors.empty()) << errors.front().id << ": " << errors.front().message;
  EXPECT_TRUE(form_problems.empty());
}

TEST_F(SeminarRulesBothPaths, EveryRuleRefusesTheSameValueOnBothPaths) {
  for (const auto& c : cases()) {
    SCOPED_TRACE(c.name);
    // The import: refused with this problem first, in its words.
    auto [message, problems] = import(seminar_file(c));
    ASSERT_FALSE(problems.empty()) << message;
    EXPECT_EQ(problems.front().field, c.field) << message;
    EXPECT_EQ(problems.front().code, c.code) << message;
    EXPECT_EQ(problems.front().row, c.row) << message;
    const auto expected = problems.front();
    EXPECT_TRUE(message.starts_with("seminars/bad.md: ")) << message;
    // The form: refused with the same problem, on the input it concerns.
    auto in = valid_input();
    c.form(in);
    auto [errors, form_problems] = form(in);
    bool same = false;
    for (const auto& p : form_problems) {
      if (p.field == expected.field && p.code == expected.code && p.row == expected.row)
        same = true;
    }
    EXPECT_TRUE(same) << "the form did not find the import's problem";
    bool on_input = false;
    for (const auto& e : errors) on_input = on_input || e.id == c.form_input;
    EXPECT_TRUE(on_input) << "no form error on " << c.form_input;
  }
}

}  // namespace
}  // namespace rynek::web::admin
