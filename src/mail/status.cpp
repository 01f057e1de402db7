#include "mail/status.hpp"

#include <iostream>

#include "mail/outbox.hpp"

namespace rynek::mail {
namespace {

constexpr std::string_view kLatestFailures =
    "SELECT id, kind, attempts, last_error FROM outbox WHERE state = 'failed' "
    "ORDER BY id DESC LIMIT 5";
constexpr std::string_view kNextAttempt =
    "SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'queued'";

}  // namespace

int mail_status(store::Database& db, std::ostream& out) {
  db.read([&](store::Connection& c) {
    const OutboxStats stats = outbox_stats(c);
    out << "queued: " << stats.queued << "\n"
        << "sent: " << stats.sent << "\n"
        << "failed: " << stats.failed << "\n";
    if (stats.queued > 0) {
      if (auto row = c.query_one(kNextAttempt)) out << "next attempt: " << row->text(0) << "\n";
    }
    for (const auto& row : c.query(kLatestFailures)) {
      out << "failed #" << row.integer(0) << " " << row.text(1) << " after " << row.integer(2)
          << " attempt(s): " << row.text(3) << "\n";
    }
  });
  return 0;
}

int mail_status(store::Database& db) {
  return mail_status(db, std::cout);
}

}  // namespace rynek::mail
