// One row's way through the worker: compose, send, decide what becomes of it.
// Kept apart from the threads in worker.cpp so the rules read on their own.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "mail/smtp.hpp"
#include "mail/worker.hpp"

namespace rynek::mail {

struct Outcome {
  enum class Kind { sent, retry, failed };
  std::int64_t id = 0;
  Kind kind = Kind::sent;
  int attempts = 0;              // including this one
  core::TimePoint next_attempt;  // for retry
  std::string error;
};

// "<outbox-ID.CREATEDUNIX@host>"
std::string default_message_id(const QueuedMessage& row, std::string_view host);

Outcome deliver(SmtpSender& sender, const Composer& composer, const WorkerOptions& options,
                const QueuedMessage& row);

// Inside a write job.
void record_outcomes(store::Connection& db, std::span<const Outcome> outcomes, core::TimePoint now);

}  // namespace rynek::mail
