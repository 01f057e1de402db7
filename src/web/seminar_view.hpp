// A seminar as templates see it: times in Europe/Warsaw with the zone named,
// agenda, materials, format. Shared by the public pages, personal pages and e-mails.
#pragma once

#include <string>

#include "events/registration.hpp"
#include "events/seminar.hpp"
#include "view/templates.hpp"
#include "web/hero_image.hpp"

namespace rynek::web {

enum class MaterialsShown { public_only, all };

// Without `images` the hero (if any) is a plain <img>; public pages pass the
// heroes' variants (seminar_heroes, read in the same read as the seminars) so
// the hero gets srcset and its real width/height.
view::Value seminar_value(const std::string& lang, const events::Seminar& seminar,
                          MaterialsShown materials, const HeroImages& images = {});

// Inside a read: the heroes of these seminars with their variants and sizes.
HeroImages seminar_heroes(store::Connection& db, const content::MediaStore& media,
                          const std::vector<events::Seminar>& seminars);

// "3 grudnia 2026, godz. 11:00–15:00 (czas warszawski)"
std::string seminar_when(const std::string& lang, const events::Seminar& seminar);

std::string seminar_url(const events::Seminar& seminar);  // "/seminaria/<slug>"

enum class RegistrationWindow { not_yet, open, closed };
RegistrationWindow registration_window(const events::Seminar& seminar, core::TimePoint now);

}  // namespace rynek::web
