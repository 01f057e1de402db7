// Dates and times for people: always Europe/Warsaw wall time, Polish with the
// genitive month ("7 marca 2026, godz. 11:00"), English as "7 March 2026, 11:00".
//
// ICU's SimpleDateFormat is used directly (Boost.Locale's ICU backend wraps the
// same class): its "MMMM" pattern is the format-context month name, which in
// Polish is exactly the genitive form. Building a formatter costs far more than
// using one, and formatters must not be shared between threads, so each thread
// keeps one per (language, pattern).
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <array>
#include <memory>

#include "core/i18n.hpp"

namespace rynek::core {
namespace {

enum class Pattern { kDateTime, kDate, kTime };

const char* pattern_text(bool polish, Pattern pattern) {
  switch (pattern) {
    case Pattern::kDateTime:
      return polish ? "d MMMM y, 'godz.' HH:mm" : "d MMMM y, HH:mm";
    case Pattern::kDate:
      return "d MMMM y";
    case Pattern::kTime:
      return "HH:mm";
  }
  return "";
}

std::unique_ptr<icu::SimpleDateFormat> make_formatter(bool polish, Pattern pattern) {
  UErrorCode status = U_ZERO_ERROR;
  auto formatter = std::make_unique<icu::SimpleDateFormat>(
      icu::UnicodeString::fromUTF8(pattern_text(polish, pattern)),
      icu::Locale(polish ? "pl_PL" : "en_GB"), status);
  if (U_FAILURE(status)) return nullptr;
  formatter->adoptTimeZone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(
      icu::StringPiece(kTimeZone.data(), static_cast<int32_t>(kTimeZone.size())))));
  return formatter;
}

std::string format(std::string_view lang, TimePoint t, Pattern pattern) {
  thread_local std::array<std::unique_ptr<icu::SimpleDateFormat>, 6> formatters;
  const bool polish = lang != "en";
  auto& formatter = formatters[static_cast<std::size_t>(pattern) * 2 + (polish ? 0 : 1)];
  if (!formatter) formatter = make_formatter(polish, pattern);
  if (!formatter) return format_iso8601(t);
  icu::UnicodeString text;
  formatter->format(static_cast<UDate>(t.time_since_epoch().count()) * 1000.0, text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace

std::string format_datetime(std::string_view lang, TimePoint t) {
  return format(lang, t, Pattern::kDateTime);
}
std::string format_date(std::string_view lang, TimePoint t) {
  return format(lang, t, Pattern::kDate);
}
std::string format_time(std::string_view lang, TimePoint t) {
  return format(lang, t, Pattern::kTime);
}

}  // namespace rynek::core
