// Times in seminar files: Warsaw wall time unless an offset is given.
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace rynek::events::detail {

// "YYYY-MM-DD" of the Warsaw calendar day containing t.
std::string warsaw_date(core::TimePoint t);
// A "YYYY-MM-DD" day, or the Monday after it when it is a Saturday or Sunday
// (relative seminar dates in demo content should not land on a weekend).
std::string next_working_day(std::string_view date);
// A time of day "HH:MM" on a Warsaw calendar day; nullopt when malformed.
std::optional<core::TimePoint> warsaw_time_on(std::string_view date, std::string_view hh_mm);
// A TOML date-time (with or without offset) or a string ("2026-03-07 11:00",
// "2026-03-07T11:00:00+01:00"); nullopt when neither or malformed.
std::optional<core::TimePoint> time_from_node(const toml::node* node);

}  // namespace rynek::events::detail
