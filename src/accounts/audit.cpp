#include "accounts/audit.hpp"

#include <stdexcept>

#include "accounts/audit_actions.hpp"

namespace rynek::accounts {

void record_audit(store::Connection& db, std::optional<std::int64_t> account_id,
                  std::string_view action, std::string_view object_type, std::int64_t object_id,
                  std::string_view summary, std::string_view details_json, core::TimePoint now) {
  // An action missing from audit_actions.cpp would show as a raw key: refuse it, so the
  // job (and the change it records) rolls back and the test that reaches it fails.
  if (!find_audit_action(action))
    throw std::invalid_argument("audit action '" + std::string(action) +
                                "' is not listed in accounts/audit_actions.cpp");
  db.execute(
      "INSERT INTO audit_log (at, account_id, action, object_type, object_id, summary, details)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)",
      {core::format_iso8601(now), account_id ? store::Value(*account_id) : store::Value(nullptr),
       std::string(action), std::string(object_type), object_id, std::string(summary),
       details_json.empty() ? std::string("{}") : std::string(details_json)});
}

std::vector<AuditEntry> list_audit(store::Connection& db, std::int64_t offset, std::int64_t limit) {
  std::vector<AuditEntry> entries;
  auto rows = db.query(
      "SELECT l.id, l.at, l.account_id, a.name, a.email, l.action, l.object_type, l.object_id, l.summary, l.details"
      " FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id ORDER BY l.at DESC, l.id DESC LIMIT ? OFFSET ?",
      {limit, offset});
  for (const auto& row : rows) {
    AuditEntry entry;
    entry.id = row.integer(0);
    entry.at = core::parse_iso8601(row.text(1)).value_or(core::TimePoint{});
    if (!row.is_null(2)) entry.account_id = row.integer(2);
    entry.account_name = row.text(3);
    entry.account_email = row.text(4);
    entry.action = row.text(5);
    entry.object_type = row.text(6);
    entry.object_id = row.integer(7);
    entry.summary = row.text(8);
    entry.details = row.text(9);
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::int64_t count_audit(store::Connection& db) {
  return db.query_one("SELECT COUNT(*) FROM audit_log")->integer(0);
}

}  // namespace rynek::accounts
