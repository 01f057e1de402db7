// Rendering the article form (articles_form.hpp).
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "web/admin/articles_form.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {

std::string status_label(const std::string& lang, content::DisplayStatus status) {
  switch (status) {
    case content::DisplayStatus::draft:
      return core::translate(lang, "Draft");
    case content::DisplayStatus::scheduled:
      return core::translate(lang, "Scheduled");
    case content::DisplayStatus::published:
      return core::translate(lang, "Published");
    case content::DisplayStatus::unpublished:
      return core::translate(lang, "Unpublished");
  }
  return "";
}

http::Response render_article_form(const App& app, const http::Request& request,
                                   const Session& session, const ArticleFormInput& values,
                                   const std::optional<content::EditableArticle>& existing,
                                   const std::vector<FieldError>& errors, const std::string& notice,
                                   int status, const std::optional<ArticlePreview>& preview,
                                   content::RevisionCheck conflict) {
  const auto lang = request_language(app, request);
  const auto now = core::Clock::now();
  view::Value context;
  context["title_field"] = form_field("title", values.title, errors, false);
  context["slug_field"] = form_field("slug", values.slug, errors, true);
  context["lead_field"] = form_field("lead", values.lead, errors, false);
  context["body_field"] = form_field("body", values.body, errors, true);
  context["tags_field"] = form_field("tags", values.tags, errors, true);
  context["published_at_field"] = form_field("published_at", values.published_at, errors, true);
  context["hero_field"] = form_field("hero", "", errors, true);
  context["hero_alt_field"] = form_field("hero_alt", values.hero_alt, errors, true);
  context["remove_hero"] = values.remove_hero;
  if (!notice.empty()) {
    context["notice"] = notice;
    // After a save the notice confirms it; on a re-rendered form it warns (an image not kept).
    const bool success = status == 200 && errors.empty() && !preview;
    context["notice_class"] = success ? "notice-success" : "notice-warning";
  }
  if (preview) {
    context["has_preview"] = true;
    context["preview_html"] = preview->body_html;
    context["preview_empty"] = core::trim(preview->body_html).empty();
    context["preview_hero_dropped"] = preview->hero_dropped;
  }
  add_error_summary(context, lang, errors);
  add_conflict(context, conflict);
  context["revision"] = values.revision;
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
    if (existing->status == content::ArticleStatus::draft) context["delete_url"] = base + "/usun";
    if (shown == content::DisplayStatus::published)
      context["public_url"] = "/aktualnosci/" + existing->fields.slug;
    if (existing->fields.hero_sha256) {
      context["hero_url"] = "/media/" + *existing->fields.hero_sha256 + "/image";
      context["current_hero_alt"] = existing->fields.hero_alt;
    }
    view::Value::List files;
    for (const auto& attachment : existing->attachments) {
      files.push_back(stored_file_item(
          lang, attachment.file, base + "/zalaczniki/" + std::to_string(attachment.id) + "/usun"));
    }
    context["has_attachments"] = !files.empty();
    context["attachments"] = std::move(files);
    heading = core::translate(lang, "Edit article") + ": " + existing->fields.title;
  } else {
    context["action"] = "/admin/artykuly/nowy";
    heading = core::translate(lang, "New article");
  }
  context["heading"] = heading;
  return render_admin_page(app, request, session, "admin/articles/form", std::move(context),
                           heading, status);
}

}  // namespace rynek::web::admin
