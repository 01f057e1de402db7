// The one route table: every path Rynek answers, its method, stable name,
// handler and body limit. Reading this file tells the whole public surface.
#include "web/admin/account_pages.hpp"
#include "web/admin/articles.hpp"
#include "web/admin/registrations.hpp"
#include "web/admin/seminars_edit.hpp"
#include "web/admin/seminars_list.hpp"
#include "web/admin/settings.hpp"
#include "web/app.hpp"
#include "web/csrf.hpp"
#include "web/feeds.hpp"
#include "web/news.hpp"
#include "web/seminars.hpp"
#include "web/site.hpp"

namespace rynek::web {
namespace {

using Handler = http::Response (*)(App&, http::Request&);
using AsyncHandler = void (*)(App&, http::Request&, http::Responder);

constexpr std::size_t kFormBodyLimit = 64 * 1024;
constexpr std::size_t kSmallBodyLimit = 4 * 1024;

class Table {
 public:
  explicit Table(App& app) : app_(app) {}

  void get(std::string pattern, std::string name, Handler handler) {
    add(http::Method::get, std::move(pattern), std::move(name), handler, 0, http::Csrf::not_needed);
  }
  // Routes whose path holds a personal token: the access log shows the pattern only.
  void get_private(std::string pattern, std::string name, Handler handler) {
    get(std::move(pattern), std::move(name), handler);
    router_.mark_last_private();
  }
  void post_private(std::string pattern, std::string name, AsyncHandler handler,
                    std::size_t body_limit, http::Csrf csrf) {
    post(std::move(pattern), std::move(name), handler, body_limit, csrf);
    router_.mark_last_private();
  }
  void post(std::string pattern, std::string name, AsyncHandler handler, std::size_t body_limit,
            http::Csrf csrf) {
    App& app = app_;
    router_.add(http::Route{
        http::Method::post, std::move(pattern), std::move(name),
        http::AsyncHandler([&app, handler](http::Request& request, http::Responder respond) {
          handler(app, request, std::move(respond));
        }),
        body_limit, csrf});
  }
  http::Router take() { return std::move(router_); }

 private:
  void add(http::Method method, std::string pattern, std::string name, Handler handler,
           std::size_t body_limit, http::Csrf csrf) {
    App& app = app_;
    router_.add(http::Route{method, std::move(pattern), std::move(name),
                            http::SyncHandler([&app, handler](http::Request& request) {
                              return handler(app, request);
                            }),
                            body_limit, csrf});
  }

  App& app_;
  http::Router router_;
};

}  // namespace

http::Router make_router(App& app) {
  using http::Csrf;
  Table t(app);
  // News
  t.get("/", "home", home_page);
  t.get("/aktualnosci", "news.list", news_list_page);
  t.get("/aktualnosci/{slug}", "news.article", article_page);
  t.get("/tagi/{slug}", "news.tag", tag_page);
  t.get("/feed.atom", "news.feed", atom_feed);
  // Seminars and registration
  t.get("/seminaria", "seminars.list", seminars_page);
  t.get("/seminaria/{slug}", "seminars.page", seminar_page);
  t.get("/seminaria/{slug}/kalendarz.ics", "seminars.ics", seminar_ics);
  t.get("/seminaria/{slug}/rejestracja", "seminars.register.form", registration_form);
  t.post("/seminaria/{slug}/rejestracja", "seminars.register.submit", registration_submit,
         kFormBodyLimit, Csrf::visitor_form);
  t.get("/seminaria/{slug}/rejestracja/wyslano", "seminars.register.sent", registration_sent);
  // Personal participation links (the token is the credential; logged as the pattern only)
  t.get_private("/u/{token}", "participant.page", participant_page);
  t.post_private("/u/{token}/potwierdz", "participant.confirm", participant_confirm,
                 kSmallBodyLimit, Csrf::visitor_form);
  t.get_private("/u/{token}/anuluj", "participant.cancel.form", participant_cancel_form);
  t.post_private("/u/{token}/anuluj", "participant.cancel", participant_cancel, kSmallBodyLimit,
                 Csrf::visitor_form);
  t.get_private("/u/{token}/kalendarz.ics", "participant.ics", participant_ics);
  t.post_private("/u/{token}/obecnosc", "participant.heartbeat", participant_heartbeat,
                 kSmallBodyLimit, Csrf::not_needed);
  // Site
  t.get("/sitemap.xml", "sitemap", sitemap);
  t.get("/robots.txt", "robots", robots_txt);
  t.get("/media/{sha256}/{name}", "media", media_file);
  t.get("/jezyk/{lang}", "language", switch_language);
  t.get("/static/{path...}", "static", static_file);
  t.get("/healthz", "healthz", healthz);
  t.get("/readyz", "readyz", readyz);
  auto router = t.take();
  // Back office (/admin): every route there is wrapped by admin::guard with the access it needs;
  // the tables live beside their handlers in web/admin/.
  for (auto& route : admin::account_routes(app)) router.add(std::move(route));
  for (auto& route : admin::article_routes(app)) router.add(std::move(route));
  for (auto& route : admin::seminar_list_routes(app)) router.add(std::move(route));
  for (auto& route : admin::seminar_edit_routes(app)) router.add(std::move(route));
  for (auto& route : admin::registration_routes(app)) router.add(std::move(route));
  for (auto& route : admin::settings_routes(app)) router.add(std::move(route));
  router.set_csrf_guard(make_csrf_guard(app));
  return router;
}

}  // namespace rynek::web
