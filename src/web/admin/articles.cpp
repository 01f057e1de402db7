// Article pages of the back office (see articles.hpp for the routes).
#include "web/admin/articles.hpp"

#include "content/editing.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "http/url.hpp"
#include "view/markdown.hpp"
#include "web/admin/articles_delete.hpp"
#include "web/admin/articles_form.hpp"
#include "web/admin/post_state.hpp"
#include "web/admin/uploads.hpp"
#include "web/hero_image.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
namespace {

constexpr int kPerPage = 50;

std::optional<DraftSummary> load_draft(store::Connection& db, std::int64_t id) {
  auto article = content::load_article(db, id);
  if (!article) return std::nullopt;
  return DraftSummary{article->fields.title, article->fields.slug, article->status,
                      article->revision, false};
}

constexpr DraftKind kArticleDrafts{"article", "/admin/artykuly", "Articles",
                                   "",        load_draft,        content::delete_draft_article};

}  // namespace

http::Response articles_list(App& app, http::Request& request, const Session& session) {
  const auto lang = request_language(app, request);
  const std::string search(core::trim(request.query_param("q").value_or("")));
  const auto now = core::Clock::now();
  auto articles = app.db.read([&](store::Connection& db) {
    return content::list_articles_for_editing(db, search, kPerPage, 0);
  });
  view::Value::List rows;
  for (const auto& article : articles) {
    auto shown = content::display_status(article.status, article.published_at, now);
    view::Value row;
    row["title"] = article.title;
    row["edit_url"] = "/admin/artykuly/" + std::to_string(article.id);
    if (article.status == content::ArticleStatus::draft) {
      row["delete_url"] = "/admin/artykuly/" + std::to_string(article.id) + "/usun";
    }
    row["status"] = status_label(lang, shown);
    row["status_class"] = std::string(content::display_status_name(shown));
    row["published"] = warsaw_local(article.published_at);
    row["published_iso"] = core::format_iso8601(article.published_at);
    rows.push_back(std::move(row));
  }
  view::Value context;
  context["search"] = search;
  context["has_search"] = !search.empty();
  context["has_articles"] = !rows.empty();
  context["articles"] = std::move(rows);
  if (auto notice = draft_deleted_notice(lang, request); !notice.empty())
    context["notice"] = notice;
  return render_admin_page(app, request, session, "admin/articles/list", std::move(context),
                           core::translate(lang, "Articles"));
}

http::Response article_new_form(App& app, http::Request& request, const Session& session) {
  return render_article_form(app, request, session, ArticleFormInput{}, std::nullopt, {}, "");
}

http::Response article_edit_form(App& app, http::Request& request, const Session& session) {
  auto id = id_param(request);
  if (!id) return render_error(app, 404, &request);
  auto article = app.db.read([&](store::Connection& db) { return content::load_article(db, *id); });
  if (!article) return render_error(app, 404, &request);
  const auto lang = request_language(app, request);
  std::string notice;
  if (auto saved = request.query_param("zapisano")) {
    notice = core::translate(lang, *saved == "zalacznik"      ? "The attachment was added."
                                   : *saved == "usunieto"     ? "The attachment was removed."
                                   : *saved == "opublikowano" ? "The article was published."
                                   : *saved == "wycofano"     ? "The article was unpublished."
                                                              : "The article was saved.");
  }
  return render_article_form(app, request, session, form_from_article(*article), article, {},
                             notice);
}

http::Response article_preview(App& app, http::Request& request, const Session& session) {
  auto id = id_param(request);
  if (!id) return render_error(app, 404, &request);
  auto [article, images] = app.db.read([&](store::Connection& db) {
    auto found = content::article_for_preview(db, *id);
    HeroImages heroes;
    if (found && found->hero_sha256)
      heroes = content::find_responsive_images(db, app.media, {*found->hero_sha256});
    return std::pair(std::move(found), std::move(heroes));
  });
  if (!article) return render_error(app, 404, &request);
  const auto lang = request_language(app, request);
  view::Value context;
  context["title"] = article->title;
  context["lead"] = article->lead;
  context["published_iso"] = core::format_iso8601(article->published_at);
  context["published_long"] = core::format_datetime(lang, article->published_at);
  set_hero(context, article->hero_sha256, article->hero_alt, images);
  context["body_html"] = view::render_markdown(article->body_md);
  view::Value::List tags;
  for (const auto& tag : article->tags) {
    view::Value value;
    value["name"] = tag.name;
    value["url"] = "/tagi/" + tag.slug;
    tags.push_back(std::move(value));
  }
  context["has_tags"] = !tags.empty();
  context["tags"] = std::move(tags);
  view::Value::List files;
  for (const auto& file : article->attachments) {
    view::Value value;
    value["title"] = file.title;
    value["url"] = "/media/" + file.sha256 + "/" + http::encode_component(file.filename);
    value["type"] = content_type_label(file.content_type);
    value["size"] = core::format_size(static_cast<std::uint64_t>(file.size), lang);
    files.push_back(std::move(value));
  }
  context["has_attachments"] = !files.empty();
  context["attachments"] = std::move(files);
  context["edit_url"] = "/admin/artykuly/" + std::to_string(*id);
  return render_admin_page(app, request, session, "admin/articles/preview", std::move(context),
                           core::translate(lang, "Preview") + ": " + article->title);
}

http::Response article_delete_form(App& app, http::Request& request, const Session& session) {
  return draft_delete_form(app, request, session, kArticleDrafts);
}

void article_delete(App& app, http::Request& request, const Session& session,
                    http::Responder respond) {
  draft_delete(app, request, session, std::move(respond), kArticleDrafts);
}

std::vector<http::Route> article_routes(App& app) {
  constexpr auto kEditors = Access::editors;
  return {
      admin_get(app, kEditors, "/admin/artykuly", "admin.articles", articles_list),
      // "nowy" before "{id}": the first matching route wins.
      admin_get(app, kEditors, "/admin/artykuly/nowy", "admin.article.new", article_new_form),
      admin_post(app, kEditors, "/admin/artykuly/nowy", "admin.article.create", article_save,
                 kImageFormBodyLimit),
      admin_get(app, kEditors, "/admin/artykuly/{id}", "admin.article.edit", article_edit_form),
      admin_post(app, kEditors, "/admin/artykuly/{id}", "admin.article.save", article_save,
                 kImageFormBodyLimit),
      admin_get(app, kEditors, "/admin/artykuly/{id}/podglad", "admin.article.preview",
                article_preview),
      admin_get(app, kEditors, "/admin/artykuly/{id}/usun", "admin.article.delete.form",
                article_delete_form),
      admin_post(app, kEditors, "/admin/artykuly/{id}/usun", "admin.article.delete", article_delete,
                 kSmallFormBodyLimit),
      admin_post(app, kEditors, "/admin/artykuly/{id}/zalaczniki", "admin.article.attachment.add",
                 article_attachment_add, kAttachmentFormBodyLimit),
      admin_post(app, kEditors, "/admin/artykuly/{id}/zalaczniki/{file}/usun",
                 "admin.article.attachment.remove", article_attachment_remove, kSmallFormBodyLimit),
  };
}

}  // namespace rynek::web::admin
