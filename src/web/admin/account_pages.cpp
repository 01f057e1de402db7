// The dashboard, the audit log, and the route list of the account pages.
#include "web/admin/account_pages.hpp"

#include "accounts/audit.hpp"
#include "core/i18n.hpp"
#include "web/admin/audit_view.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
namespace {

constexpr std::size_t kFormBodyLimit = 16 * 1024;
constexpr std::int64_t kAuditPageSize = 50;

http::Route get(std::string pattern, std::string name, http::SyncHandler handler) {
  return http::Route{http::Method::get, std::move(pattern), std::move(name), std::move(handler)};
}

// Signed-in forms carry the session's token; the login and password pages the visitor's.
http::Route post(std::string pattern, std::string name, http::AsyncHandler handler,
                 http::Csrf csrf = http::Csrf::session_form) {
  return http::Route{http::Method::post, std::move(pattern), std::move(name),
                     std::move(handler), kFormBodyLimit,     csrf};
}

http::SyncHandler anonymous(App& app, http::Response (*handler)(App&, http::Request&)) {
  return [&app, handler](http::Request& request) { return handler(app, request); };
}

http::AsyncHandler anonymous_async(App& app,
                                   void (*handler)(App&, http::Request&, http::Responder)) {
  return [&app, handler](http::Request& request, http::Responder respond) {
    handler(app, request, std::move(respond));
  };
}

}  // namespace

std::vector<http::Route> account_routes(App& app) {
  std::vector<http::Route> routes;
  routes.push_back(get("/admin", "admin.dashboard", guard(app, Access::any_account, dashboard)));
  routes.push_back(get("/admin/logowanie", "admin.login.form", anonymous(app, login_form)));
  routes.push_back(post("/admin/logowanie", "admin.login", anonymous_async(app, login_submit),
                        http::Csrf::visitor_form));
  routes.push_back(
      post("/admin/wyloguj", "admin.logout", guard_async(app, Access::any_account, logout_submit)));
  routes.push_back(
      get("/admin/haslo", "admin.password.request.form", anonymous(app, password_request_form)));
  routes.push_back(post("/admin/haslo", "admin.password.request",
                        anonymous_async(app, password_request_submit), http::Csrf::visitor_form));
  // The token is the credential: the access log shows the pattern only.
  routes.push_back(
      get("/admin/haslo/{token}", "admin.password.set.form", anonymous(app, password_set_form)));
  routes.back().log_path = http::LogPath::pattern_only;
  routes.push_back(post("/admin/haslo/{token}", "admin.password.set",
                        anonymous_async(app, password_set_submit), http::Csrf::visitor_form));
  routes.back().log_path = http::LogPath::pattern_only;
  routes.push_back(
      get("/admin/uzytkownicy", "admin.users", guard(app, Access::admins, users_page)));
  routes.push_back(post("/admin/uzytkownicy", "admin.users.create",
                        guard_async(app, Access::admins, user_create)));
  routes.push_back(
      get("/admin/uzytkownicy/{id}", "admin.user", guard(app, Access::admins, user_page)));
  for (const char* action : {"rola", "aktywnosc", "seminaria", "zaproszenie"}) {
    routes.push_back(post(std::string("/admin/uzytkownicy/{id}/") + action,
                          std::string("admin.user.") + action,
                          guard_async(app, Access::admins, user_change)));
  }
  routes.push_back(get("/admin/dziennik", "admin.audit", guard(app, Access::admins, audit_page)));
  return routes;
}

http::Response dashboard(App& app, http::Request& request, const Session& session) {
  const auto lang = request_language(app, request);
  view::Value context;
  context["name"] = session.account.name;
  return render_admin_page(app, request, session, "admin/dashboard", std::move(context),
                           core::translate(lang, "Back office"));
}

http::Response audit_page(App& app, http::Request& request, const Session& session) {
  const auto lang = request_language(app, request);
  std::int64_t page = 1;
  if (auto given = request.query_param("strona")) {
    try {
      page = std::max<std::int64_t>(1, std::stoll(std::string(*given)));
    } catch (const std::exception&) {
      return render_error(app, 400, &request);
    }
  }
  auto [entries, total] = app.db.read([&](store::Connection& db) {
    return std::pair(accounts::list_audit(db, (page - 1) * kAuditPageSize, kAuditPageSize),
                     accounts::count_audit(db));
  });
  const std::int64_t pages =
      std::max<std::int64_t>(1, (total + kAuditPageSize - 1) / kAuditPageSize);
  if (page > pages) return render_error(app, 404, &request);
  view::Value::List rows;
  for (const auto& entry : entries) {
    view::Value row;
    row["at"] = core::format_datetime(lang, entry.at);
    row["at_iso"] = core::format_iso8601(entry.at);
    row["who"] =
        entry.account_id ? entry.account_name : core::translate(lang, "System or command line");
    row["who_email"] = entry.account_email;
    row["action"] = audit_description(lang, entry.action);
    row["action_key"] = entry.action;
    row["object"] = audit_object(lang, entry.object_type, entry.object_id);
    row["summary"] = entry.summary;
    auto changes = audit_changes(lang, entry.details);
    row["has_changes"] = !changes.empty();
    row["changes"] = std::move(changes);
    rows.push_back(std::move(row));
  }
  view::Value context;
  context["entries"] = std::move(rows);
  context["empty"] = entries.empty();
  context["page"] = static_cast<long long>(page);
  context["pages"] = static_cast<long long>(pages);
  if (page > 1) context["previous_url"] = "/admin/dziennik?strona=" + std::to_string(page - 1);
  if (page < pages) context["next_url"] = "/admin/dziennik?strona=" + std::to_string(page + 1);
  return render_admin_page(app, request, session, "admin/audit", std::move(context),
                           core::translate(lang, "Audit log"));
}

}  // namespace rynek::web::admin
