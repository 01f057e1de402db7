#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace rynek::core {
namespace {

using namespace std::chrono;

TimePoint utc(int y, unsigned m, unsigned d, int h, int min, int s = 0) {
  return sys_days(year(y) / month(m) / day(d)) + hours(h) + minutes(min) + seconds(s);
}

TEST(Iso8601, FormatsUtc) {
  EXPECT_EQ(format_iso8601(utc(2026, 3, 7, 10, 0)), "2026-03-07T10:00:00Z");
  EXPECT_EQ(format_iso8601(utc(1999, 12, 31, 23, 59, 59)), "1999-12-31T23:59:59Z");
}

TEST(Iso8601, RoundTrips) {
  for (const auto t :
       {utc(2026, 3, 7, 10, 0), utc(2026, 2, 28, 23, 59, 59), utc(2000, 1, 1, 0, 0)}) {
    EXPECT_EQ(parse_iso8601(format_iso8601(t)), t);
  }
}

TEST(Iso8601, ParsesOffsets) {
  EXPECT_EQ(parse_iso8601("2026-03-07T11:00:00+01:00"), utc(2026, 3, 7, 10, 0));
  EXPECT_EQ(parse_iso8601("2026-03-07T05:30:00-04:30"), utc(2026, 3, 7, 10, 0));
  EXPECT_EQ(parse_iso8601("2026-03-07T12:00:00+0200"), utc(2026, 3, 7, 10, 0));
  EXPECT_EQ(parse_iso8601("2026-03-07T10:00:00.250Z"), utc(2026, 3, 7, 10, 0));
}

TEST(Iso8601, WithoutZoneMeansWarsawWallTime) {
  EXPECT_EQ(parse_iso8601("2026-03-07 11:00"), utc(2026, 3, 7, 10, 0));    // winter, UTC+1
  EXPECT_EQ(parse_iso8601("2026-07-07T11:00:00"), utc(2026, 7, 7, 9, 0));  // summer, UTC+2
  EXPECT_EQ(parse_iso8601("2026-03-07 00:30"), utc(2026, 3, 6, 23, 30));
  EXPECT_EQ(parse_iso8601("2026-03-07"), utc(2026, 3, 6, 23, 0));
}

TEST(Iso8601, RejectsMalformed) {
  for (const char* bad : {"", "2026", "2026-3-7", "2026-02-30T10:00:00Z", "2026-03-07T24:00:00Z",
                          "2026-03-07T10:60Z", "2026-03-07T10:00:00+1", "2026-03-07T10:00:00Zjunk",
                          "2026-03-07X10:00", "2026-03-07T10:00:00.Z", "2026-03-07T10"}) {
    EXPECT_FALSE(parse_iso8601(bad)) << bad;
  }
}

TEST(Clock, OffsetMovesNow) {
  const auto before = Clock::now();
  Clock::set_offset(hours(24));
  const auto shifted = Clock::now();
  Clock::set_offset(seconds(0));
  EXPECT_GE(shifted - before, hours(24));
  EXPECT_LT(shifted - before, hours(24) + minutes(1));
}

}  // namespace
}  // namespace rynek::core
