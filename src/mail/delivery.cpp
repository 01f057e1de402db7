#include "mail/delivery.hpp"

#include <spdlog/spdlog.h>

#include <vector>

#include "mail/headers.hpp"

namespace rynek::mail {
namespace {

Outcome failure(const WorkerOptions& options, const QueuedMessage& row, SendStatus status,
                std::string error) {
  Outcome outcome{row.id, Outcome::Kind::failed, row.attempts + 1, {}, std::move(error)};
  if (status == SendStatus::temporary_failure && outcome.attempts < options.max_attempts) {
    outcome.kind = Outcome::Kind::retry;
    outcome.next_attempt = core::Clock::now() + retry_delay(options, outcome.attempts);
  }
  return outcome;
}

std::string host_for(const WorkerOptions& options, const Message& message) {
  if (!options.message_id_host.empty()) return options.message_id_host;
  std::string address = parse_mailbox(message.from).address;
  auto at = address.rfind('@');
  if (at != std::string::npos && is_valid_address(address)) return address.substr(at + 1);
  return "localhost";
}

}  // namespace

std::chrono::seconds retry_delay(const WorkerOptions& options, int attempts) {
  std::chrono::seconds delay = options.base_backoff;
  for (int i = 1; i < attempts && delay < options.max_backoff; ++i) delay *= 2;
  return std::min(delay, options.max_backoff);
}

std::string default_message_id(const QueuedMessage& row, std::string_view host) {
  return "<outbox-" + std::to_string(row.id) + "." +
         std::to_string(row.created_at.time_since_epoch().count()) + "@" + std::string(host) + ">";
}

Outcome deliver(SmtpSender& sender, const Composer& composer, const WorkerOptions& options,
                const QueuedMessage& row) {
  std::optional<Message> message;
  try {
    message = composer(row);
  } catch (const std::exception& error) {
    // Composing reads the database; a failure there is worth another try.
    return failure(options, row, SendStatus::temporary_failure,
                   std::string("compose: ") + error.what());
  }
  if (!message) return failure(options, row, SendStatus::permanent_failure, "composer gave up");
  if (message->to_address.empty()) {
    message->to_address = row.to_address;
    if (message->to_name.empty()) message->to_name = row.to_name;
  }
  if (message->message_id.empty()) {
    message->message_id = default_message_id(row, host_for(options, *message));
  }
  SendResult result;
  try {
    result = sender.send(*message);
  } catch (const std::exception& error) {
    result = {SendStatus::temporary_failure, std::string("send: ") + error.what()};
  }
  if (result.status == SendStatus::sent) {
    return {row.id, Outcome::Kind::sent, row.attempts + 1, {}, ""};
  }
  spdlog::warn("mail: outbox {} {}: {}", row.id,
               result.status == SendStatus::permanent_failure ? "failed" : "will be retried",
               result.error);
  return failure(options, row, result.status, std::move(result.error));
}

void record_outcomes(store::Connection& db, std::span<const Outcome> outcomes,
                     core::TimePoint now) {
  std::vector<std::int64_t> sent;
  for (const Outcome& outcome : outcomes) {
    switch (outcome.kind) {
      case Outcome::Kind::sent:
        sent.push_back(outcome.id);
        break;
      case Outcome::Kind::retry:
        mark_retry(db, outcome.id, outcome.attempts, outcome.next_attempt, outcome.error);
        break;
      case Outcome::Kind::failed:
        mark_failed(db, outcome.id, outcome.attempts, outcome.error);
        break;
    }
  }
  mark_sent(db, sent, now);
}

}  // namespace rynek::mail
