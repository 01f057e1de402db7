// The one route table: every path Rynek answers, its method, stable name,
// handler and body limit. Reading this file tells the whole public surface.
#include "web/app.hpp"
#include "web/feeds.hpp"
#include "web/news.hpp"
#include "web/site.hpp"

namespace rynek::web {

http::Router make_router(App& app) {
  using http::Method;
  // Binds a handler of the form Response(App&, Request&) to this app.
  auto bind = [&app](http::Response (*handler)(App&, http::Request&)) {
    return http::SyncHandler([&app, handler](http::Request& request) { return handler(app, request); });
  };
  http::Router router;
  auto get = [&](std::string pattern, std::string name, http::Response (*handler)(App&, http::Request&)) {
    router.add(http::Route{Method::get, std::move(pattern), std::move(name), bind(handler), 0, http::Csrf::not_needed});
  };
  get("/", "home", home_page);
  get("/aktualnosci", "news.list", news_list_page);
  get("/aktualnosci/{slug}", "news.article", article_page);
  get("/tagi/{slug}", "news.tag", tag_page);
  get("/feed.atom", "news.feed", atom_feed);
  get("/sitemap.xml", "sitemap", sitemap);
  get("/media/{sha256}/{name}", "media", media_file);
  get("/jezyk/{lang}", "language", switch_language);
  get("/static/{path...}", "static", static_file);
  get("/robots.txt", "robots", robots_txt);
  get("/healthz", "healthz", healthz);
  get("/readyz", "readyz", readyz);
  return router;
}

}  // namespace rynek::web
