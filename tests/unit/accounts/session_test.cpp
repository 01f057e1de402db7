#include "accounts/session.hpp"

#include <gtest/gtest.h>

#include "accounts_fixture.hpp"
#include "core/tokens.hpp"

namespace rynek::accounts {
namespace {

using namespace std::chrono_literals;
using test::AccountsTest;

SessionRecord record_at(core::TimePoint created, core::TimePoint seen) {
  return {"h", 1, "c", created, seen};
}

TEST(SessionState, ValidWhileUsedWithinBothTimeouts) {
  auto t0 = core::parse_iso8601("2026-03-07T08:00:00Z").value();
  EXPECT_EQ(session_state(record_at(t0, t0), t0 + 1h), SessionState::valid);
  EXPECT_EQ(session_state(record_at(t0, t0 + 11h), t0 + 11h + 59min), SessionState::valid);
}

TEST(SessionState, IdleTimeoutIsTwoHoursAfterTheLastRequest) {
  auto t0 = core::parse_iso8601("2026-03-07T08:00:00Z").value();
  EXPECT_EQ(session_state(record_at(t0, t0 + 1h), t0 + 2h + 59min), SessionState::valid);
  EXPECT_EQ(session_state(record_at(t0, t0 + 1h), t0 + 3h), SessionState::idle_expired);
}

TEST(SessionState, AbsoluteTimeoutIsTwelveHoursAfterLoginWhateverHappens) {
  auto t0 = core::parse_iso8601("2026-03-07T08:00:00Z").value();
  EXPECT_EQ(session_state(record_at(t0, t0 + 12h - 1s), t0 + 12h), SessionState::absolute_expired);
}

TEST(SessionState, TouchedAtMostOncePerMinute) {
  auto t0 = core::parse_iso8601("2026-03-07T08:00:00Z").value();
  EXPECT_FALSE(needs_touch(record_at(t0, t0), t0 + 59s));
  EXPECT_TRUE(needs_touch(record_at(t0, t0), t0 + 60s));
}

TEST(SessionValues, CookieIsARandomTokenAndOnlyItsHashIsKept) {
  auto a = make_session_values();
  auto b = make_session_values();
  EXPECT_TRUE(core::looks_like_token(a.cookie_value));
  EXPECT_NE(a.cookie_value, b.cookie_value);
  EXPECT_EQ(a.id_hash, core::token_hash(a.cookie_value));
  EXPECT_NE(a.csrf, a.cookie_value);
}

TEST_F(AccountsTest, SessionsAreStoredByHashAndExpiredOnesSwept) {
  auto id = add_account("a@example.org");
  auto fresh = make_session_values();
  auto old = make_session_values();
  db_->write_and_wait([&](store::Connection& c) {
    insert_session(c, fresh, id, "test agent", now_);
    insert_session(c, old, id, "", now_ - 3h);
  });
  auto found = db_->read([&](store::Connection& c) { return find_session(c, fresh.id_hash); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->account_id, id);
  EXPECT_EQ(found->csrf, fresh.csrf);
  EXPECT_EQ(found->created_at, now_);
  EXPECT_FALSE(
      db_->read([&](store::Connection& c) { return find_session(c, fresh.cookie_value); }));
  std::int64_t swept = 0;
  db_->write_and_wait([&](store::Connection& c) { swept = delete_expired_sessions(c, now_); });
  EXPECT_EQ(swept, 1);
  EXPECT_FALSE(db_->read([&](store::Connection& c) { return find_session(c, old.id_hash); }));
}

TEST_F(AccountsTest, DeactivatingAnAccountEndsItsSessions) {
  auto id = add_account("b@example.org");
  auto session = make_session_values();
  db_->write_and_wait([&](store::Connection& c) { insert_session(c, session, id, "", now_); });
  db_->write_and_wait([&](store::Connection& c) { set_active(c, id, false); });
  EXPECT_FALSE(db_->read([&](store::Connection& c) { return find_session(c, session.id_hash); }));
  EXPECT_FALSE(db_->read([&](store::Connection& c) { return find_account(c, id); })->active);
}

}  // namespace
}  // namespace rynek::accounts
