#include "events/calendar.hpp"

#include <gtest/gtest.h>
#include <libical/ical.h>

namespace rynek::events {
namespace {

Seminar calendar_seminar() {
  Seminar s;
  s.title = "Forum Rozwoju Lokalnego; seminarium, 2026";
  s.lead = "Jak wspólnie wzmacniamy potencjał miast.";
  s.starts_at = *core::parse_iso8601("2026-03-07T10:00:00Z");
  s.ends_at = *core::parse_iso8601("2026-03-07T14:00:00Z");
  return s;
}

struct Parsed {
  icalcomponent* calendar;
  ~Parsed() { icalcomponent_free(calendar); }
};

TEST(SeminarIcs, WarsawLocalTimesWithVTimezone) {
  CalendarOptions options{"https://forum.example.org/seminaria/forum",
                          std::string("https://forum.example.org/u/abcdefghijklmnopqrstuv"),
                          "seminar-1@forum.example.org", "seminaria-frl@example.org"};
  auto ics = seminar_ics(calendar_seminar(), options);
  EXPECT_NE(ics.find("\r\n"), std::string::npos);
  for (std::size_t pos = ics.find('\n'); pos != std::string::npos; pos = ics.find('\n', pos + 1)) {
    ASSERT_EQ(ics[pos - 1], '\r');
  }
  EXPECT_NE(ics.find("DTSTART;TZID=Europe/Warsaw:20260307T110000"), std::string::npos) << ics;
  EXPECT_NE(ics.find("METHOD:PUBLISH"), std::string::npos);
  EXPECT_NE(ics.find("PRODID:-//Rynek//PL"), std::string::npos);

  Parsed parsed{icalparser_parse_string(ics.c_str())};
  ASSERT_NE(parsed.calendar, nullptr);
  auto* vtimezone = icalcomponent_get_first_component(parsed.calendar, ICAL_VTIMEZONE_COMPONENT);
  ASSERT_NE(vtimezone, nullptr);
  EXPECT_STREQ(
      icalproperty_get_tzid(icalcomponent_get_first_property(vtimezone, ICAL_TZID_PROPERTY)),
      "Europe/Warsaw");
  auto* event = icalcomponent_get_first_component(parsed.calendar, ICAL_VEVENT_COMPONENT);
  ASSERT_NE(event, nullptr);
  auto* dtstart = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
  auto start = icalproperty_get_dtstart(dtstart);
  EXPECT_EQ(start.hour, 11);
  EXPECT_EQ(start.minute, 0);
  EXPECT_STREQ(
      icalparameter_get_tzid(icalproperty_get_first_parameter(dtstart, ICAL_TZID_PARAMETER)),
      "Europe/Warsaw");
  EXPECT_EQ(
      icalproperty_get_dtend(icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY)).hour,
      15);
  EXPECT_STREQ(icalcomponent_get_summary(event), "Forum Rozwoju Lokalnego; seminarium, 2026");
  EXPECT_STREQ(icalcomponent_get_uid(event), "seminar-1@forum.example.org");
  EXPECT_STREQ(icalcomponent_get_location(event), "Online");
  EXPECT_STREQ(icalproperty_get_url(icalcomponent_get_first_property(event, ICAL_URL_PROPERTY)),
               "https://forum.example.org/u/abcdefghijklmnopqrstuv");
  std::string description = icalcomponent_get_description(event);
  EXPECT_NE(description.find("abcdefghijklmnopqrstuv"), std::string::npos);
  EXPECT_STREQ(
      icalproperty_get_organizer(icalcomponent_get_first_property(event, ICAL_ORGANIZER_PROPERTY)),
      "mailto:seminaria-frl@example.org");
}

TEST(SeminarIcs, PublicCopyUsesTheSeminarPageAndVenue) {
  auto seminar = calendar_seminar();
  seminar.format = Format::hybrid;
  seminar.venue = "Ratusz, Rynek 1, Chełm";
  auto ics = seminar_ics(seminar,
                         {"https://forum.example.org/seminaria/forum", std::nullopt, "s-1@x", ""});
  Parsed parsed{icalparser_parse_string(ics.c_str())};
  auto* event = icalcomponent_get_first_component(parsed.calendar, ICAL_VEVENT_COMPONENT);
  EXPECT_STREQ(icalcomponent_get_location(event), "Ratusz, Rynek 1, Chełm");
  EXPECT_STREQ(icalproperty_get_url(icalcomponent_get_first_property(event, ICAL_URL_PROPERTY)),
               "https://forum.example.org/seminaria/forum");
  EXPECT_EQ(icalcomponent_get_first_property(event, ICAL_ORGANIZER_PROPERTY), nullptr);
}

}  // namespace
}  // namespace rynek::events
