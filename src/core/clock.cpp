#include "core/clock.hpp"

#include <unicode/timezone.h>

#include <charconv>
#include <cstdio>
#include <memory>

namespace rynek::core {

std::atomic<std::int64_t> Clock::offset_seconds_{0};

TimePoint Clock::now() {
  const auto real = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return real + std::chrono::seconds(offset_seconds_.load(std::memory_order_relaxed));
}

void Clock::set_offset(std::chrono::seconds offset) {
  offset_seconds_.store(offset.count(), std::memory_order_relaxed);
}

std::string format_iso8601(TimePoint t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{t - day};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return buffer;
}

namespace {

// A tiny cursor over the text: every read either consumes exactly what it
// expects or fails, so malformed input never half-parses.
struct Cursor {
  std::string_view text;
  bool number(int digits, int& out) {
    if (text.size() < static_cast<std::size_t>(digits)) return false;
    for (int i = 0; i < digits; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
    }
    std::from_chars(text.data(), text.data() + digits, out);
    text.remove_prefix(digits);
    return true;
  }
  bool literal(char c) {
    if (text.empty() || text.front() != c) return false;
    text.remove_prefix(1);
    return true;
  }
};

// Offset of Europe/Warsaw from UTC at the given local wall time. The zone
// object is created once; ICU's const TimeZone methods are thread-safe.
std::chrono::seconds warsaw_offset_at_local(std::chrono::sys_seconds local_as_utc) {
  static const std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone("Europe/Warsaw"));
  int32_t raw = 0;
  int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  const auto millis = static_cast<UDate>(local_as_utc.time_since_epoch().count()) * 1000.0;
  zone->getOffset(millis, /*local=*/true, raw, dst, status);
  if (U_FAILURE(status)) return std::chrono::hours(1);
  return std::chrono::seconds((raw + dst) / 1000);
}

}  // namespace

// Accepts "YYYY-MM-DDTHH:MM[:SS[.fff]]" followed by "Z", "+HH:MM", "-HH:MM"
// (or "+HHMM"), or nothing, which means Europe/Warsaw wall time; a space may
// replace the 'T'; a bare date means midnight in Warsaw.
std::optional<TimePoint> parse_iso8601(std::string_view text) {
  Cursor in{text};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!in.number(4, year) || !in.literal('-') || !in.number(2, month) || !in.literal('-') ||
      !in.number(2, day)) {
    return std::nullopt;
  }
  if (!in.text.empty()) {
    if (!in.literal('T') && !in.literal(' ')) return std::nullopt;
    if (!in.number(2, hour) || !in.literal(':') || !in.number(2, minute)) return std::nullopt;
    if (in.literal(':')) {
      if (!in.number(2, second)) return std::nullopt;
      if (in.literal('.')) {
        std::size_t digits = 0;
        while (digits < in.text.size() && in.text[digits] >= '0' && in.text[digits] <= '9')
          ++digits;
        if (digits == 0) return std::nullopt;
        in.text.remove_prefix(digits);
      }
    }
  }
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                         std::chrono::day(day)};
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const TimePoint wall = std::chrono::sys_days(date) + std::chrono::hours(hour) +
                         std::chrono::minutes(minute) + std::chrono::seconds(second);
  if (in.text.empty()) return wall - warsaw_offset_at_local(wall);
  if (in.literal('Z') || in.literal('z')) {
    return in.text.empty() ? std::optional(wall) : std::nullopt;
  }
  int sign = 0;
  if (in.literal('+')) {
    sign = 1;
  } else if (in.literal('-')) {
    sign = -1;
  } else {
    return std::nullopt;
  }
  int offset_hours = 0, offset_minutes = 0;
  if (!in.number(2, offset_hours)) return std::nullopt;
  in.literal(':');
  if (!in.number(2, offset_minutes) || !in.text.empty()) return std::nullopt;
  if (offset_hours > 18 || offset_minutes > 59) return std::nullopt;
  return wall - sign * (std::chrono::hours(offset_hours) + std::chrono::minutes(offset_minutes));
}

}  // namespace rynek::core
