#include "accounts/lockout.hpp"

#include <gtest/gtest.h>

#include "accounts_fixture.hpp"

namespace rynek::accounts {
namespace {

using namespace std::chrono_literals;
using test::AccountsTest;

TEST(Lockout, FifthFailureWithinTheWindowLocksForFifteenMinutes) {
  auto t0 = core::parse_iso8601("2026-03-07T08:00:00Z").value();
  std::optional<FailureState> state;
  for (int i = 0; i < 4; ++i) {
    state = after_failure(state, t0 + std::chrono::minutes(i));
    EXPECT_FALSE(is_locked(state, t0 + std::chrono::minutes(i))) << i;
  }
  state = after_failure(state, t0 + 4min);
  EXPECT_EQ(state->count, 5);
  EXPECT_TRUE(is_locked(state, t0 + 4min));
  EXPECT_TRUE(is_locked(state, t0 + 18min + 59s));
  EXPECT_FALSE(is_locked(state, t0 + 19min));
}

TEST(Lockout, FailuresSpreadBeyondTheWindowDoNotAddUp) {
  auto t0 = core::parse_iso8601("2026-03-07T08:00:00Z").value();
  std::optional<FailureState> state;
  for (int i = 0; i < 10; ++i) state = after_failure(state, t0 + std::chrono::minutes(4 * i));
  EXPECT_LT(state->count, kMaxFailures);
  EXPECT_FALSE(is_locked(state, t0 + 40min));
}

TEST(Lockout, AFailureAfterTheLockRunsOutStartsAfresh) {
  auto t0 = core::parse_iso8601("2026-03-07T08:00:00Z").value();
  std::optional<FailureState> state;
  for (int i = 0; i < 5; ++i) state = after_failure(state, t0);
  state = after_failure(state, t0 + 16min);
  EXPECT_EQ(state->count, 1);
  EXPECT_FALSE(is_locked(state, t0 + 16min));
}

TEST(Lockout, NoStateMeansNotLocked) {
  EXPECT_FALSE(is_locked(std::nullopt, core::TimePoint{}));
}

TEST_F(AccountsTest, FailuresAreCountedPerNormalisedAddressAndClearedOnSuccess) {
  for (int i = 0; i < 5; ++i) {
    db_->write_and_wait([&](store::Connection& c) {
      record_failure(c, i % 2 ? "Kto@Example.org" : " kto@example.org",
                     now_ + std::chrono::seconds(i));
    });
  }
  auto state = db_->read([&](store::Connection& c) { return load_failures(c, "kto@example.org"); });
  ASSERT_TRUE(state);
  EXPECT_EQ(state->count, 5);
  EXPECT_TRUE(is_locked(state, now_ + 1min));
  db_->write_and_wait([&](store::Connection& c) { clear_failures(c, "KTO@example.org"); });
  EXPECT_FALSE(
      db_->read([&](store::Connection& c) { return load_failures(c, "kto@example.org"); }));
}

}  // namespace
}  // namespace rynek::accounts
