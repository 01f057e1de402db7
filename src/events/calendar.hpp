// iCalendar (.ics) files for seminars, built with libical: a VEVENT with a
// VTIMEZONE for Europe/Warsaw, so calendars show the right local time.
#pragma once

#include <optional>
#include <string>

#include "events/seminar.hpp"

namespace rynek::events {

struct CalendarOptions {
  std::string seminar_url;                  // public page
  std::optional<std::string> personal_url;  // the participation link, for a registrant's copy
  std::string uid;                          // stable, e.g. "seminar-12@forum.example.org"
  std::string organizer_email;              // optional
  // A cancellation of the entry an invitation with the same uid made: METHOD:CANCEL,
  // STATUS:CANCELLED and a higher SEQUENCE, so calendars remove it.
  bool cancelled = false;
};

std::string seminar_ics(const Seminar& seminar, const CalendarOptions& options);

}  // namespace rynek::events
