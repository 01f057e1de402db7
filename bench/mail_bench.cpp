// bench_mail: enqueues N messages and times the mail worker delivering them all.
//
//   bench_mail --smtp-url smtp://127.0.0.1:PORT [--messages 5000] [--connections 4]
//
// Each message is a realistic confirmation: Polish subject and name, text and
// HTML alternatives and an .ics attachment. The clock runs from start() until
// the outbox reports every row sent (marks durable, synchronous=FULL), so the
// figure includes composing, SMTP and the writer. Prints one line:
//   mail: 5000 messages in 9.87 s = 506 messages/s (4 connections)
// and exits 1 if a message failed or the run took more than 10 minutes.
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>

#include "mail/outbox.hpp"
#include "mail/worker.hpp"

using namespace rynek;

namespace {

const std::string kIcs =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rynek//Forum//PL\r\nMETHOD:PUBLISH\r\n"
    "BEGIN:VEVENT\r\nUID:seminar-1@rynek.bench\r\nDTSTAMP:20260301T090000Z\r\n"
    "DTSTART:20260307T100000Z\r\nDTEND:20260307T140000Z\r\n"
    "SUMMARY:Forum Rozwoju Lokalnego\r\nURL:https://rynek.bench/s/abcdefghijklmnop\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n";

std::optional<mail::Message> compose(const mail::QueuedMessage& row) {
  mail::Message m;
  m.from = "Forum Rozwoju Lokalnego <noreply@rynek.bench>";
  m.to_address = row.to_address;
  m.to_name = row.to_name;
  m.subject = "Potwierdzenie rejestracji: Forum Rozwoju Lokalnego, 7 marca 2026";
  m.text = "Dzień dobry " + row.to_name +
           ",\n\ndziękujemy za rejestrację. Twój osobisty link:\n"
           "https://rynek.bench/s/abcdefghijklmnop\n\nDo zobaczenia!\n";
  m.html = "<p>Dzień dobry " + row.to_name +
           ",</p><p>dziękujemy za rejestrację. <a href=\"https://rynek.bench/s/abcdefghijklmnop\">"
           "Twój osobisty link</a>.</p><p>Do zobaczenia!</p>";
  m.attachments.push_back({"invite.ics", "text/calendar; charset=utf-8; method=PUBLISH", kIcs});
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  std::string url;
  int count = 5000;
  unsigned connections = 4;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--smtp-url")) url = argv[i + 1];
    if (!std::strcmp(argv[i], "--messages")) count = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--connections")) connections = std::atoi(argv[i + 1]);
  }
  if (url.empty() || count <= 0 || connections == 0) {
    std::cerr << "usage: bench_mail --smtp-url URL [--messages N] [--connections C]\n";
    return 2;
  }
  std::string dir = (std::filesystem::temp_directory_path() / "rynek-bench-mail-XXXXXX").string();
  if (!mkdtemp(dir.data())) return 2;
  int status = 1;
  {
    auto db = store::open_database(
        {dir + "/bench.db", std::string(RYNEK_SOURCE_DIR) + "/migrations/sqlite", 2, true});
    db->migrate();
    db->write_and_wait([&](store::Connection& c) {
      for (int i = 0; i < count; ++i) {
        mail::enqueue(c,
                      {mail::MailKind::registration_confirmation,
                       "osoba" + std::to_string(i) + "@example.org",
                       "Łucja Żółć " + std::to_string(i), "pl", "{}", std::nullopt},
                      core::Clock::now());
      }
    });
    mail::WorkerOptions options;
    options.smtp_url = url;
    options.connections = connections;
    options.message_id_host = "rynek.bench";
    mail::MailWorker worker(*db, compose, options);
    auto stats = [&] {
      return db->read([](store::Connection& c) { return mail::outbox_stats(c); });
    };
    const auto start = std::chrono::steady_clock::now();
    worker.start();
    mail::OutboxStats s;
    while ((s = stats()).queued > 0 &&
           std::chrono::steady_clock::now() - start < std::chrono::minutes(10)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    worker.stop();
    std::printf("mail: %lld messages in %.2f s = %.0f messages/s (%u connections)\n",
                static_cast<long long>(s.sent), elapsed.count(), s.sent / elapsed.count(),
                connections);
    if (s.failed > 0 || s.queued > 0) {
      std::fprintf(stderr, "bench_mail: %lld failed, %lld still queued\n",
                   static_cast<long long>(s.failed), static_cast<long long>(s.queued));
    } else {
      status = 0;
    }
    db->close();
  }
  std::filesystem::remove_all(dir);
  return status;
}
