#include "web/news.hpp"

#include <charconv>
#include <map>

#include "content/article.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "events/seminar.hpp"
#include "http/url.hpp"
#include "view/markdown.hpp"
#include "web/hero_image.hpp"
#include "web/page.hpp"
#include "web/seminar_view.hpp"

namespace rynek::web {
namespace {

std::string media_url(const std::string& sha256, const std::string& filename) {
  return "/media/" + sha256 + "/" + http::encode_component(filename);
}

// The heroes of these articles with their variants and sizes (inside a read).
template <typename Articles>
HeroImages article_heroes(store::Connection& db, const App& app, const Articles& articles) {
  std::vector<std::string> hashes;
  for (const auto& article : articles) {
    if (article.hero_sha256) hashes.push_back(*article.hero_sha256);
  }
  return content::find_responsive_images(db, app.media, hashes);
}

view::Value summary_value(const std::string& lang, const content::ArticleSummary& article,
                          const HeroImages& images) {
  view::Value value;
  value["slug"] = article.slug;
  value["url"] = "/aktualnosci/" + article.slug;
  value["title"] = article.title;
  value["lead"] = article.lead;
  value["published_iso"] = core::format_iso8601(article.published_at);
  value["published"] = core::format_date(lang, article.published_at);
  set_hero(value, article.hero_sha256, article.hero_alt, images);
  return value;
}

view::Value summaries_value(const std::string& lang,
                            const std::vector<content::ArticleSummary>& articles,
                            const HeroImages& images) {
  view::Value::List list;
  for (const auto& article : articles) list.push_back(summary_value(lang, article, images));
  return list;
}

// "?strona=N": absent means 1; anything but a positive integer is not a page.
std::optional<int> page_number(const http::Request& request) {
  auto text = request.query_param("strona");
  if (!text) return 1;
  int page = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), page);
  if (error != std::errc() || end != text->data() + text->size() || page < 1) return std::nullopt;
  return page;
}

view::Value pagination_value(const std::string& lang, const std::string& base, int page,
                             std::int64_t total) {
  view::Value value;
  auto pages = std::max<std::int64_t>(1, (total + kArticlesPerPage - 1) / kArticlesPerPage);
  value["current"] = page;
  value["pages"] = static_cast<long>(pages);
  value["has_pages"] = pages > 1;
  value["label"] = core::translate(lang, "Pages");
  if (page > 1)
    value["previous_url"] = page == 2 ? base : base + "?strona=" + std::to_string(page - 1);
  if (page < pages) value["next_url"] = base + "?strona=" + std::to_string(page + 1);
  value["count_text"] =
      core::translate_plural(lang, "%1% article", "%1% articles", static_cast<long>(total));
  return value;
}

http::Response list_of_articles(App& app, http::Request& request, const std::string& lang,
                                const std::optional<content::Tag>& tag) {
  auto page = page_number(request);
  if (!page) return render_error(app, 404, &request);
  auto now = core::Clock::now();
  std::string tag_slug = tag ? tag->slug : "";
  auto [articles, total, images] = app.db.read([&](store::Connection& db) {
    int offset = (*page - 1) * kArticlesPerPage;
    auto found = tag ? content::articles_with_tag(db, tag_slug, now, kArticlesPerPage, offset)
                     : content::latest_articles(db, now, kArticlesPerPage, offset);
    auto count =
        tag ? content::count_with_tag(db, tag_slug, now) : content::count_published(db, now);
    auto heroes = article_heroes(db, app, found);
    return std::tuple(std::move(found), count, std::move(heroes));
  });
  if (articles.empty() && *page > 1) return render_error(app, 404, &request);
  std::string base = tag ? "/tagi/" + tag_slug : "/aktualnosci";
  view::Value context;
  context["articles"] = summaries_value(lang, articles, images);
  context["has_articles"] = !articles.empty();
  context["pagination"] = pagination_value(lang, base, *page, total);
  PageMeta meta;
  meta.nav = "news";
  meta.canonical_path = base + (*page > 1 ? "?strona=" + std::to_string(*page) : "");
  if (tag) {
    context["tag_name"] = tag->name;
    meta.title = core::translate(lang, "Tag") + ": " + tag->name;
  } else {
    meta.title = core::translate(lang, "News");
  }
  context["heading"] = meta.title;
  if (*page > 1) {
    meta.title += " – " + core::translate(lang, "page") + " " + std::to_string(*page);
  }
  return render_page(app, request, lang, "news_list", std::move(context), meta);
}

}  // namespace

http::Response home_page(App& app, http::Request& request) {
  auto lang = request_language(app, request);
  return cached_page(
      app, request, lang,
      [&] {
        auto now = core::Clock::now();
        auto [articles, seminars, images] = app.db.read([&](store::Connection& db) {
          auto latest = content::latest_articles(db, now, 7);
          auto upcoming = events::upcoming_seminars(db, now, 3);
          auto heroes = article_heroes(db, app, latest);
          heroes.merge(seminar_heroes(db, app.media, upcoming));
          return std::tuple(std::move(latest), std::move(upcoming), std::move(heroes));
        });
        view::Value context;
        if (!articles.empty()) {
          context["featured"] = summary_value(lang, articles.front(), images);
          articles.erase(articles.begin());
        }
        context["articles"] = summaries_value(lang, articles, images);
        context["has_articles"] = !articles.empty();
        view::Value::List upcoming;
        for (const auto& seminar : seminars) {
          upcoming.push_back(seminar_value(lang, seminar, MaterialsShown::public_only, images));
        }
        context["has_upcoming_seminars"] = !upcoming.empty();
        context["upcoming_seminars"] = std::move(upcoming);
        PageMeta meta;
        meta.title = core::translate(lang, "Home");
        meta.description = core::translate(
            lang, "News, seminars and city experience of the Local Development Forum.");
        meta.canonical_path = "/";
        meta.nav = "home";
        return render_page(app, request, lang, "home", std::move(context), meta);
      },
      std::chrono::minutes(5));  // seminars leave "upcoming" as time passes
}

http::Response news_list_page(App& app, http::Request& request) {
  auto lang = request_language(app, request);
  return cached_page(app, request, lang,
                     [&] { return list_of_articles(app, request, lang, std::nullopt); });
}

http::Response tag_page(App& app, http::Request& request) {
  auto lang = request_language(app, request);
  return cached_page(app, request, lang, [&] {
    auto tag = app.db.read(
        [&](store::Connection& db) { return content::find_tag(db, request.params.at("slug")); });
    if (!tag) return render_error(app, 404, &request);
    return list_of_articles(app, request, lang, tag);
  });
}

http::Response article_page(App& app, http::Request& request) {
  auto lang = request_language(app, request);
  return cached_page(app, request, lang, [&] {
    auto now = core::Clock::now();
    auto found = app.db.read([&](store::Connection& db) {
      auto article = content::find_article(db, request.params.at("slug"), now);
      std::vector<content::ArticleSummary> others;
      HeroImages heroes;
      if (article) {
        others = content::other_articles(db, article->id, now, 4);
        heroes = article_heroes(db, app, std::vector<content::ArticleSummary>{*article});
      }
      return std::tuple(std::move(article), std::move(others), std::move(heroes));
    });
    auto& [article, others, images] = found;
    if (!article) return render_error(app, 404, &request);
    view::Value context = summary_value(lang, *article, images);
    context["body_html"] = view::render_markdown(article->body_md);
    context["published_long"] = core::format_datetime(lang, article->published_at);
    view::Value::List tags;
    for (const auto& tag : article->tags) {
      view::Value value;
      value["name"] = tag.name;
      value["url"] = "/tagi/" + tag.slug;
      tags.push_back(std::move(value));
    }
    context["tags"] = std::move(tags);
    context["has_tags"] = !article->tags.empty();
    view::Value::List files;
    for (const auto& file : article->attachments) {
      view::Value value;
      value["title"] = file.title;
      value["url"] = media_url(file.sha256, file.filename);
      value["type"] = content_type_label(file.content_type);
      value["size"] = core::format_size(static_cast<std::uint64_t>(file.size), lang);
      files.push_back(std::move(value));
    }
    context["attachments"] = std::move(files);
    context["has_attachments"] = !article->attachments.empty();
    context["others"] = summaries_value(lang, others, {});
    context["has_others"] = !others.empty();
    PageMeta meta;
    meta.title = article->title;
    meta.description =
        article->lead.empty() ? view::markdown_to_text(article->body_md, 160) : article->lead;
    meta.canonical_path = "/aktualnosci/" + article->slug;
    meta.nav = "news";
    return render_page(app, request, lang, "article", std::move(context), meta);
  });
}

}  // namespace rynek::web
