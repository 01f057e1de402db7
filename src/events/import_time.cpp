#include "events/import_time.hpp"

#include <unicode/timezone.h>

#include <cstdio>
#include <memory>
#include <sstream>

namespace rynek::events::detail {

std::string warsaw_date(core::TimePoint t) {
  static const std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone("Europe/Warsaw"));
  int32_t raw = 0;
  int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone->getOffset(static_cast<UDate>(t.time_since_epoch().count()) * 1000.0, false, raw, dst,
                  status);
  const auto offset =
      U_FAILURE(status) ? std::chrono::seconds(3600) : std::chrono::seconds((raw + dst) / 1000);
  const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(t + offset)};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return buffer;
}

std::string next_working_day(std::string_view date) {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  if (std::sscanf(std::string(date).c_str(), "%4d-%2u-%2u", &year, &month, &day) != 3)
    return std::string(date);
  const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                        std::chrono::day(day)};
  if (!ymd.ok()) return std::string(date);
  std::chrono::sys_days days{ymd};
  const std::chrono::weekday weekday{days};
  if (weekday == std::chrono::Saturday) days += std::chrono::days(2);
  if (weekday == std::chrono::Sunday) days += std::chrono::days(1);
  const std::chrono::year_month_day moved{days};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(moved.year()),
                static_cast<unsigned>(moved.month()), static_cast<unsigned>(moved.day()));
  return buffer;
}

std::optional<core::TimePoint> warsaw_time_on(std::string_view date, std::string_view hh_mm) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (hh_mm.size() != 5 || !digit(hh_mm[0]) || !digit(hh_mm[1]) || hh_mm[2] != ':' ||
      !digit(hh_mm[3]) || !digit(hh_mm[4])) {
    return std::nullopt;
  }
  return core::parse_iso8601(std::string(date) + " " + std::string(hh_mm));
}

std::optional<core::TimePoint> time_from_node(const toml::node* node) {
  if (!node) return std::nullopt;
  if (auto text = node->value<std::string>()) return core::parse_iso8601(*text);
  if (auto dt = node->value<toml::date_time>()) {
    std::ostringstream out;
    out << *dt;  // no offset: "2026-03-07T11:00:00", which parse_iso8601 reads as Warsaw time
    return core::parse_iso8601(out.str());
  }
  return std::nullopt;
}

}  // namespace rynek::events::detail
