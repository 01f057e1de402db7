// One SMTP connection, kept open between messages.
//
// SmtpSender owns one libcurl easy handle; libcurl keeps the connection of a
// handle open after a transfer and reuses it for the next one, so a sender sends
// message after message over one connection (a fresh one only when the server
// closed it). Not thread-safe: the mail worker gives each thread its own.
//
// URL: smtp://host:port (STARTTLS when the server offers it) or
// smtps://host:port (TLS from the start); "user:password@" in either turns on
// AUTH, with percent-escapes decoded.
//
// Outcomes: the server accepted the message; a permanent failure (a 5xx
// answer, or a message that can never be sent, such as a malformed address);
// or a temporary failure worth retrying (4xx answers, refused connections,
// timeouts, TLS or network trouble).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "mail/message.hpp"

namespace rynek::mail {

enum class SendStatus { sent, temporary_failure, permanent_failure };

struct SendResult {
  SendStatus status = SendStatus::sent;
  std::string error;  // for last_error and logs; empty when sent
};

class SmtpSender {
 public:
  SmtpSender(const std::string& url, std::chrono::seconds timeout);
  ~SmtpSender();
  SmtpSender(const SmtpSender&) = delete;
  SmtpSender& operator=(const SmtpSender&) = delete;

  SendResult send(const Message& message);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rynek::mail
