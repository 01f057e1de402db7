#include "web/admin/audit_view.hpp"

#include <array>
#include <boost/json.hpp>

#include "accounts/audit_actions.hpp"
#include "core/i18n.hpp"

namespace rynek::web::admin {
namespace {

using core::N_;

struct Label {
  std::string_view raw;
  const char* msgid;
};

// Stored values that name a state or a choice, shown as words.
constexpr std::array kValues{
    Label{"draft", N_("draft (status)")},
    Label{"published", N_("published (status)")},
    Label{"unpublished", N_("unpublished (status)")},
    Label{"admin", N_("Administrator")},
    Label{"editor", N_("Editor")},
    Label{"organiser", N_("Organiser")},
    Label{"registered", N_("registered (state)")},
    Label{"waitlisted", N_("on the waiting list (state)")},
    Label{"pending_approval", N_("waiting for approval (state)")},
    Label{"rejected", N_("rejected (state)")},
    Label{"cancelled", N_("cancelled (state)")},
    Label{"public", N_("everyone (audience)")},
    Label{"participants", N_("participants (audience)")},
};

constexpr std::array kObjects{
    Label{"article", N_("Article")},        Label{"seminar", N_("Seminar")},
    Label{"account", N_("Account")},        Label{"registration", N_("Registration")},
    Label{"settings", N_("Site settings")},
};

std::string value_text(const std::string& lang, const boost::json::value& value) {
  if (value.is_string()) {
    const std::string text(value.as_string());
    for (const auto& label : kValues)
      if (label.raw == text) return core::translate(lang, label.msgid);
    return text;
  }
  if (value.is_bool())
    return core::translate(lang, value.as_bool() ? N_("yes (value)") : N_("no (value)"));
  if (value.is_array()) {
    std::string out;
    for (const auto& item : value.as_array()) {
      if (!out.empty()) out += ", ";
      out += value_text(lang, item);
    }
    return out.empty() ? "—" : out;
  }
  if (value.is_object()) {
    std::string out;
    for (const auto& [key, item] : value.as_object()) {
      if (!out.empty()) out += "; ";
      const char* label = accounts::audit_field_label(key);
      out +=
          (label ? core::translate(lang, label) : std::string(key)) + ": " + value_text(lang, item);
    }
    return out;
  }
  return boost::json::serialize(value);
}

std::string quoted(const std::string& lang, const boost::json::value& value) {
  auto text = value_text(lang, value);
  if (text.empty()) return core::translate(lang, "(empty)");
  return value.is_string() ? "„" + text + "”" : text;
}

}  // namespace

std::string audit_description(const std::string& lang, const std::string& action) {
  const auto* known = accounts::find_audit_action(action);
  return known ? core::translate(lang, known->description) : action;
}

std::string audit_object(const std::string& lang, const std::string& type, std::int64_t id) {
  for (const auto& label : kObjects)
    if (label.raw == type) return core::translate(lang, label.msgid) + " #" + std::to_string(id);
  return type + " #" + std::to_string(id);
}

view::Value::List audit_changes(const std::string& lang, const std::string& details_json) {
  view::Value::List rows;
  boost::system::error_code error;
  auto parsed = boost::json::parse(details_json, error);
  if (error || !parsed.is_object()) {
    if (!details_json.empty() && details_json != "{}") {
      view::Value row;
      row["field"] = core::translate(lang, "Details");
      row["change"] = details_json;
      rows.push_back(std::move(row));
    }
    return rows;
  }
  for (const auto& [key, value] : parsed.as_object()) {
    view::Value row;
    const char* label = accounts::audit_field_label(key);
    row["field"] = label ? core::translate(lang, label) : std::string(key);
    const auto* change = value.if_object();
    if (change && change->contains("from") && change->contains("to") && change->size() == 2) {
      row["change"] = quoted(lang, change->at("from")) + " → " + quoted(lang, change->at("to"));
    } else if (value.is_string() && value.as_string() == "changed") {
      row["change"] = core::translate(lang, "changed (value)");
    } else {
      row["change"] = quoted(lang, value);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace rynek::web::admin
