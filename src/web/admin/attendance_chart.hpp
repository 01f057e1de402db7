// The attendance report: who opened the seminar through their personal link,
// for how long, and how many people were present over the seminar's course.
//
// Presence is estimated from each person's first and last heartbeat: someone is
// counted in every 5-minute slot their [first_seen, last_seen] span touches. The
// chart is drawn on the server as SVG (no script, no inline style: colours are
// SVG presentation attributes, which the CSP does not restrict), with <title>
// and <desc> for screen readers and the same numbers in a table beside it.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "events/registration.hpp"
#include "web/admin/access.hpp"

namespace rynek::web::admin {

struct PresenceSlot {
  core::TimePoint starts_at;
  int present = 0;
};

// Slots of `slot` length from `starts_at` until `ends_at` (the last may be shorter).
std::vector<PresenceSlot> presence_by_slot(core::TimePoint starts_at, core::TimePoint ends_at,
                                           const std::vector<events::Registration>& attendees,
                                           std::chrono::minutes slot = std::chrono::minutes(5));

// A bar chart of the slots; `title` and `description` are plain text (escaped here).
std::string attendance_svg(const std::vector<PresenceSlot>& slots, const std::string& lang,
                           const std::string& title, const std::string& description);

// "1 h 05 min" / "25 min"
std::string format_duration(std::int64_t seconds);

http::Response attendance_page(App& app, http::Request& request, const Session& session);

}  // namespace rynek::web::admin
