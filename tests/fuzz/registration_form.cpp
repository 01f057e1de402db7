// Fuzzes registration form validation (src/events/form.cpp): the input is a submitted
// application/x-www-form-urlencoded body, decoded by http::decode_form() as the handler does,
// then validate_registration() against a seminar with one field of every type and two
// consents; also normalise_email() on the raw input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/text.hpp"
#include "events/form.hpp"
#include "http/url.hpp"

namespace {

rynek::events::Seminar form_seminar() {
  using namespace rynek::events;
  Seminar s;
  s.fields = {{"organisation", FieldType::text, "Organisation", "", true, {}},
              {"email2", FieldType::email, "Second address", "", false, {}},
              {"role", FieldType::select, "Role", "", true, {"Urząd", "Inne"}},
              {"topics", FieldType::multiselect, "Topics", "", false, {"A", "B", "C"}},
              {"phone", FieldType::phone, "Phone", "", false, {}},
              {"questions", FieldType::textarea, "Questions", "", false, {}},
              {"invoice", FieldType::checkbox, "Invoice", "", false, {}}};
  s.consents = {{"newsletter", "Newsletter", "v1", false}, {"rules", "Rules", "v2", true}};
  s.privacy_clause_version = "2026-01";
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rynek;
  static const events::Seminar seminar = form_seminar();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (auto email = events::normalise_email(input)) {
    if (!core::is_valid_utf8(*email)) std::abort();
  }
  auto form = http::decode_form(input);
  if (!form) return 0;
  for (auto lang : {"pl", "en"}) {
    auto result = events::validate_registration(seminar, *form, lang);
    if (!result.errors.empty() || result.honeypot_filled) continue;
    // What is accepted goes into e-mail headers and the database: no line breaks, no NUL.
    const auto& submission = result.submission;
    for (const auto* text : {&submission.name, &submission.email}) {
      if (text->find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) std::abort();
    }
    if (auto role = submission.answers.find("role"); role != submission.answers.end()) {
      for (const auto& value : role->second) {
        if (value != "Urząd" && value != "Inne") std::abort();
      }
    }
  }
  return 0;
}
