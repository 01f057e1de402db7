#include "events/form.hpp"

#include <gtest/gtest.h>

namespace rynek::events {
namespace {

using Form = std::vector<std::pair<std::string, std::string>>;

Seminar form_seminar() {
  Seminar s;
  s.fields = {{"organisation", FieldType::text, "Organisation", "", true, {}},
              {"role", FieldType::select, "Role", "", true, {"Urząd", "Inne"}},
              {"topics", FieldType::multiselect, "Topics", "", false, {"A", "B", "C"}},
              {"phone", FieldType::phone, "Phone", "", false, {}},
              {"questions", FieldType::textarea, "Questions", "", false, {}},
              {"invoice", FieldType::checkbox, "Invoice", "", false, {}}};
  s.consents = {{"newsletter", "Newsletter", "v1", false}, {"rules", "Rules", "v2", true}};
  s.privacy_clause_version = "2026-01";
  return s;
}

Form valid_form() {
  return {{"name", " Anna Nowak "},           {"email", " Anna@Example.ORG"},
          {"f_organisation", "Urząd Miasta"}, {"f_role", "Urząd"},
          {"consent_rules", "yes"},           {"website", ""},
          {"version_privacy", "2026-01"},     {"version_consent_newsletter", "v1"},
          {"version_consent_rules", "v2"}};
}

Form without(Form form, const std::string& key) {
  std::erase_if(form, [&](const auto& pair) { return pair.first == key; });
  return form;
}

Form with(Form form, const std::string& key, const std::string& value) {
  form = without(std::move(form), key);
  form.push_back({key, value});
  return form;
}

std::string error_for(const FormResult& result, const std::string& key) {
  for (const auto& e : result.errors) {
    if (e.key == key) return e.message;
  }
  return "";
}

TEST(RegistrationForm, AcceptsAValidSubmissionTrimmedAndNormalised) {
  auto form = valid_form();
  form.push_back({"f_topics", "A"});
  form.push_back({"f_topics", "C"});
  form.push_back({"f_phone", "+48 (22) 123-45-67"});
  form.push_back({"f_invoice", "yes"});
  form.push_back({"consent_newsletter", "yes"});
  form.push_back({"unknown", "ignored"});
  auto result = validate_registration(form_seminar(), form, "pl");
  ASSERT_TRUE(result.errors.empty())
      << result.errors.front().key << ": " << result.errors.front().message;
  EXPECT_FALSE(result.honeypot_filled);
  EXPECT_EQ(result.submission.name, "Anna Nowak");
  EXPECT_EQ(result.submission.email, "anna@example.org");
  EXPECT_EQ(result.submission.answers["topics"], (std::vector<std::string>{"A", "C"}));
  EXPECT_EQ(result.submission.answers["organisation"], (std::vector<std::string>{"Urząd Miasta"}));
  EXPECT_EQ(result.submission.consents, (std::set<std::string>{"newsletter", "rules"}));
  EXPECT_FALSE(result.submission.answers.contains("unknown"));
}

TEST(RegistrationForm, TextVersionsMustBeTheOnesTheFormShowed) {
  auto form = valid_form();
  form.push_back({"consent_newsletter", "yes"});
  auto seminar = form_seminar();
  auto same = validate_registration(seminar, form, "pl");
  EXPECT_FALSE(same.texts_changed);
  EXPECT_EQ(same.submission.consents, (std::set<std::string>{"newsletter", "rules"}));

  seminar.privacy_clause_version = "2026-02";
  auto clause = validate_registration(seminar, form, "pl");
  EXPECT_TRUE(clause.texts_changed);
  EXPECT_TRUE(clause.errors.empty());
  EXPECT_EQ(clause.submission.consents, (std::set<std::string>{"newsletter", "rules"}));

  seminar = form_seminar();
  seminar.consents[0].version = "v9";  // a tick given to the old text does not count
  auto consent = validate_registration(seminar, form, "pl");
  EXPECT_TRUE(consent.texts_changed);
  EXPECT_EQ(consent.submission.consents, (std::set<std::string>{"rules"}));

  seminar = form_seminar();
  for (const auto& key : {"version_privacy", "version_consent_newsletter"}) {
    EXPECT_TRUE(validate_registration(seminar, without(form, key), "pl").texts_changed) << key;
  }
  EXPECT_TRUE(validate_registration(seminar, with(form, "version_consent_old", "v1"), "pl")
                  .texts_changed);  // a consent removed since
  auto twice = form;
  twice.push_back({"version_privacy", "other"});
  EXPECT_TRUE(validate_registration(seminar, twice, "pl").texts_changed);
  seminar.consents.push_back({"added", "Added", "v1", false});
  EXPECT_TRUE(validate_registration(seminar, form, "pl").texts_changed);
}

TEST(RegistrationForm, ReportsMissingValuesAtEachField) {
  auto result = validate_registration(form_seminar(), {}, "pl");
  EXPECT_EQ(error_for(result, "name"), "Please enter your name.");
  EXPECT_EQ(error_for(result, "email"), "Please enter a valid e-mail address.");
  EXPECT_EQ(error_for(result, "f_organisation"), "This field is required.");
  EXPECT_EQ(error_for(result, "f_role"), "Choose one of the options.");
  EXPECT_EQ(error_for(result, "consent_rules"), "This consent is required to register.");
  EXPECT_EQ(error_for(result, "consent_newsletter"), "");
}

TEST(RegistrationForm, KeepsScriptTagsAsPlainValuesForTheViewToEscape) {
  auto form = valid_form();
  form[0].second = "<script>alert(1)</script>";
  form[2].second = "\"><img src=x onerror=alert(1)>";
  auto result = validate_registration(form_seminar(), form, "pl");
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(result.submission.name, "<script>alert(1)</script>");
  EXPECT_EQ(result.submission.answers["organisation"].front(), "\"><img src=x onerror=alert(1)>");
}

TEST(RegistrationForm, RejectsLineBreaksAndControlCharactersInTheName) {
  for (const char* name :
       {"Anna\r\nBcc: victim@example.org", "Anna\nNowak", "Anna\x01", "Anna\xC2\x85Nowak"}) {
    auto form = valid_form();
    form[0].second = name;
    auto result = validate_registration(form_seminar(), form, "pl");
    EXPECT_EQ(error_for(result, "name"),
              "Please enter your name on one line, without special characters.")
        << name;
  }
}

TEST(RegistrationForm, RejectsTenKilobyteValuesButKeepsThem) {
  const std::string huge(10 * 1024, 'x');
  auto form = valid_form();
  form[0].second = huge;
  form[2].second = huge;
  form.push_back({"f_questions", huge});
  auto result = validate_registration(form_seminar(), form, "pl");
  EXPECT_EQ(error_for(result, "name"), "This text is too long.");
  EXPECT_EQ(error_for(result, "f_organisation"), "This text is too long.");
  EXPECT_EQ(error_for(result, "f_questions"), "This text is too long.");
  EXPECT_EQ(result.submission.name, huge);
  form = valid_form();
  form[1].second = huge + "@example.org";
  EXPECT_EQ(error_for(validate_registration(form_seminar(), form, "pl"), "email"),
            "This text is too long.");
}

TEST(RegistrationForm, CountsCharactersNotBytes) {
  auto form = valid_form();
  form[2].second = std::string();
  for (int i = 0; i < 500; ++i) form[2].second += "ą";
  EXPECT_TRUE(validate_registration(form_seminar(), form, "pl").errors.empty());
  form[2].second += "ą";
  EXPECT_EQ(error_for(validate_registration(form_seminar(), form, "pl"), "f_organisation"),
            "This text is too long.");
}

TEST(RegistrationForm, RejectsMalformedAddresses) {
  for (const char* address :
       {"", "anna", "anna@", "@example.org", "anna@example", "anna@@example.org",
        "an na@example.org", "anna@example..org", ".anna@example.org",
        "anna@example.org\r\nBcc: x@example.org", "anna@-example.org", "<anna@example.org>",
        "anna@example.org,b@example.org", "anna@exa_mple.org", "anna@example.o"}) {
    EXPECT_FALSE(normalise_email(address)) << address;
  }
  EXPECT_EQ(normalise_email("  Anna.Nowak+frl@Urzad.Example.PL "),
            "anna.nowak+frl@urzad.example.pl");
  EXPECT_EQ(normalise_email("o'brien@example.org"), "o'brien@example.org");
}

TEST(RegistrationForm, ChecksEachFieldType) {
  auto form = valid_form();
  form[3].second = "Hacker";
  form.push_back({"f_topics", "A"});
  form.push_back({"f_topics", "A"});
  form.push_back({"f_phone", "12345"});
  form.push_back({"f_invoice", "maybe"});
  auto result = validate_registration(form_seminar(), form, "pl");
  EXPECT_EQ(error_for(result, "f_role"), "Choose one of the options.");
  EXPECT_EQ(error_for(result, "f_topics"), "Choose one of the options.");
  EXPECT_EQ(error_for(result, "f_phone"), "Please enter a valid phone number.");
  EXPECT_EQ(error_for(result, "f_invoice"), "Choose one of the options.");
  EXPECT_EQ(result.submission.answers["role"].front(), "Hacker");  // kept for the re-rendered form
  form = valid_form();
  form.push_back({"f_phone", "call me 123456"});
  EXPECT_EQ(error_for(validate_registration(form_seminar(), form, "pl"), "f_phone"),
            "Please enter a valid phone number.");
}

TEST(RegistrationForm, RejectsInvalidUtf8AndDropsTheValue) {
  auto form = valid_form();
  form[2].second =
      "Urz\xC4"
      "d\xFF";
  form.push_back({"f_questions", "ok\xC0\xAF"});
  auto result = validate_registration(form_seminar(), form, "pl");
  EXPECT_EQ(error_for(result, "f_organisation"),
            "This text contains characters that are not allowed.");
  EXPECT_EQ(error_for(result, "f_questions"),
            "This text contains characters that are not allowed.");
  EXPECT_FALSE(result.submission.answers.contains("organisation"));
}

TEST(RegistrationForm, TextareaKeepsLineBreaks) {
  auto form = valid_form();
  form.push_back({"f_questions", "Pierwsze pytanie\r\nDrugie\tpytanie"});
  auto result = validate_registration(form_seminar(), form, "pl");
  EXPECT_TRUE(result.errors.empty());
}

TEST(RegistrationForm, HoneypotMarksABot) {
  auto form = with(valid_form(), "website", "http://spam.example");
  EXPECT_TRUE(validate_registration(form_seminar(), form, "pl").honeypot_filled);
}

}  // namespace
}  // namespace rynek::events
