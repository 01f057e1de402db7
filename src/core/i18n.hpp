// Translations and locale-aware formatting through Boost.Locale with the ICU backend.
// Message ids are English; locale/pl.po holds the Polish catalog. Polish is the default.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace rynek::core {

inline constexpr std::string_view kDefaultLanguage = "pl";
inline constexpr std::string_view kTimeZone = "Europe/Warsaw";

// Loads catalogs from <catalog_dir>/<lang>/LC_MESSAGES/rynek.mo. Call once at start.
void init_i18n(const std::filesystem::path& catalog_dir);

bool is_supported_language(std::string_view lang);  // "pl" or "en"

// Marks a message id that is translated later (the gettext N_ convention), so
// tests/unit/web/catalog_test.cpp and xgettext can find it.
constexpr const char* N_(const char* msgid) {
  return msgid;
}

std::string translate(std::string_view lang, std::string_view msgid);
// Plural-aware: picks the form for n by the language's rules (Polish has three)
// and replaces "%1%" in it with n.
std::string translate_plural(std::string_view lang, std::string_view singular,
                             std::string_view plural, long n);

// "7 marca 2026, godz. 11:00" / "7 March 2026, 11:00" in Europe/Warsaw.
std::string format_datetime(std::string_view lang, TimePoint t);
// "7 marca 2026" / "7 March 2026" in Europe/Warsaw.
std::string format_date(std::string_view lang, TimePoint t);
// "11:00"
std::string format_time(std::string_view lang, TimePoint t);

}  // namespace rynek::core
