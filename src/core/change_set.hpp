// The JSON object of what an edit changed, for the audit log (accounts/audit.hpp):
// {"field": {"from": old, "to": new}} for short values, "changed" for long text
// and lists. Articles, seminars and site settings record their edits with it, so
// the audit page reads every entry the same way.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <string>

namespace rynek::core {

class ChangeSet {
 public:
  void compare(const char* field, const std::string& before, const std::string& after) {
    if (before == after) return;
    boost::json::object change;
    change["from"] = before;
    change["to"] = after;
    changes_[field] = std::move(change);
  }
  void mark(const char* field, bool changed) {
    if (changed) changes_[field] = "changed";
  }
  void set(const char* field, std::int64_t value) { changes_[field] = value; }
  bool empty() const { return changes_.empty(); }
  std::string json() const { return boost::json::serialize(changes_); }

 private:
  boost::json::object changes_;
};

}  // namespace rynek::core
