// Server-side validation of the registration form. Every value is checked
// here, whatever the browser checked: the form may be posted by anything.
// Values are kept (trimmed) even when invalid, so the page can show the form
// again as the person filled it; escaping them is the view's job. A value that
// is not valid UTF-8 cannot be shown again and is replaced by an empty one.
#include "events/form.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "core/email.hpp"
#include "core/i18n.hpp"
#include "core/person_name.hpp"
#include "core/text.hpp"

namespace rynek::events {
namespace {

using core::kMaxEmailLength;

constexpr const char* kNameRequired = core::N_("Please enter your name.");
constexpr const char* kEmailInvalid = core::N_("Please enter a valid e-mail address.");
constexpr const char* kRequired = core::N_("This field is required.");
constexpr const char* kChooseOption = core::N_("Choose one of the options.");
constexpr const char* kTooLong = core::N_("This text is too long.");
constexpr const char* kPhoneInvalid = core::N_("Please enter a valid phone number.");
constexpr const char* kConsentRequired = core::N_("This consent is required to register.");
constexpr const char* kBadCharacters =
    core::N_("This text contains characters that are not allowed.");
constexpr const char* kNameLineBreaks =
    core::N_("Please enter your name on one line, without special characters.");

using core::count_characters;

bool valid_phone(std::string_view text) {
  std::size_t digits = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 6 && digits <= 20;
}

bool is_option(const FormField& field, const std::string& value) {
  return std::find(field.options.begin(), field.options.end(), value) != field.options.end();
}

class Validator {
 public:
  Validator(const std::vector<std::pair<std::string, std::string>>& form, FormResult& result)
      : form_(form), result_(result) {}

  // Every value sent under `key`, trimmed; invalid UTF-8 is reported once and dropped.
  std::vector<std::string> values(const std::string& key) {
    std::vector<std::string> found;
    for (const auto& [name, value] : form_) {
      if (name != key) continue;
      if (!core::is_valid_utf8(value)) {
        error(key, kBadCharacters);
        found.emplace_back();
        continue;
      }
      found.emplace_back(core::trim(value));
    }
    return found;
  }

  std::string value(const std::string& key) {
    auto all = values(key);
    return all.empty() ? std::string() : all.front();
  }

  void error(const std::string& key, const char* message) {
    for (const auto& existing : result_.errors) {
      if (existing.key == key) return;  // one message per field: the first problem
    }
    result_.errors.push_back({key, message});
  }

  bool has_error(const std::string& key) const {
    return std::any_of(result_.errors.begin(), result_.errors.end(),
                       [&](const FieldError& e) { return e.key == key; });
  }

 private:
  const std::vector<std::pair<std::string, std::string>>& form_;
  FormResult& result_;
};

void check_single(Validator& v, const FormField& field, const std::string& key,
                  std::string& value) {
  switch (field.type) {
    case FieldType::text:
      if (count_characters(value) > kMaxFieldLength) return v.error(key, kTooLong);
      if (core::has_control_characters(value, core::Lines::single))
        return v.error(key, kBadCharacters);
      return;
    case FieldType::textarea:
      if (count_characters(value) > kMaxTextareaLength) return v.error(key, kTooLong);
      if (core::has_control_characters(value, core::Lines::multiple))
        return v.error(key, kBadCharacters);
      return;
    case FieldType::email:
      if (auto email = normalise_email(value)) {
        value = *email;
      } else {
        v.error(key, value.size() > kMaxFieldLength ? kTooLong : kEmailInvalid);
      }
      return;
    case FieldType::phone:
      if (value.size() > kMaxFieldLength) return v.error(key, kTooLong);
      if (!valid_phone(value)) v.error(key, kPhoneInvalid);
      return;
    case FieldType::select:
      if (!is_option(field, value)) v.error(key, kChooseOption);
      return;
    case FieldType::checkbox:
      if (value != "yes") v.error(key, kChooseOption);
      return;
    case FieldType::multiselect:
      return;  // handled by the caller
  }
}

void check_field(Validator& v, const FormField& field, Submission& submission) {
  const auto key = "f_" + field.key;
  auto values = v.values(key);
  values.erase(std::remove(values.begin(), values.end(), std::string()), values.end());
  if (field.type != FieldType::multiselect && values.size() > 1) values.resize(1);
  if (values.empty()) {
    if (field.required && !v.has_error(key)) {
      v.error(key, field.type == FieldType::select ? kChooseOption : kRequired);
    }
    return;
  }
  if (field.type == FieldType::multiselect) {
    std::set<std::string> seen;
    for (const auto& value : values) {
      if (!is_option(field, value) || !seen.insert(value).second) v.error(key, kChooseOption);
    }
  } else {
    check_single(v, field, key, values.front());
  }
  submission.answers[field.key] = std::move(values);
}

// A registration stores the versions of the clause and the consents; they must
// be the ones the person was shown, which the editors may have changed since
// the form was loaded. Any difference, missing or extra version counts. A
// consent whose text changed loses its tick: it was given to the old text.
bool texts_changed(const Seminar& seminar,
                   const std::vector<std::pair<std::string, std::string>>& form,
                   Submission& submission) {
  constexpr std::string_view kConsentPrefix = "version_consent_";
  std::optional<std::string> privacy;
  std::map<std::string, std::string, std::less<>> consents;
  bool repeated = false;
  for (const auto& [name, value] : form) {
    if (name == "version_privacy") {
      repeated = repeated || privacy;
      privacy = value;
    } else if (name.starts_with(kConsentPrefix)) {
      repeated = !consents.emplace(name.substr(kConsentPrefix.size()), value).second || repeated;
    }
  }
  bool changed = repeated || privacy != seminar.privacy_clause_version ||
                 consents.size() != seminar.consents.size();
  for (const auto& consent : seminar.consents) {
    auto shown = consents.find(consent.key);
    if (shown == consents.end() || shown->second != consent.version) {
      changed = true;
      submission.consents.erase(consent.key);
    }
  }
  return changed;
}

}  // namespace

std::optional<std::string> normalise_email(std::string_view address) {
  return core::normalise_email(address);
}

FormResult validate_registration(const Seminar& seminar,
                                 const std::vector<std::pair<std::string, std::string>>& form,
                                 const std::string& lang) {
  FormResult result;
  Validator v(form, result);
  auto& submission = result.submission;
  submission.lang = lang;
  result.honeypot_filled = !v.value("website").empty();
  result.errors.clear();  // the honeypot's own problems are nobody's business

  submission.name = v.value("name");
  if (!v.has_error("name")) {
    switch (core::check_person_name(submission.name)) {
      case core::PersonNameProblem::none:
        break;
      case core::PersonNameProblem::empty:
        v.error("name", kNameRequired);
        break;
      case core::PersonNameProblem::too_long:
        v.error("name", kTooLong);
        break;
      case core::PersonNameProblem::control_characters:
        v.error("name", kNameLineBreaks);
        break;
    }
  }

  submission.email = v.value("email");
  if (auto email = normalise_email(submission.email)) {
    submission.email = *email;
  } else if (!v.has_error("email")) {
    v.error("email", submission.email.size() > kMaxEmailLength ? kTooLong : kEmailInvalid);
  }

  for (const auto& field : seminar.fields) check_field(v, field, submission);

  for (const auto& consent : seminar.consents) {
    const auto key = "consent_" + consent.key;
    if (v.value(key) == "yes") {
      submission.consents.insert(consent.key);
    } else if (consent.required && !v.has_error(key)) {
      v.error(key, kConsentRequired);
    }
  }
  result.texts_changed = texts_changed(seminar, form, submission);
  return result;
}

}  // namespace rynek::events
