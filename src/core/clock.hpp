// An injectable clock: production code asks Clock::now(); tests may move time.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rynek::core {

using TimePoint = std::chrono::sys_seconds;

class Clock {
 public:
  static TimePoint now();
  // Shifts now() by the given offset (tests and RYNEK_CLOCK_OFFSET only).
  static void set_offset(std::chrono::seconds offset);

 private:
  static std::atomic<std::int64_t> offset_seconds_;
};

// ISO 8601 in UTC, e.g. "2026-03-07T10:00:00Z"; and back (accepts offsets like +01:00).
std::string format_iso8601(TimePoint t);
std::optional<TimePoint> parse_iso8601(std::string_view text);

}  // namespace rynek::core
