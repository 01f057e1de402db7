// The audit log: who changed what, and when. Every back-office write job calls
// record_audit() inside the same job as the change, so the entry commits with
// the change or not at all. `details_json` is a JSON object of what changed
// (e.g. {"title":{"from":"A","to":"B"}}); account_id is empty for the system and
// the command line. Admins read the log at /admin/dziennik.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace rynek::accounts {

// action must be one of audit_actions() (accounts/audit_actions.hpp); an unknown key
// throws std::invalid_argument and nothing is written.
void record_audit(store::Connection& db, std::optional<std::int64_t> account_id,
                  std::string_view action, std::string_view object_type, std::int64_t object_id,
                  std::string_view summary, std::string_view details_json, core::TimePoint now);

struct AuditEntry {
  std::int64_t id = 0;
  core::TimePoint at;
  std::optional<std::int64_t> account_id;
  std::string account_name;  // "" for the system
  std::string account_email;
  std::string action;
  std::string object_type;
  std::int64_t object_id = 0;
  std::string summary;
  std::string details;
};

// Newest first.
std::vector<AuditEntry> list_audit(store::Connection& db, std::int64_t offset, std::int64_t limit);
std::int64_t count_audit(store::Connection& db);

}  // namespace rynek::accounts
