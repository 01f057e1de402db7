#include "web/feeds.hpp"

#include "content/article.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "view/markdown.hpp"
#include "web/site_settings.hpp"

namespace rynek::web {
namespace {

using core::html_escape;  // escapes &, <, >, " and ': enough for XML text and attributes

constexpr int kFeedEntries = 20;

http::Response xml(std::string body, std::string content_type) {
  return http::Response::text(200, std::move(body), std::move(content_type));
}

}  // namespace

http::Response atom_feed(App& app, http::Request& request) {
  return app.cache.get_or_render("feed " + request.path, request, [&](core::TimePoint& expires) {
    auto now = core::Clock::now();
    struct Entry {
      content::ArticleSummary summary;
      std::string body_md;
      core::TimePoint updated;
    };
    auto [entries, next] = app.db.read([&](store::Connection& db) {
      std::vector<Entry> list;
      for (auto& summary : content::latest_articles(db, now, kFeedEntries)) {
        auto article = content::find_article(db, summary.slug, now);
        if (article) list.push_back({summary, article->body_md, article->updated_at});
      }
      return std::pair(std::move(list), content::next_publication(db, now));
    });
    if (next && *next < expires) expires = *next;
    const auto& base = app.config.base_url;
    const std::string site = html_escape(site_settings(app)->organisation_name);
    std::string updated =
        entries.empty() ? core::format_iso8601(now) : core::format_iso8601(entries.front().updated);
    std::string out =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" +
        app.config.lang + "\">\n";
    out += "  <title>" + site + " – " + html_escape(core::translate(app.config.lang, "News")) +
           "</title>\n";
    out += "  <id>" + html_escape(base) + "/feed.atom</id>\n";
    out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" + html_escape(base) +
           "/feed.atom\"/>\n";
    out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + html_escape(base) +
           "/aktualnosci\"/>\n";
    out += "  <updated>" + updated + "</updated>\n";
    for (const auto& entry : entries) {
      std::string url = base + "/aktualnosci/" + entry.summary.slug;
      out += "  <entry>\n";
      out += "    <title>" + html_escape(entry.summary.title) + "</title>\n";
      out += "    <id>" + html_escape(url) + "</id>\n";
      out += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + html_escape(url) + "\"/>\n";
      out +=
          "    <published>" + core::format_iso8601(entry.summary.published_at) + "</published>\n";
      out += "    <updated>" +
             core::format_iso8601(std::max(entry.updated, entry.summary.published_at)) +
             "</updated>\n";
      out += "    <author><name>" + site + "</name></author>\n";
      if (!entry.summary.lead.empty()) {
        out += "    <summary>" + html_escape(entry.summary.lead) + "</summary>\n";
      }
      out += "    <content type=\"html\">" + html_escape(view::render_markdown(entry.body_md)) +
             "</content>\n";
      out += "  </entry>\n";
    }
    out += "</feed>\n";
    return xml(std::move(out), "application/atom+xml; charset=utf-8");
  });
}

http::Response sitemap(App& app, http::Request& request) {
  return app.cache.get_or_render("sitemap", request, [&](core::TimePoint& expires) {
    auto now = core::Clock::now();
    auto [articles, tags, next] = app.db.read([&](store::Connection& db) {
      return std::tuple(content::latest_articles(db, now, 50000), content::tags_in_use(db, now),
                        content::next_publication(db, now));
    });
    if (next && *next < expires) expires = *next;
    const auto& base = app.config.base_url;
    std::string out =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    auto add = [&](const std::string& path, const std::string& lastmod) {
      out += "  <url><loc>" + html_escape(base + path) + "</loc>";
      if (!lastmod.empty()) out += "<lastmod>" + lastmod + "</lastmod>";
      out += "</url>\n";
    };
    add("/", "");
    add("/aktualnosci", "");
    for (const auto& article : articles) {
      add("/aktualnosci/" + article.slug, core::format_iso8601(article.published_at));
    }
    for (const auto& [tag, count] : tags) add("/tagi/" + tag.slug, "");
    out += "</urlset>\n";
    return xml(std::move(out), "application/xml; charset=utf-8");
  });
}

}  // namespace rynek::web
