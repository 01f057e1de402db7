// Rendering the article form (articles_form.hpp).
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "http/url.hpp"
#include "web/admin/articles_form.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
namespace {

view::Value field(const std::string& id, const std::string& value, const std::vector<FieldError>& errors,
                  bool has_help) {
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

}  // namespace

std::string status_label(const std::string& lang, content::DisplayStatus status) {
  switch (status) {
    case content::DisplayStatus::draft: return core::translate(lang, "Draft");
    case content::DisplayStatus::scheduled: return core::translate(lang, "Scheduled");
    case content::DisplayStatus::published: return core::translate(lang, "Published");
    case content::DisplayStatus::unpublished: return core::translate(lang, "Unpublished");
  }
  return "";
}

http::Response render_article_form(const App& app, const http::Request& request, const Session& session,
                                   const ArticleFormInput& values,
                                   const std::optional<content::EditableArticle>& existing,
                                   const std::vector<FieldError>& errors, const std::string& notice, int status,
                                   const std::optional<ArticlePreview>& preview) {
  const auto lang = request_language(app, request);
  const auto now = core::Clock::now();
  view::Value context;
  context["title_field"] = field("title", values.title, errors, false);
  context["slug_field"] = field("slug", values.slug, errors, true);
  context["lead_field"] = field("lead", values.lead, errors, false);
  context["body_field"] = field("body", values.body, errors, true);
  context["tags_field"] = field("tags", values.tags, errors, true);
  context["published_at_field"] = field("published_at", values.published_at, errors, true);
  context["hero_field"] = field("hero", "", errors, true);
  context["hero_alt_field"] = field("hero_alt", values.hero_alt, errors, true);
  context["remove_hero"] = values.remove_hero;
  if (!notice.empty()) context["notice"] = notice;
  if (preview) {
    context["has_preview"] = true;
    context["preview_html"] = preview->body_html;
    context["preview_empty"] = core::trim(preview->body_html).empty();
    context["preview_hero_dropped"] = preview->hero_dropped;
  }
  if (!errors.empty()) {
    view::Value::List summary;
    for (const auto& error : errors) {
      view::Value item;
      item["href"] = "#" + error.id;
      item["message"] = error.message;
      summary.push_back(std::move(item));
    }
    context["has_errors"] = true;
    context["errors"] = std::move(summary);
    context["error_count"] = core::translate_plural(lang, "The form has %1% error.", "The form has %1% errors.",
                                                    static_cast<long>(errors.size()));
  }
  std::string heading;
  if (existing) {
    const std::string base = "/admin/artykuly/" + std::to_string(existing->id);
    auto shown = content::display_status(existing->status, existing->fields.published_at, now);
    context["is_existing"] = true;
    context["action"] = base;
    context["preview_url"] = base + "/podglad";
    context["attachment_action"] = base + "/zalaczniki";
    context["status"] = status_label(lang, shown);
    context["status_class"] = std::string(content::display_status_name(shown));
    context["can_unpublish"] = existing->status == content::ArticleStatus::published;
    if (shown == content::DisplayStatus::published) context["public_url"] = "/aktualnosci/" + existing->fields.slug;
    if (existing->fields.hero_sha256) {
      context["hero_url"] = "/media/" + *existing->fields.hero_sha256 + "/image";
      context["current_hero_alt"] = existing->fields.hero_alt;
    }
    view::Value::List files;
    for (const auto& attachment : existing->attachments) {
      view::Value file;
      file["title"] = attachment.file.title;
      file["url"] = "/media/" + attachment.file.sha256 + "/" + http::encode_component(attachment.file.filename);
      file["type"] = content_type_label(attachment.file.content_type);
      file["size"] = core::format_size(static_cast<std::uint64_t>(attachment.file.size), lang);
      file["remove_action"] = base + "/zalaczniki/" + std::to_string(attachment.id) + "/usun";
      files.push_back(std::move(file));
    }
    context["has_attachments"] = !files.empty();
    context["attachments"] = std::move(files);
    heading = core::translate(lang, "Edit article") + ": " + existing->fields.title;
  } else {
    context["action"] = "/admin/artykuly/nowy";
    heading = core::translate(lang, "New article");
  }
  context["heading"] = heading;
  return render_admin_page(app, request, session, "admin/articles/form", std::move(context), heading, status);
}

}  // namespace rynek::web::admin
