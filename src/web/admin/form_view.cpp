// The shared pieces of the back office's forms (form_view.hpp).
#include "web/admin/form_view.hpp"

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "http/url.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {

std::string normalise_newlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::vector<std::string> split_trimmed(std::string_view text, char separator) {
  std::vector<std::string> pieces;
  for (auto piece : core::split(text, separator)) {
    auto trimmed = core::trim(piece);
    if (!trimmed.empty()) pieces.emplace_back(trimmed);
  }
  return pieces;
}

view::Value form_field(const std::string& id, const std::string& value,
                       const std::vector<FieldError>& errors, bool has_help) {
  view::Value f;
  f["id"] = id;
  f["value"] = value;
  std::string describedby = has_help ? id + "-help" : "";
  for (const auto& error : errors) {
    if (error.id != id) continue;
    f["has_error"] = true;
    f["error"] = error.message;
    describedby += (describedby.empty() ? "" : " ") + id + "-error";
    break;
  }
  if (!describedby.empty()) f["describedby"] = describedby;
  return f;
}

void add_error_summary(view::Value& context, const std::string& lang,
                       const std::vector<FieldError>& errors) {
  if (errors.empty()) return;
  view::Value::List summary;
  for (const auto& error : errors) {
    view::Value item;
    item["href"] = "#" + error.id;
    item["message"] = error.message;
    summary.push_back(std::move(item));
  }
  context["has_errors"] = true;
  context["errors"] = std::move(summary);
  context["error_count"] =
      core::translate_plural(lang, "The form has %1% error.", "The form has %1% errors.",
                             static_cast<long>(errors.size()));
}

view::Value stored_file_item(const std::string& lang, const content::Attachment& file,
                             const std::string& remove_action) {
  view::Value item;
  item["title"] = file.title;
  item["url"] = "/media/" + file.sha256 + "/" + http::encode_component(file.filename);
  item["type"] = content_type_label(file.content_type);
  item["size"] = core::format_size(static_cast<std::uint64_t>(file.size), lang);
  item["remove_action"] = remove_action;
  return item;
}

void add_conflict(view::Value& context, content::RevisionCheck check) {
  context["conflict"] = check != content::RevisionCheck::current;
  context["conflict_unknown"] = check == content::RevisionCheck::unknown;
}

content::RevisionCheck check_form_revision(std::string& form_revision, std::int64_t stored) {
  auto check = content::check_revision(form_revision, stored);
  if (check != content::RevisionCheck::current) form_revision = std::to_string(stored);
  return check;
}

}  // namespace rynek::web::admin
