// The worker when the server is away, refuses or hesitates, and when it stops mid-burst.
#include <thread>

#include "worker_fixture.hpp"

namespace rynek::mail::test {
namespace {

TEST_F(WorkerTest, ServerDownThenUpDeliversEveryMessageOnceAfterBackoff) {
  const int port = free_port();
  for (int i = 0; i < 10; ++i) add("p" + std::to_string(i) + "@example.org", "P");
  MailWorker worker(*db_, compose, options("smtp://127.0.0.1:" + std::to_string(port)));
  worker.start();
  ASSERT_TRUE(wait_until([&] {
    return db_->read([](store::Connection& c) {
      return c.query_one("SELECT COUNT(*) FROM outbox WHERE attempts > 0")->integer(0);
    }) == 10;
  }));
  EXPECT_EQ(stats().sent, 0);
  EXPECT_EQ(stats().queued, 10);
  auto first = db_->read(
      [](store::Connection& c) { return c.query_one("SELECT last_error FROM outbox")->text(0); });
  EXPECT_NE(first.find("onnect"), std::string::npos) << first;

  SmtpSink sink(maildir_, port);
  ASSERT_TRUE(wait_until([&] { return stats().sent == 10; }));
  worker.stop();
  EXPECT_EQ(sink.messages().size(), 10u);
  EXPECT_EQ(unique_ids(sink).size(), 10u);
  EXPECT_EQ(stats().failed, 0);
}

TEST_F(WorkerTest, PermanentRejectionFailsAfterOneAttempt) {
  SmtpSink sink(maildir_, 0, {"--reject-rcpt", "^nobody@"});
  auto bad = add("nobody@example.org", "N");
  auto good = add("somebody@example.org", "S");
  MailWorker worker(*db_, compose, options(sink.url()));
  worker.start();
  ASSERT_TRUE(wait_until([&] { return stats().failed == 1 && stats().sent == 1; }));
  worker.stop();
  EXPECT_EQ(row(bad)->text(0), "failed");
  EXPECT_EQ(row(bad)->integer(1), 1);
  EXPECT_NE(row(bad)->text(2).find("550"), std::string::npos) << row(bad)->text(2);
  EXPECT_EQ(row(good)->text(0), "sent");
  ASSERT_EQ(sink.messages().size(), 1u);
  EXPECT_EQ(parse_message(sink.messages()[0]).header("X-Sink-Rcpt-To"), "somebody@example.org");
}

TEST_F(WorkerTest, TemporaryRejectionIsRetriedWithBackoffUntilMaxAttempts) {
  SmtpSink sink(maildir_, 0, {"--tempfail-rcpt", "^busy@"});
  auto busy = add("busy@example.org", "B");
  auto options = this->options(sink.url());
  options.max_attempts = 3;
  MailWorker worker(*db_, compose, options);
  worker.start();
  ASSERT_TRUE(wait_until([&] { return row(busy)->integer(1) >= 1; }));
  EXPECT_EQ(row(busy)->text(0), "queued");
  EXPECT_NE(row(busy)->text(2).find("450"), std::string::npos) << row(busy)->text(2);
  // Backoff 1 s then 2 s: the third attempt fails it for good.
  ASSERT_TRUE(wait_until([&] { return row(busy)->text(0) == "failed"; }));
  worker.stop();
  EXPECT_EQ(row(busy)->integer(1), 3);
  EXPECT_TRUE(sink.messages().empty());
}

TEST_F(WorkerTest, FirstMessagesRefusedAtDataAreDeliveredOnceLater) {
  SmtpSink sink(maildir_, 0, {"--fail-first", "3"});
  for (int i = 0; i < 6; ++i) add("p" + std::to_string(i) + "@example.org", "P");
  MailWorker worker(*db_, compose, options(sink.url()));
  worker.start();
  ASSERT_TRUE(wait_until([&] { return stats().sent == 6; }));
  worker.stop();
  EXPECT_EQ(sink.messages().size(), 6u);
  EXPECT_EQ(unique_ids(sink).size(), 6u);
  auto retried = db_->read([](store::Connection& c) {
    return c.query_one("SELECT COUNT(*) FROM outbox WHERE attempts = 2")->integer(0);
  });
  EXPECT_EQ(retried, 3);
}

TEST_F(WorkerTest, StopWithMessagesInFlightLosesNothingAndSendsNothingTwice) {
  SmtpSink sink(maildir_, 0);
  constexpr int kCount = 400;
  db_->write_and_wait([&](store::Connection& c) {
    for (int i = 0; i < kCount; ++i) {
      enqueue(
          c,
          {MailKind::admin_message, "p" + std::to_string(i) + "@example.org", "P", "pl", "{}", {}},
          core::Clock::now());
    }
  });
  {
    MailWorker worker(*db_, compose, options(sink.url()));
    worker.start();
    ASSERT_TRUE(wait_until([&] { return sink.messages().size() >= 20; }));
    worker.stop();
  }
  auto after_stop = stats();
  EXPECT_GT(after_stop.sent, 0);
  EXPECT_LT(after_stop.sent, kCount) << "stopped too late to test anything";
  EXPECT_EQ(after_stop.sent + after_stop.queued, kCount);
  // Everything the server accepted is marked: nothing waits to be sent again.
  EXPECT_EQ(sink.messages().size(), static_cast<std::size_t>(after_stop.sent));

  MailWorker again(*db_, compose, options(sink.url()));
  again.start();
  ASSERT_TRUE(wait_until([&] { return stats().sent == kCount; }));
  again.stop();
  EXPECT_EQ(sink.messages().size(), static_cast<std::size_t>(kCount));
  EXPECT_EQ(unique_ids(sink).size(), static_cast<std::size_t>(kCount));
}

TEST_F(WorkerTest, WakeSendsNewRowsWithoutWaitingForThePoll) {
  SmtpSink sink(maildir_, 0);
  auto o = options(sink.url());
  o.poll_interval = std::chrono::seconds(60);
  MailWorker worker(*db_, compose, o);
  worker.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the first poll is done
  add("p@example.org", "P");
  worker.wake();
  EXPECT_TRUE(wait_until([&] { return stats().sent == 1; }, std::chrono::seconds(5)));
  worker.stop();
}

}  // namespace
}  // namespace rynek::mail::test
