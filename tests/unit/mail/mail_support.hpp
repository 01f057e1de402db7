// Test support for the mail tests: a temporary folder, a migrated SQLite file,
// the real SMTP sink (tests/tools/smtp_sink.py) as a child process, and a small
// reader of the .eml files it writes.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "../store/temp_dir.hpp"
#include "store/database.hpp"

namespace rynek::mail::test {

using store::test::TempDir;

// dir/app.db, migrated, with two read connections.
std::unique_ptr<store::Database> open_test_database(const TempDir& dir);

// A port nothing listens on right now.
int free_port();

// Polls `done` every 20 ms until it holds or `timeout` passes; returns its last value.
bool wait_until(const std::function<bool()>& done,
                std::chrono::milliseconds timeout = std::chrono::seconds(30));

class SmtpSink {
 public:
  // Starts smtp_sink.py with the extra arguments and waits for READY.
  SmtpSink(std::filesystem::path maildir, int port, std::vector<std::string> extra = {});
  ~SmtpSink();  // SIGTERM, then waits
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  std::vector<std::string> messages() const;  // the .eml files' contents, in order
  int sessions() const;

 private:
  std::filesystem::path maildir_;
  int pid_ = -1;
  int port_ = 0;
};

// One MIME entity: its headers (names lower-cased, values unfolded) and body.
struct Entity {
  std::multimap<std::string, std::string> headers;
  std::string body;  // decoded (quoted-printable / base64) for leaves
  std::vector<Entity> parts;

  std::string header(const std::string& name) const;  // first value or ""
  std::size_t count(const std::string& name) const;
  // Depth-first search for a leaf whose Content-Type starts with `type`.
  const Entity* find(const std::string& type) const;
};
Entity parse_message(const std::string& raw);

// "=?UTF-8?B?...?= =?UTF-8?B?...?=" -> UTF-8 text (other text kept as is).
std::string decode_words(const std::string& value);
std::string decode_base64(const std::string& text);
std::string decode_quoted_printable(const std::string& text);

}  // namespace rynek::mail::test
