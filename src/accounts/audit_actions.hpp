// Every action the audit log records, with its description — the one list, like the
// route table lists every path. record_audit() refuses a key that is not here (an
// invariant break: it throws, so the write job and its change roll back), and the
// audit page shows each entry by its description in the reader's language instead of
// the raw key. The changed-field names an entry's details may carry are listed too, so
// the page can say "Tytuł: „A” → „B”" instead of printing JSON.
#pragma once

#include <span>
#include <string_view>

namespace rynek::accounts {

struct AuditAction {
  std::string_view key;     // stored in audit_log.action, e.g. "article.publish"
  const char* description;  // English message id, translated when shown
};

// All known actions, in the order of the table in audit_actions.cpp.
std::span<const AuditAction> audit_actions();
// The entry for key, or nullptr when the key is unknown.
const AuditAction* find_audit_action(std::string_view key);

// The English message id naming a field of an entry's details ("title" → "Title"),
// or nullptr when the field has no name of its own (it is then shown as it is).
const char* audit_field_label(std::string_view field);

}  // namespace rynek::accounts
