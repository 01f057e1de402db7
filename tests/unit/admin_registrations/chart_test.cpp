#include <gtest/gtest.h>

#include "../events/events_fixture.hpp"
#include "web/admin/attendance_chart.hpp"

namespace rynek::web::admin {
namespace {

using events::testing::at;

events::Registration seen(const char* first, const char* last) {
  events::Registration r;
  r.first_seen_at = at(first);
  r.last_seen_at = at(last);
  return r;
}

TEST(Attendance, CountsPeopleInEachFiveMinuteSlot) {
  const auto start = at("2026-03-07T10:00:00Z");
  const auto end = at("2026-03-07T10:30:00Z");
  auto slots = presence_by_slot(start, end,
                                {seen("2026-03-07T10:00:00Z", "2026-03-07T10:12:00Z"),
                                 seen("2026-03-07T10:07:00Z", "2026-03-07T10:29:00Z"),
                                 events::Registration{}});  // never joined
  ASSERT_EQ(slots.size(), 6u);
  std::vector<int> present;
  for (const auto& s : slots) present.push_back(s.present);
  EXPECT_EQ(present, (std::vector<int>{1, 2, 2, 1, 1, 1}));
  EXPECT_EQ(slots[1].starts_at, at("2026-03-07T10:05:00Z"));
}

TEST(Attendance, SvgIsAnAccessibleImageWithOneBarPerSlot) {
  const auto start = at("2026-03-07T10:00:00Z");
  auto slots = presence_by_slot(start, at("2026-03-07T11:00:00Z"),
                                {seen("2026-03-07T10:00:00Z", "2026-03-07T10:20:00Z")});
  auto svg = attendance_svg(slots, "pl", "Obecni <co 5 min>", "Opis & dane");
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"attendance-title\">Obecni &lt;co 5 min&gt;</title>"),
            std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"attendance-desc\">Opis &amp; dane</desc>"), std::string::npos);
  EXPECT_EQ(svg.find("style="), std::string::npos);
  std::size_t bars = 0;
  for (auto at = svg.find("<rect"); at != std::string::npos; at = svg.find("<rect", at + 1)) ++bars;
  EXPECT_EQ(bars, 12u);
  EXPECT_NE(svg.find(">11:00</text>"), std::string::npos);  // Warsaw time of the start
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
}

TEST(Attendance, DurationReadsAsHoursAndMinutes) {
  EXPECT_EQ(format_duration(0), "0 min");
  EXPECT_EQ(format_duration(25 * 60 + 30), "25 min");
  EXPECT_EQ(format_duration(65 * 60), "1 h 05 min");
}

}  // namespace
}  // namespace rynek::web::admin
