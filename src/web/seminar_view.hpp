// A seminar as templates see it: times in Europe/Warsaw with the zone named,
// agenda, materials, format. Shared by the public pages, personal pages and e-mails.
#pragma once

#include <string>

#include "events/registration.hpp"
#include "events/seminar.hpp"
#include "view/templates.hpp"

namespace rynek::web {

enum class MaterialsShown { public_only, all };

view::Value seminar_value(const std::string& lang, const events::Seminar& seminar,
                          MaterialsShown materials);

// "3 grudnia 2026, godz. 11:00–15:00 (czas warszawski)"
std::string seminar_when(const std::string& lang, const events::Seminar& seminar);

std::string seminar_url(const events::Seminar& seminar);  // "/seminaria/<slug>"

enum class RegistrationWindow { not_yet, open, closed };
RegistrationWindow registration_window(const events::Seminar& seminar, core::TimePoint now);

}  // namespace rynek::web
