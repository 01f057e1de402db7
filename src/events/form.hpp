// The registration form: what a seminar asks for, and server-side validation.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "events/registration.hpp"
#include "events/seminar.hpp"

namespace rynek::events {

inline constexpr std::size_t kMaxFieldLength = 500;  // text, email, phone, select
inline constexpr std::size_t kMaxTextareaLength = 4000;

struct FieldError {
  std::string key;      // "name", "email", "f_<key>" for a field, "consent_<key>"
  std::string message;  // English message id, translated by the page
};

struct FormResult {
  Submission submission;
  std::vector<FieldError> errors;  // empty: the submission is valid
  bool honeypot_filled = false;    // a bot: pretend success, store nothing
  // The versions the form was shown with ("version_privacy" and one
  // "version_consent_<key>" per consent, hidden inputs) are not exactly the
  // seminar's current ones, or are missing: the person has not read the texts
  // that would be stored, so nothing may be registered.
  bool texts_changed = false;
};

// Values as decoded from application/x-www-form-urlencoded (keys may repeat for multiselect).
// Inputs: "name", "email", "f_<key>" for each field, "consent_<key>" = "yes" for each consent
// given, "website" (the honeypot: people never see it, bots fill it), and the hidden
// versions described at FormResult::texts_changed. The information
// clause (RODO art. 13) is information, not consent: it is shown, not ticked, and its
// version is stored with the registration.
FormResult validate_registration(const Seminar& seminar,
                                 const std::vector<std::pair<std::string, std::string>>& form,
                                 const std::string& lang);

// Lower-cases and trims; nullopt when the address breaks the one address rule
// (core/email.hpp).
std::optional<std::string> normalise_email(std::string_view address);

}  // namespace rynek::events
