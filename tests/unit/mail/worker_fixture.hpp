// A database, a sink folder and a composer, shared by the worker tests.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "mail/outbox.hpp"
#include "mail/worker.hpp"
#include "mail_support.hpp"

namespace rynek::mail::test {

inline const std::string kIcs =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rynek//PL\r\nMETHOD:PUBLISH\r\n"
    "BEGIN:VEVENT\r\nUID:seminar-1@rynek.test\r\nSUMMARY:Forum Rozwoju Lokalnego\r\n"
    "DTSTART:20260307T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

// Payload: {"subject": "...", "text": "...", "html": "...", "ics": true}
inline std::optional<Message> compose(const QueuedMessage& row) {
  auto payload = boost::json::parse(row.payload).as_object();
  if (payload.contains("give_up")) return std::nullopt;
  Message message;
  message.from = "Rynek Forum <noreply@rynek.test>";
  message.to_address = row.to_address;
  message.to_name = row.to_name;
  auto text = [&](const char* key, const char* fallback) {
    return payload.contains(key) ? std::string(payload.at(key).as_string()) : fallback;
  };
  message.subject = text("subject", "Potwierdzenie");
  message.text = text("text", "Dzień dobry,\nto jest wiadomość.\n");
  message.html = text("html", "<p>Dzień dobry</p>");
  if (payload.contains("ics")) {
    message.attachments.push_back(
        {"invite.ics", "text/calendar; charset=utf-8; method=PUBLISH", kIcs});
  }
  return message;
}

class WorkerTest : public ::testing::Test {
 protected:
  std::int64_t add(const std::string& address, const std::string& name,
                   const boost::json::object& payload = {}) {
    std::optional<std::int64_t> id;
    NewMessage message{MailKind::admin_message,         address, name, "pl",
                       boost::json::serialize(payload), {}};
    db_->write_and_wait(
        [&](store::Connection& c) { id = enqueue(c, message, core::Clock::now()); });
    return *id;
  }
  OutboxStats stats() {
    return db_->read([](store::Connection& c) { return outbox_stats(c); });
  }
  std::optional<store::Row> row(std::int64_t id) {
    return db_->read([&](store::Connection& c) {
      return c.query_one("SELECT state, attempts, last_error FROM outbox WHERE id = ?", {id});
    });
  }
  WorkerOptions options(const std::string& url) {
    WorkerOptions o;
    o.smtp_url = url;
    o.connections = 2;
    o.base_backoff = std::chrono::seconds(1);
    o.max_backoff = std::chrono::seconds(2);
    o.poll_interval = std::chrono::milliseconds(100);
    o.smtp_timeout = std::chrono::seconds(5);
    o.message_id_host = "rynek.test";
    return o;
  }
  // Every received message's Message-ID, checking none arrived twice.
  std::set<std::string> unique_ids(const SmtpSink& sink) {
    std::set<std::string> ids;
    for (const auto& raw : sink.messages()) {
      auto id = parse_message(raw).header("Message-ID");
      EXPECT_TRUE(ids.insert(id).second) << "delivered twice: " << id;
    }
    return ids;
  }

  TempDir dir_;
  std::unique_ptr<store::Database> db_ = open_test_database(dir_);
  std::filesystem::path maildir_ = dir_.path() / "mail";
};

}  // namespace rynek::mail::test
