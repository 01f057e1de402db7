// The worker against the real SMTP sink: what arrives, and how it looks.
#include <thread>

#include "worker_fixture.hpp"

namespace rynek::mail::test {
namespace {

TEST_F(WorkerTest, DeliversEveryMessageOnceWithAlternativesAndAnIcsOverKeptConnections) {
  SmtpSink sink(maildir_, 0);
  constexpr int kCount = 40;
  for (int i = 0; i < kCount; ++i) {
    add("person" + std::to_string(i) + "@example.org", "Person " + std::to_string(i),
        {{"subject", "Seminar " + std::to_string(i)}, {"ics", true}});
  }
  MailWorker worker(*db_, compose, options(sink.url()));
  worker.start();
  ASSERT_TRUE(wait_until([&] { return stats().sent == kCount; }));
  worker.stop();
  EXPECT_EQ(stats().queued, 0);
  EXPECT_EQ(stats().failed, 0);

  const auto messages = sink.messages();
  ASSERT_EQ(messages.size(), static_cast<std::size_t>(kCount));
  const auto ids = unique_ids(sink);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kCount));
  for (const auto& id : ids) {
    EXPECT_EQ(id.rfind("<outbox-", 0), 0u) << id;
    EXPECT_NE(id.find("@rynek.test>"), std::string::npos) << id;
  }
  // Two connections, kept open across 40 messages.
  EXPECT_LE(sink.sessions(), 2);

  const Entity mail = parse_message(messages.front());
  EXPECT_EQ(mail.count("X-Sink-Rcpt-To"), 1u);
  EXPECT_EQ(mail.header("From"), "\"Rynek Forum\" <noreply@rynek.test>");
  EXPECT_EQ(mail.header("X-Sink-Mail-From"), "noreply@rynek.test");
  EXPECT_EQ(mail.header("Auto-Submitted"), "auto-generated");
  EXPECT_EQ(mail.header("MIME-Version"), "1.0");
  EXPECT_EQ(mail.count("MIME-Version"), 1u);
  EXPECT_NE(mail.header("Date").find(" +0000"), std::string::npos);
  EXPECT_EQ(mail.header("Content-Type").rfind("multipart/mixed", 0), 0u);
  const Entity* text = mail.find("text/plain");
  const Entity* html = mail.find("text/html");
  const Entity* ics = mail.find("text/calendar");
  ASSERT_TRUE(text && html && ics);
  EXPECT_EQ(text->body, "Dzień dobry,\r\nto jest wiadomość.\r\n");
  EXPECT_EQ(html->body, "<p>Dzień dobry</p>");
  EXPECT_NE(text->header("Content-Type").find("charset=utf-8"), std::string::npos);
  EXPECT_EQ(ics->body, kIcs);
  EXPECT_NE(ics->header("Content-Type").find("method=PUBLISH"), std::string::npos);
  EXPECT_NE(ics->header("Content-Disposition").find("invite.ics"), std::string::npos);
  ASSERT_EQ(mail.parts.size(), 2u);
  EXPECT_EQ(mail.parts[0].header("Content-Type").rfind("multipart/alternative", 0), 0u);
}

TEST_F(WorkerTest, PolishSubjectsAndNamesArriveEncodedAndIntact) {
  SmtpSink sink(maildir_, 0);
  add("lucja@example.org", "Łucja Żółć-Gęślak",
      {{"subject", "Potwierdzenie rejestracji: Forum Rozwoju Lokalnego — Łódź, źdźbło"}});
  MailWorker worker(*db_, compose, options(sink.url()));
  worker.start();
  ASSERT_TRUE(wait_until([&] { return sink.messages().size() == 1; }));
  worker.stop();
  const std::string raw = sink.messages().front();
  const auto head = raw.substr(0, raw.find("\r\n\r\n"));
  for (unsigned char c : head) EXPECT_LT(c, 0x80) << "8-bit byte in the header";
  const Entity mail = parse_message(raw);
  EXPECT_EQ(decode_words(mail.header("Subject")),
            "Potwierdzenie rejestracji: Forum Rozwoju Lokalnego — Łódź, źdźbło");
  EXPECT_EQ(decode_words(mail.header("To")), "Łucja Żółć-Gęślak <lucja@example.org>");
}

TEST_F(WorkerTest, LineBreaksInNamesAndSubjectsCannotInjectHeaders) {
  SmtpSink sink(maildir_, 0);
  add("target@example.org", "X\r\nBcc: victim@example.org",
      {{"subject", "Hi\r\nBcc: victim2@example.org\nX-Evil: 1"}});
  add("target2@example.org", "Zażółć\r\nBcc: victim@example.org", {{"subject", "Ząb\r\n\r\nbody"}});
  MailWorker worker(*db_, compose, options(sink.url()));
  worker.start();
  ASSERT_TRUE(wait_until([&] { return stats().sent == 2; }));
  worker.stop();
  for (const auto& raw : sink.messages()) {
    const Entity mail = parse_message(raw);
    EXPECT_EQ(mail.count("Bcc"), 0u) << raw;
    EXPECT_EQ(mail.count("X-Evil"), 0u) << raw;
    EXPECT_EQ(mail.count("X-Sink-Rcpt-To"), 1u) << raw;
    EXPECT_EQ(raw.find("victim@example.org\r\n"), std::string::npos);
    EXPECT_NE(mail.find("text/plain"), nullptr) << "the injected blank line split the header";
  }
}

TEST_F(WorkerTest, MalformedAddressesFailAtOnceAndNothingIsSent) {
  SmtpSink sink(maildir_, 0);
  auto a = add("a@example.org\r\nRCPT TO:<victim@example.org>", "A");
  auto b = add("a@example.org,victim@example.org", "B");
  auto c = add("a b@example.org", "C");
  auto give_up = add("ok@example.org", "D", {{"give_up", true}});
  MailWorker worker(*db_, compose, options(sink.url()));
  worker.start();
  ASSERT_TRUE(wait_until([&] { return stats().failed == 4; }));
  worker.stop();
  for (auto id : {a, b, c, give_up}) EXPECT_EQ(row(id)->integer(1), 1) << id;
  EXPECT_EQ(row(give_up)->text(2), "composer gave up");
  EXPECT_TRUE(sink.messages().empty());
}

}  // namespace
}  // namespace rynek::mail::test

namespace rynek::mail::test {
namespace {

TEST_F(WorkerTest, AConnectionTheServerClosedWhileIdleCostsNoRetry) {
  SmtpSink sink(maildir_, 0, {"--idle-timeout", "0.5"});
  auto first = add("first@example.org", "F");
  MailWorker worker(*db_, compose, options(sink.url()));
  worker.start();
  ASSERT_TRUE(wait_until([&] { return stats().sent == 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));  // the server hangs up
  auto second = add("second@example.org", "S");
  worker.wake();
  ASSERT_TRUE(wait_until([&] { return stats().sent == 2; }, std::chrono::seconds(5)));
  worker.stop();
  EXPECT_EQ(row(first)->integer(1), 1);
  EXPECT_EQ(row(second)->integer(1), 1) << row(second)->text(2);
  EXPECT_EQ(sink.messages().size(), 2u);
}

}  // namespace
}  // namespace rynek::mail::test

namespace rynek::mail::test {
namespace {

// Reads of due rows overlap with outcomes becoming durable; a row marked sent
// during a read must not be taken again from that read's older snapshot.
TEST_F(WorkerTest, ABurstOfThousandsIsDeliveredExactlyOnce) {
  SmtpSink sink(maildir_, 0);
  constexpr int kCount = 2000;
  db_->write_and_wait([&](store::Connection& c) {
    for (int i = 0; i < kCount; ++i) {
      enqueue(
          c,
          {MailKind::admin_message, "p" + std::to_string(i) + "@example.org", "P", "pl", "{}", {}},
          core::Clock::now());
    }
  });
  auto o = options(sink.url());
  o.connections = 4;
  o.poll_interval = std::chrono::milliseconds(5);
  MailWorker worker(*db_, compose, o);
  worker.start();
  ASSERT_TRUE(wait_until([&] { return stats().sent == kCount; }));
  worker.stop();
  EXPECT_EQ(sink.messages().size(), static_cast<std::size_t>(kCount));
  EXPECT_EQ(unique_ids(sink).size(), static_cast<std::size_t>(kCount));
}

}  // namespace
}  // namespace rynek::mail::test
