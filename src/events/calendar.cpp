// The .ics file. Times are written as Warsaw wall time with TZID=Europe/Warsaw
// and the zone's VTIMEZONE (trimmed to the rules in force from the seminar on),
// which calendars honour better than UTC times: the event stays at 11:00 local
// time for every reader. libical escapes the text values and folds long lines.
#include "events/calendar.hpp"

#include <libical/ical.h>

#include <memory>
#include <stdexcept>

namespace rynek::events {
namespace {

constexpr const char* kZone = "Europe/Warsaw";

icaltimezone* warsaw() {
  auto* zone = icaltimezone_get_builtin_timezone(kZone);
  if (!zone) throw std::runtime_error("libical has no time zone data for Europe/Warsaw");
  return zone;
}

icaltimetype utc_time(core::TimePoint t) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(t.time_since_epoch().count()), 0,
                                       icaltimezone_get_utc_timezone());
}

// Local wall time written with an explicit TZID parameter, so it does not
// depend on how libical prints zoned times.
icalproperty* local_time(icalproperty* (*make)(icaltimetype), core::TimePoint t) {
  auto local =
      icaltime_from_timet_with_zone(static_cast<time_t>(t.time_since_epoch().count()), 0, warsaw());
  local.zone = nullptr;
  auto* property = make(local);
  icalproperty_add_parameter(property, icalparameter_new_tzid(kZone));
  return property;
}

icalcomponent* timezone_component(core::TimePoint from) {
  auto* vtimezone = icalcomponent_new_clone(icaltimezone_get_component(warsaw()));
  icaltimezone_truncate_vtimezone(vtimezone, utc_time(from), icaltime_null_time(), 1);
  // libical names its zones "/freeassociation.sourceforge.net/..."; calendars expect the plain
  // name.
  if (auto* tzid = icalcomponent_get_first_property(vtimezone, ICAL_TZID_PROPERTY)) {
    icalproperty_set_tzid(tzid, kZone);
  }
  return vtimezone;
}

struct ComponentDeleter {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};

}  // namespace

std::string seminar_ics(const Seminar& seminar, const CalendarOptions& options) {
  std::unique_ptr<icalcomponent, ComponentDeleter> calendar(
      icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(calendar.get(), icalproperty_new_prodid("-//Rynek//PL"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(
      calendar.get(),
      icalproperty_new_method(options.cancelled ? ICAL_METHOD_CANCEL : ICAL_METHOD_PUBLISH));
  icalcomponent_add_component(calendar.get(), timezone_component(seminar.starts_at));

  const auto& url = options.personal_url ? *options.personal_url : options.seminar_url;
  std::string description = seminar.lead;
  if (!url.empty()) description += (description.empty() ? "" : "\n\n") + url;

  auto* event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  icalcomponent_add_property(event, icalproperty_new_uid(options.uid.c_str()));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(utc_time(core::Clock::now())));
  if (options.cancelled) {
    icalcomponent_add_property(event, icalproperty_new_sequence(1));
    icalcomponent_add_property(event, icalproperty_new_status(ICAL_STATUS_CANCELLED));
  }
  icalcomponent_add_property(event, local_time(icalproperty_new_dtstart, seminar.starts_at));
  icalcomponent_add_property(event, local_time(icalproperty_new_dtend, seminar.ends_at));
  icalcomponent_add_property(event, icalproperty_new_summary(seminar.title.c_str()));
  icalcomponent_add_property(event, icalproperty_new_description(description.c_str()));
  if (!url.empty()) icalcomponent_add_property(event, icalproperty_new_url(url.c_str()));
  const std::string location =
      seminar.format == Format::online || seminar.venue.empty() ? "Online" : seminar.venue;
  icalcomponent_add_property(event, icalproperty_new_location(location.c_str()));
  if (!options.organizer_email.empty()) {
    icalcomponent_add_property(
        event, icalproperty_new_organizer(("mailto:" + options.organizer_email).c_str()));
  }
  icalcomponent_add_component(calendar.get(), event);

  char* text = icalcomponent_as_ical_string_r(calendar.get());
  std::string result(text);
  icalmemory_free_buffer(text);
  return result;
}

}  // namespace rynek::events
