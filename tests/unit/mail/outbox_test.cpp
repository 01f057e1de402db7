#include "mail/outbox.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "mail/status.hpp"
#include "mail_support.hpp"

namespace rynek::mail {
namespace {

class OutboxTest : public ::testing::Test {
 protected:
  std::optional<std::int64_t> add(NewMessage message, core::TimePoint now) {
    std::optional<std::int64_t> id;
    db_->write_and_wait([&](store::Connection& c) { id = enqueue(c, message, now); });
    return id;
  }
  OutboxStats stats() {
    return db_->read([](store::Connection& c) { return outbox_stats(c); });
  }

  test::TempDir dir_;
  std::unique_ptr<store::Database> db_ = test::open_test_database(dir_);
  core::TimePoint now_ = *core::parse_iso8601("2026-03-07T10:00:00Z");
};

TEST_F(OutboxTest, DedupKeyAllowsOneRowEver) {
  NewMessage message{MailKind::reminder_24h, "a@example.org", "A", "pl", "{}", "reminder-24h:42"};
  auto first = add(message, now_);
  ASSERT_TRUE(first);
  EXPECT_FALSE(add(message, now_));
  message.dedup_key.reset();
  auto third = add(message, now_);
  auto fourth = add(message, now_);
  ASSERT_TRUE(third && fourth);
  EXPECT_NE(*third, *fourth);
  EXPECT_EQ(stats().queued, 3);
}

TEST_F(OutboxTest, DueRowsComeOldestFirstAndMarksTouchOnlyQueuedRows) {
  NewMessage message{MailKind::admin_message, "a@example.org", "", "en", "{\"n\":1}", std::nullopt};
  auto a = *add(message, now_ + std::chrono::seconds(5));
  auto b = *add(message, now_);
  auto c = *add(message, now_ + std::chrono::seconds(60));
  auto due = db_->read([&](store::Connection& conn) {
    return due_messages(conn, now_ + std::chrono::seconds(10), 10);
  });
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].id, b);
  EXPECT_EQ(due[1].id, a);
  EXPECT_EQ(due[0].payload, "{\"n\":1}");
  EXPECT_EQ(due[0].lang, "en");
  EXPECT_EQ(due[0].created_at, now_);

  db_->write_and_wait([&](store::Connection& conn) {
    const std::int64_t sent[] = {b};
    mark_sent(conn, sent, now_);
    mark_retry(conn, a, 1, now_ + std::chrono::seconds(100), "451 later");
    mark_failed(conn, c, 1, "550 no such user");
    // Late duplicates of marks change nothing.
    mark_failed(conn, b, 9, "late");
    mark_retry(conn, c, 9, now_, "late");
  });
  auto s = stats();
  EXPECT_EQ(s.queued, 1);
  EXPECT_EQ(s.sent, 1);
  EXPECT_EQ(s.failed, 1);
  EXPECT_TRUE(db_->read([&](store::Connection& conn) {
                   return due_messages(conn, now_ + std::chrono::seconds(99), 10);
                 })
                  .empty());
  auto row = db_->read([&](store::Connection& conn) {
    return conn.query_one("SELECT attempts, last_error, state FROM outbox WHERE id = ?", {c});
  });
  EXPECT_EQ(row->integer(0), 1);
  EXPECT_EQ(row->text(1), "550 no such user");
  EXPECT_EQ(row->text(2), "failed");

  std::ostringstream out;
  EXPECT_EQ(mail_status(*db_, out), 0);
  EXPECT_NE(out.str().find("queued: 1\nsent: 1\nfailed: 1\n"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("550 no such user"), std::string::npos);
}

}  // namespace
}  // namespace rynek::mail
